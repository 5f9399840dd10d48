#ifndef SANDTAB_BROWSER_LOADER_URL_H_
#define SANDTAB_BROWSER_LOADER_URL_H_

#include <string>
#include <string_view>

#include "base/result.h"

namespace sandtab::browser {

// The parts of a URL the browser's policy needs. Parsing is strict: anything
// it does not understand is an error, and an error is a refusal.
struct Url {
  std::string spec;    // the whole URL as given
  std::string scheme;  // lower case: file, http, https, data, about, ...
  std::string host;    // http(s) only
  int port = 0;        // http(s) only; default filled in
  std::string path;    // file: decoded path; http: path + query; about: the page name
};

Result<Url> ParseUrl(std::string_view spec);

// What a person types: "index.html", "sandtab://pages/index.html", a path,
// or a full URL. Names and sandtab://pages/ resolve under the content root.
std::string UrlFromUserInput(std::string_view input, const std::string& content_root);

std::string PercentDecode(std::string_view text);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_LOADER_URL_H_
