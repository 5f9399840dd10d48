// The two sandbox profiles. Both share one seccomp policy
// (seccomp_policy.cc); they differ in resource limits (resource_limits.h).
#ifndef SANDTAB_SANDBOX_PROFILE_H_
#define SANDTAB_SANDBOX_PROFILE_H_

#include <optional>
#include <string_view>

namespace sandtab::sandbox {

enum class Profile { kRenderer, kPlugin };

// "renderer" / "plugin", as used on command lines.
constexpr std::string_view ProfileName(Profile profile) {
  return profile == Profile::kRenderer ? "renderer" : "plugin";
}

constexpr std::optional<Profile> ParseProfile(std::string_view name) {
  if (name == "renderer") return Profile::kRenderer;
  if (name == "plugin") return Profile::kPlugin;
  return std::nullopt;
}

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_PROFILE_H_
