// The browser's URL parser and loader policy (browser/loader/url.h,
// browser/loader/loader_policy.h) on any text a renderer or a page can name. What
// must hold: a parsed http(s) URL names a canonical host (reading it back
// gives the same host, port and path; an IPv6 host is a real address), a
// file: URL the policy allows is a path under the content root with no way
// up, the lexical walk of a path (RemoveDotSegments) leaves no dot segment
// and is idempotent, and every decision names its rule.
#include <arpa/inet.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "browser/loader/address_space.h"
#include "browser/loader/loader_policy.h"
#include "browser/loader/url.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using sandtab::fuzz::Check;
namespace browser = sandtab::browser;

// A content root with a page, a folder and a link out of it, made once per
// run and removed at exit.
class ContentRoot {
 public:
  ContentRoot() {
    char pattern[] = "/tmp/sandtab-fuzz-root-XXXXXX";
    Check(::mkdtemp(pattern) != nullptr, "mkdtemp failed");
    path_ = pattern;
    std::filesystem::create_directory(path_ + "/dir");
    for (const char* file : {"/index.html", "/dir/a.png"}) {
      FILE* f = std::fopen((path_ + file).c_str(), "w");
      Check(f != nullptr, "cannot write the content root");
      std::fputs("<p>x</p>", f);
      std::fclose(f);
    }
    std::filesystem::create_symlink("/etc", path_ + "/out");
  }
  ~ContentRoot() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

const ContentRoot& Root() {
  static const ContentRoot root;
  return root;
}

bool HasDotSegment(std::string_view path);

void CheckParsed(const browser::Url& url, const browser::LoaderPolicy& policy) {
  for (char c : url.scheme) Check(!(c >= 'A' && c <= 'Z'), "a scheme not in lower case");
  if (url.scheme == "http" || url.scheme == "https") {
    Check(!url.host.empty(), "an http URL without a host");
    Check(url.port >= 1 && url.port <= 65535, "an http port out of range");
    Check(!url.path.empty() && url.path[0] == '/', "an http path not starting with /");
    const bool v6 = url.host.find(':') != std::string::npos;
    if (v6) {
      in6_addr address;
      Check(::inet_pton(AF_INET6, url.host.c_str(), &address) == 1, "an IPv6 host that is not an IPv6 address");
    }
    const std::string again_spec =
        url.scheme + "://" + (v6 ? "[" + url.host + "]" : url.host) + ":" + std::to_string(url.port) + url.path;
    auto again = browser::ParseUrl(again_spec);
    Check(static_cast<bool>(again), "a parsed http URL does not parse again from its parts");
    Check(again->host == url.host && again->port == url.port && again->path == url.path,
          "an http URL whose host, port or path changes when read again");
  }
  const browser::PolicyDecision decision = policy.Check(url);
  Check(!decision.rule.empty(), "a policy decision that names no rule");
  if (decision.allowed && url.scheme == "file") {
    // Lexical: what is opened is the root plus this, with no way up.
    const std::string& relative = decision.root_relative_path;
    Check(relative.empty() || relative[0] != '/', "a root-relative path that is absolute");
    Check(!HasDotSegment(relative), "a root-relative path with a . or .. segment");
  }
}

// Whether a path has a "." or ".." segment.
bool HasDotSegment(std::string_view path) {
  for (size_t begin = 0; begin <= path.size();) {
    size_t end = path.find('/', begin);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(begin, end - begin);
    if (segment == "." || segment == "..") return true;
    begin = end + 1;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const browser::LoaderPolicy policy(Root().path());
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  auto url = browser::ParseUrl(text);
  if (url) {
    Check(url->spec == text, "a spec that is not the text given");
    CheckParsed(*url, policy);
  } else {
    Check(!url.error().empty(), "a refusal without a reason");
  }
  // What a person types becomes a URL; it may be refused, never crash.
  auto typed = browser::ParseUrl(browser::UrlFromUserInput(text, policy.content_root()));
  if (typed) CheckParsed(*typed, policy);

  Check(browser::PercentDecode(text).size() <= text.size(), "percent-decoding made text longer");

  // The lexical walk the file: rule rests on.
  if (!text.empty() && text[0] == '/') {
    const std::string walked = browser::RemoveDotSegments(std::string(text));
    Check(!walked.empty() && walked[0] == '/', "RemoveDotSegments gave a relative path");
    Check(!HasDotSegment(walked), "RemoveDotSegments left a . or .. segment");
    Check(browser::RemoveDotSegments(walked) == walked, "RemoveDotSegments is not idempotent");
  }
  // --ip-address-space-overrides: parsed or refused, never a crash.
  (void)browser::AddressSpaceOverrides::Parse(text);
  return 0;
}
