#include "browser/tab/renderer_grants.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace sandtab::browser {
namespace {

constexpr std::array<std::string_view, 8> kDebugPages = {"crash",      "abort", "hang",   "oom",
                                                         "badmessage", "exit",  "ptrace", "threads"};

RendererGrants::Decision Refuse(const char* rule, const std::string& detail) { return {false, rule, detail}; }

}  // namespace

bool IsDebugUrl(const Url& url) {
  return url.scheme == "about" &&
         std::find(kDebugPages.begin(), kDebugPages.end(), std::string_view(url.path)) != kDebugPages.end();
}

void RendererGrants::Reset() {
  document_ = Document::kWeb;
  space_ = AddressSpace::kPublic;
}

void RendererGrants::Commit(const std::string& url, AddressSpace space, bool error_page) {
  Reset();
  if (error_page) return;
  auto parsed = ParseUrl(url);
  if (!parsed) return;
  space_ = space;
  if (parsed->scheme == "file") document_ = Document::kFile;
  // about:blank is any web page's to open: it must not lead on to the
  // browser's pages (about:tabs).
  if (parsed->scheme == "about" && parsed->path != "blank") document_ = Document::kAbout;
}

RendererGrants::Decision RendererGrants::MayFetch(const Url& target) const {
  if (target.scheme == "file" && document_ != Document::kFile) {
    return Refuse(kRuleFileForFileDocuments, "a subresource of a document that is not file:");
  }
  if (target.scheme == "about") return Refuse(kRuleAboutNotASubresource, "about:" + target.path);
  return {};
}

RendererGrants::Decision RendererGrants::MayNavigate(const Url& target) const {
  if (IsDebugUrl(target)) return Refuse(kRuleDebugUrlsFromTheUser, "a link or a renderer asked");
  if (target.scheme == "file" && document_ != Document::kFile) {
    return Refuse(kRuleFileForFileDocuments, "a navigation started by a document that is not file:");
  }
  if (target.scheme == "about" && target.path != "blank" && document_ != Document::kAbout) {
    return Refuse(kRuleAboutFromAboutPages, "a navigation started by a document that is not about:");
  }
  return {};
}

}  // namespace sandtab::browser
