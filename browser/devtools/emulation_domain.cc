#include "browser/devtools/emulation_domain.h"

#include <string_view>

#include "browser/devtools/cdp_client.h"

namespace sandtab::browser {
namespace {

constexpr auto kPage = TargetType::kPage;

void ReplyEmpty(CdpSession&, const CdpCall& call) { call.Reply(Json::object()); }

// What a sandtab page is, per media feature: litehtml lays out for screen,
// with no dark scheme, motion settings, forced colours or contrast modes.
struct MediaDefault {
  std::string_view feature;
  std::string_view value;
};
constexpr MediaDefault kMediaDefaults[] = {{"prefers-color-scheme", "light"},
                                           {"prefers-reduced-motion", "no-preference"},
                                           {"forced-colors", "none"},
                                           {"prefers-contrast", "no-preference"}};

}  // namespace

std::string EmulationDomain::MediaRefusal(const Json& params) {
  if (auto media = params.find("media"); media != params.end()) {
    if (!media->is_string()) return "media must be a string";
    const std::string type = media->get<std::string>();
    if (!type.empty() && type != "screen") return "sandtab lays pages out for screen media only, not " + type;
  }
  auto features = params.find("features");
  if (features == params.end()) return "";
  if (!features->is_array()) return "features must be an array";
  for (const Json& feature : *features) {
    if (!feature.is_object() || !feature.contains("name") || !feature["name"].is_string() ||
        !feature.contains("value") || !feature["value"].is_string()) {
      return "each feature is a name and a value";
    }
    const std::string name = feature["name"], value = feature["value"];
    bool known = false;
    for (const MediaDefault& fixed : kMediaDefaults) {
      if (name != fixed.feature) continue;
      known = true;
      if (!value.empty() && value != fixed.value) {
        return "sandtab has no media emulation: " + name + " is always " + std::string(fixed.value);
      }
    }
    if (!known) return "sandtab has no media emulation of " + name;
  }
  return "";
}

bool EmulationDomain::FontFamiliesWellFormed(const Json& params) {
  auto families = params.find("fontFamilies");
  if (families == params.end() || !families->is_object()) return false;
  for (const auto& [generic, family] : families->items()) {
    if (!family.is_string() || family.get_ref<const std::string&>().size() > kMaxFontFamilyBytes) return false;
  }
  return true;
}

void EmulationDomain::Register(CdpDispatcher& dispatcher) {
  // A tab's viewport is the window's (--window-size); Puppeteer accepts
  // exactly this refusal and goes on at the window's size.
  dispatcher.Add("Emulation.setDeviceMetricsOverride", {kPage}, [](CdpSession&, const CdpCall& call) {
    call.Fail(kCdpServerError, "Target does not support metrics override");
  });
  dispatcher.Add("Emulation.clearDeviceMetricsOverride", {kPage}, ReplyEmpty);
  dispatcher.Add("Emulation.setTouchEmulationEnabled", {kPage}, [](CdpSession&, const CdpCall& call) {
    if (call.BoolParam("enabled")) {
      return call.Fail(kCdpServerError, "sandtab has no touch emulation");
    }
    call.Reply(Json::object());
  });
  // A sandtab page never loses focus (there is no focus or blur to lose),
  // so it already behaves as focus emulation makes a Chrome page behave.
  dispatcher.Add("Emulation.setFocusEmulationEnabled", {kPage}, ReplyEmpty);
  dispatcher.Add("Emulation.setEmulatedMedia", {kPage}, [](CdpSession&, const CdpCall& call) {
    const std::string refusal = MediaRefusal(call.params);
    if (!refusal.empty()) return call.Fail(kCdpServerError, refusal);
    call.Reply(Json::object());
  });
  // Chrome takes these as preferences that the platform's font matching
  // resolves; sandtab's renderer resolves every family name onto its three
  // DejaVu faces, as it does a page's own font-family lists (docs/devtools.md).
  dispatcher.Add("Page.setFontFamilies", {kPage}, [](CdpSession&, const CdpCall& call) {
    if (!FontFamiliesWellFormed(call.params)) {
      return call.Fail(kCdpInvalidParams, "Invalid parameters: fontFamilies");
    }
    call.Reply(Json::object());
  });
}

}  // namespace sandtab::browser
