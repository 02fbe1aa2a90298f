#include "util/zip_reader.h"

#include <zip.h>

#include <utility>

namespace dauys {

namespace {

std::string ZipMessage(zip_error_t* error) {
  std::string message = zip_error_strerror(error);
  zip_error_fini(error);
  return message;
}

}  // namespace

Expected<ZipReader> ZipReader::Open(std::string bytes, std::string name) {
  ZipReader reader;
  reader.bytes_ = std::make_unique<std::string>(std::move(bytes));
  reader.name_ = std::move(name);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(reader.bytes_->data(), reader.bytes_->size(), 0, &error);
  if (!source) return Error{reader.name_ + ": cannot read the container: " + ZipMessage(&error)};
  reader.archive_ = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!reader.archive_) {
    zip_source_free(source);
    return Error{reader.name_ + ": not a readable ZIP container (corrupt or cut short): " + ZipMessage(&error)};
  }
  zip_error_fini(&error);
  if (zip_get_num_entries(reader.archive_, 0) > kMaxEntries) {
    return Error{reader.name_ + ": the container holds more than " + std::to_string(kMaxEntries) + " parts"};
  }
  return reader;
}

ZipReader::ZipReader(ZipReader&& other) noexcept { *this = std::move(other); }

ZipReader& ZipReader::operator=(ZipReader&& other) noexcept {
  if (this != &other) {
    if (archive_) zip_discard(archive_);
    bytes_ = std::move(other.bytes_);
    archive_ = std::exchange(other.archive_, nullptr);
    name_ = std::move(other.name_);
    read_so_far_ = other.read_so_far_;
  }
  return *this;
}

ZipReader::~ZipReader() {
  if (archive_) zip_discard(archive_);
}

bool ZipReader::Has(std::string_view part) const {
  return zip_name_locate(archive_, std::string(part).c_str(), 0) >= 0;
}

Expected<std::string> ZipReader::Read(std::string_view part) {
  const std::string where = name_ + ": " + std::string(part) + ": ";
  zip_int64_t index = zip_name_locate(archive_, std::string(part).c_str(), 0);
  if (index < 0) return Error{where + "missing from the container"};
  zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
  if (!file) return Error{where + "cannot be read: " + zip_strerror(archive_)};
  std::string out;
  char block[65536];
  // The sizes the archive states are not trusted: the part is read until it ends, and
  // refused as soon as it grows past the limits.
  for (;;) {
    zip_int64_t n = zip_fread(file, block, sizeof block);
    if (n < 0) {
      std::string why = zip_file_strerror(file);
      zip_fclose(file);
      return Error{where + "damaged (" + why + ")"};
    }
    if (n == 0) break;
    out.append(block, static_cast<size_t>(n));
    read_so_far_ += static_cast<uint64_t>(n);
    if (out.size() > kMaxPartBytes || read_so_far_ > kMaxContainerBytes) {
      zip_fclose(file);
      return Error{where + "expands past " + std::to_string((out.size() > kMaxPartBytes ? kMaxPartBytes
                                                                                        : kMaxContainerBytes) >> 20) +
                   " MiB; refused as a possible zip bomb"};
    }
  }
  if (zip_fclose(file) != 0) return Error{where + "damaged (checksum)"};
  return out;
}

}  // namespace dauys
