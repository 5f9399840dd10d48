// The sandbox profiles. They share one seccomp policy (seccomp_policy.cc)
// and differ in resource limits (resource_limits.h), except that a renderer
// whose JavaScript runs without a JIT (--js-flags=--jitless) is also refused
// executable memory: nothing it maps may become code.
#ifndef SANDTAB_SANDBOX_PROFILE_H_
#define SANDTAB_SANDBOX_PROFILE_H_

#include <optional>
#include <string_view>

namespace sandtab::sandbox {

enum class Profile { kRenderer, kPlugin, kRendererJitless };

// "renderer" / "plugin" / "renderer-jitless", as used on command lines.
constexpr std::string_view ProfileName(Profile profile) {
  switch (profile) {
    case Profile::kRenderer:
      return "renderer";
    case Profile::kPlugin:
      return "plugin";
    case Profile::kRendererJitless:
      return "renderer-jitless";
  }
  return "?";
}

constexpr bool IsRendererProfile(Profile profile) {
  return profile == Profile::kRenderer || profile == Profile::kRendererJitless;
}

constexpr std::optional<Profile> ParseProfile(std::string_view name) {
  if (name == "renderer") return Profile::kRenderer;
  if (name == "plugin") return Profile::kPlugin;
  if (name == "renderer-jitless") return Profile::kRendererJitless;
  return std::nullopt;
}

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_PROFILE_H_
