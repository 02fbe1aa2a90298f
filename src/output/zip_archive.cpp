#include "output/zip_archive.h"

#include <sys/stat.h>
#include <zip.h>

#include <cerrno>
#include <memory>

#include "util/atomic_file.h"

namespace dauys {

namespace {

/// 1980-01-01 00:00:00, the first time a ZIP entry can carry, for every entry.
constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr zip_uint16_t kDosTime = 0;
constexpr zip_uint32_t kRegularFile = 0100644u << 16;  ///< -rw-r--r--, as Unix zip records it.

/// Where libzip writes the archive: the temporary of an AtomicFile. libzip sees a
/// source with no archive in it yet (so it starts a new one) that it may seek in to
/// fill in the local headers.
struct Sink {
  explicit Sink(AtomicFile& f) : file(f) { zip_error_init(&error); }
  ~Sink() { zip_error_fini(&error); }
  AtomicFile& file;
  uint64_t size = 0;
  uint64_t at = 0;
  zip_error_t error;
  Status failure;  ///< The AtomicFile's own message for a failed write.
};

zip_int64_t Write(Sink& sink, const void* data, zip_uint64_t len) {
  Status s = sink.file.WriteAt(sink.at, std::string_view(static_cast<const char*>(data), len));
  if (!s) {
    sink.failure = s;
    zip_error_set(&sink.error, ZIP_ER_WRITE, errno ? errno : EIO);
    return -1;
  }
  sink.at += len;
  sink.size = std::max(sink.size, sink.at);
  return static_cast<zip_int64_t>(len);
}

zip_int64_t SinkCallback(void* user, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  Sink& sink = *static_cast<Sink*>(user);
  switch (cmd) {
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL,
                                            ZIP_SOURCE_SUPPORTS, ZIP_SOURCE_BEGIN_WRITE, ZIP_SOURCE_COMMIT_WRITE,
                                            ZIP_SOURCE_ROLLBACK_WRITE, ZIP_SOURCE_WRITE, ZIP_SOURCE_SEEK_WRITE,
                                            ZIP_SOURCE_TELL_WRITE, ZIP_SOURCE_REMOVE, -1);
    case ZIP_SOURCE_STAT:  // no archive there yet: libzip starts a new one
      zip_error_set(&sink.error, ZIP_ER_READ, ENOENT);
      return -1;
    case ZIP_SOURCE_BEGIN_WRITE:
      sink.at = sink.size = 0;
      return 0;
    case ZIP_SOURCE_WRITE: return Write(sink, data, len);
    case ZIP_SOURCE_SEEK_WRITE: {
      zip_int64_t to = zip_source_seek_compute_offset(sink.at, sink.size, data, len, &sink.error);
      if (to < 0) return -1;
      sink.at = static_cast<uint64_t>(to);
      return 0;
    }
    case ZIP_SOURCE_TELL_WRITE: return static_cast<zip_int64_t>(sink.at);
    case ZIP_SOURCE_COMMIT_WRITE:
    case ZIP_SOURCE_ROLLBACK_WRITE:  // the caller drops the temporary
    case ZIP_SOURCE_REMOVE:
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_FREE: return 0;
    case ZIP_SOURCE_ERROR: return zip_error_to_data(&sink.error, data, len);
    default:  // reading: there is nothing to read
      zip_error_set(&sink.error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
  }
}

std::string Describe(zip_error_t* error) { return zip_error_strerror(error); }

/// The source of one entry's content; null with `why` set on failure.
zip_source_t* EntrySource(const ZipEntry& entry, std::string& why) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = nullptr;
  if (entry.file.empty()) {
    source = zip_source_buffer_create(entry.bytes.data(), entry.bytes.size(), 0, &error);
  } else {
    struct stat st {};
    // Only a regular file: a planted link is not followed into the archive.
    if (::lstat(entry.file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
      why = entry.file.string() + ": not a regular file";
      zip_error_fini(&error);
      return nullptr;
    }
    source = zip_source_file_create(entry.file.c_str(), 0, static_cast<zip_int64_t>(st.st_size), &error);
  }
  if (!source) why = entry.name + ": " + Describe(&error);
  zip_error_fini(&error);
  return source;
}

/// Adds `entry` with its fixed time, permissions and compression.
Status AddEntry(zip_t* archive, const ZipEntry& entry) {
  std::string why;
  zip_source_t* source = EntrySource(entry, why);
  if (!source) return Error{why};
  zip_int64_t index = zip_file_add(archive, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(source);
    return Error{entry.name + ": " + zip_strerror(archive)};
  }
  const auto i = static_cast<zip_uint64_t>(index);
  if (zip_set_file_compression(archive, i, entry.compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 9) != 0 ||
      zip_file_set_dostime(archive, i, kDosTime, kDosDate, 0) != 0 ||
      zip_file_set_external_attributes(archive, i, 0, ZIP_OPSYS_UNIX, kRegularFile) != 0) {
    return Error{entry.name + ": " + zip_strerror(archive)};
  }
  return {};
}

}  // namespace

Status WriteZip(const std::vector<ZipEntry>& entries, AtomicFile& out) {
  if (Status s = out.Open(); !s) return s;
  const std::string where = out.target().string();
  Sink sink(out);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_function_create(SinkCallback, &sink, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_CREATE | ZIP_TRUNCATE, &error) : nullptr;
  if (!archive) {
    if (source) zip_source_free(source);
    Error e{where + ": cannot start the archive: " + Describe(&error)};
    zip_error_fini(&error);
    return e;
  }
  zip_error_fini(&error);
  for (const ZipEntry& entry : entries) {
    if (Status s = AddEntry(archive, entry); !s) {
      zip_discard(archive);
      return Error{where + ": " + s.error().message};
    }
  }
  if (zip_close(archive) != 0) {
    Error e{where + ": cannot write the archive: " + (sink.failure ? std::string(zip_strerror(archive))
                                                                   : sink.failure.error().message)};
    zip_discard(archive);
    return e;
  }
  return {};
}

}  // namespace dauys
