#include "input/epub_reader.h"

#include <map>
#include <vector>

#include "input/html_reader.h"
#include "input/paragraphs.h"
#include "input/xml_part.h"
#include "util/unicode.h"
#include "util/zip_reader.h"

namespace dauys {

namespace {

constexpr const char* kOpf = "http://www.idpf.org/2007/opf";
constexpr const char* kDc = "http://purl.org/dc/elements/1.1/";

struct ManifestItem {
  std::string path;  // inside the container
  std::string media_type;
  std::string properties;
};

struct Package {
  std::string title, author;
  std::map<std::string, ManifestItem> manifest;
  std::vector<std::string> spine;  // manifest ids, linear ones only
  std::string nav;                 // path of the navigation document, if any
};

std::string PercentDecoded(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    auto hex = [](char c) { return std::string_view("0123456789abcdef").find(static_cast<char>(c | 0x20)); };
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) < 16 && hex(s[i + 2]) < 16) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

/// `href` (relative to the folder `base`, "EPUB/") as a path inside the container.
std::string Resolve(const std::string& base, std::string_view href) {
  href = href.substr(0, href.find('#'));
  std::vector<std::string> parts;
  std::string whole = base + PercentDecoded(href);
  size_t start = 0;
  while (start <= whole.size()) {
    size_t end = whole.find('/', start);
    if (end == std::string::npos) end = whole.size();
    std::string part = whole.substr(start, end - start);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string Folder(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

Expected<std::string> PackagePath(ZipReader& zip) {
  Expected<std::string> bytes = zip.Read("META-INF/container.xml");
  if (!bytes) return bytes.error();
  Expected<XmlDocPtr> xml = ParseXmlPart(*bytes, zip.name() + ": META-INF/container.xml");
  if (!xml) return xml.error();
  const xmlNode* rootfile = Descendant(xmlDocGetRootElement(xml->get()), "rootfile");
  std::string path = rootfile ? AttrNs(rootfile, "full-path") : "";
  if (path.empty()) return Error{zip.name() + ": META-INF/container.xml: names no package document"};
  return path;
}

Expected<Package> ReadPackage(ZipReader& zip, const std::string& path) {
  Expected<std::string> bytes = zip.Read(path);
  if (!bytes) return bytes.error();
  Expected<XmlDocPtr> xml = ParseXmlPart(*bytes, zip.name() + ": " + path);
  if (!xml) return xml.error();
  const xmlNode* root = xmlDocGetRootElement(xml->get());
  Package pkg;
  const xmlNode* meta = Child(root, "metadata", kOpf);
  if (const xmlNode* t = Child(meta, "title", kDc)) pkg.title = TextContent(t);
  if (const xmlNode* c = Child(meta, "creator", kDc)) pkg.author = CollapseSpaces(TextContent(c));
  for (const xmlNode* i = Child(Child(root, "manifest", kOpf), "item", kOpf); i; i = i->next) {
    if (!IsElement(i, "item", kOpf)) continue;
    ManifestItem item{Resolve(Folder(path), AttrNs(i, "href")), AttrNs(i, "media-type"), AttrNs(i, "properties")};
    if ((" " + item.properties + " ").find(" nav ") != std::string::npos) pkg.nav = item.path;
    pkg.manifest[AttrNs(i, "id")] = std::move(item);
  }
  for (const xmlNode* r = Child(root, "spine", kOpf) ? Child(root, "spine", kOpf)->children : nullptr; r; r = r->next) {
    if (IsElement(r, "itemref", kOpf) && AttrNs(r, "linear") != "no") pkg.spine.push_back(AttrNs(r, "idref"));
  }
  if (pkg.spine.empty()) return Error{zip.name() + ": " + path + ": the spine lists no content document"};
  return pkg;
}

void NavEntries(const xmlNode* n, const std::string& folder, std::map<std::string, std::string>& labels, int depth) {
  if (!n || depth > 200) return;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (std::string(reinterpret_cast<const char*>(c->name)) == "a") {
      std::string target = Resolve(folder, AttrNs(c, "href"));
      if (!labels.count(target)) labels[target] = CollapseSpaces(TextContent(c));
      continue;
    }
    NavEntries(c, folder, labels, depth + 1);
  }
}

/// The navigation document's first label for each content document.
std::map<std::string, std::string> NavLabels(ZipReader& zip, const std::string& nav) {
  std::map<std::string, std::string> labels;
  if (nav.empty() || !zip.Has(nav)) return labels;
  Expected<std::string> bytes = zip.Read(nav);
  if (!bytes) return labels;
  Expected<XmlDocPtr> xml = ParseXmlPart(*bytes, zip.name() + ": " + nav);
  if (!xml) return labels;
  const xmlNode* toc = Descendant(xmlDocGetRootElement(xml->get()), "nav");
  NavEntries(toc ? toc : xmlDocGetRootElement(xml->get()), Folder(nav), labels, 0);
  return labels;
}

/// The paragraphs read from `first` on start with a heading (or there are none).
bool OpensWithHeading(const ParagraphBuilder& out, size_t first) {
  for (size_t i = first; i < out.Count(); ++i) {
    if (out.At(i).markup.skip.empty()) return out.At(i).markup.heading > 0;
  }
  return true;
}

}  // namespace

Expected<Document> ReadEpub(std::string bytes, const std::string& name) {
  Expected<ZipReader> zip = ZipReader::Open(std::move(bytes), name);
  if (!zip) return zip.error();
  Expected<std::string> package_path = PackagePath(*zip);
  if (!package_path) return package_path.error();
  Expected<Package> pkg = ReadPackage(*zip, *package_path);
  if (!pkg) return pkg.error();
  const std::map<std::string, std::string> labels = NavLabels(*zip, pkg->nav);
  ParagraphBuilder out(name);
  out.SetAuthor(pkg->author);
  if (!CollapseSpaces(pkg->title).empty()) out.InsertHeading(0, pkg->title, 1);
  for (const std::string& id : pkg->spine) {
    auto item = pkg->manifest.find(id);
    if (item == pkg->manifest.end()) return Error{name + ": " + *package_path + ": the spine names «" + id + "», which the manifest lacks"};
    if (item->second.path == pkg->nav || item->second.media_type.find("html") == std::string::npos) continue;
    Expected<std::string> content = zip->Read(item->second.path);
    if (!content) return content.error();
    const size_t first = out.Count();
    if (!ReadHtmlBody(*content, out)) return Error{name + ": " + item->second.path + ": cannot be read as XHTML"};
    out.End();
    // A chapter whose content opens without a heading takes its navigation label.
    auto label = labels.find(item->second.path);
    if (label != labels.end() && !OpensWithHeading(out, first)) {
      out.InsertHeading(first, label->second, 2);
    }
  }
  return out.Finish();
}

}  // namespace dauys
