#include "renderer/link_hover.h"

#include "proto/limits.h"
#include "renderer/page/url.h"

namespace sandtab::renderer {

std::optional<std::string> LinkHover::Update(const std::optional<std::string>& link) {
  const bool goes_somewhere = link && link->size() <= proto::kMaxUrlBytes && !UrlScheme(*link).empty();
  const std::string& now = goes_somewhere ? *link : std::string();
  if (now == current_) return std::nullopt;
  current_ = now;
  return current_;
}

}  // namespace sandtab::renderer
