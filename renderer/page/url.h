// URL resolution for subresources. The renderer has no URL library of its own
// and litehtml hands us raw attribute values, so every href/src goes through
// ResolveUrl() before it becomes a ResourceRequest or a link target.
#ifndef SANDTAB_RENDERER_PAGE_URL_H_
#define SANDTAB_RENDERER_PAGE_URL_H_

#include <string>
#include <string_view>

namespace sandtab::renderer {

// Resolves `relative` against the absolute URL `base` (RFC 3986 section 5.2,
// with the URL Standard's leniencies: surrounding spaces and C0 controls
// are trimmed, tabs and newlines inside are removed).
// Absolute URLs (any scheme, including data: and about:) are returned as they
// are; scheme-relative, root-relative, path-relative ("../x"), query-only and
// fragment-only references are merged with `base`. If `base` is not
// hierarchical (e.g. about:blank) a relative reference is returned unchanged.
std::string ResolveUrl(std::string_view base, std::string_view relative);

// The scheme of `url`, lower-cased, without the colon ("" if none).
std::string UrlScheme(std::string_view url);

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_URL_H_
