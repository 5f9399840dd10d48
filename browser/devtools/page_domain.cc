#include "browser/devtools/page_domain.h"

#include <algorithm>
#include <cmath>

#include "browser/devtools/session_table.h"
#include "browser/devtools/tab_port.h"
#include "browser/devtools/target_registry.h"

namespace sandtab::browser {
namespace {

constexpr auto kPage = TargetType::kPage;

// Chrome's renderer debug URLs: not navigations, they go to the renderer.
const char* DebugUrlOf(const std::string& url) {
  if (url == "chrome://crash" || url == "chrome://crash/") return "about:crash";
  if (url == "chrome://hang" || url == "chrome://hang/") return "about:hang";
  return nullptr;
}

}  // namespace

std::string PageDomain::Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t n = static_cast<uint8_t>(bytes[i]) << 16 | static_cast<uint8_t>(bytes[i + 1]) << 8 |
                       static_cast<uint8_t>(bytes[i + 2]);
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (const size_t rest = bytes.size() - i; rest > 0) {
    uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

Result<UiRect> PageDomain::ClipArea(const Json& clip) {
  auto number = [&](const char* name) {
    auto it = clip.find(name);
    return it != clip.end() && it->is_number() ? it->get<double>() : 0.0;
  };
  if (clip.contains("scale") && clip["scale"].is_number() && clip["scale"].get<double>() != 1.0) {
    return Error{"sandtab captures at scale 1 only"};
  }
  // Bounded before the conversion (a double past int's range has no int);
  // no page is near this wide.
  static constexpr double kFarEdge = 1 << 20;
  auto edge = [](double value) { return static_cast<int>(std::clamp(value, 0.0, kFarEdge)); };
  const int left = edge(std::floor(number("x"))), top = edge(std::floor(number("y")));
  const int right = edge(std::ceil(number("x") + number("width")));
  const int bottom = edge(std::ceil(number("y") + number("height")));
  return UiRect{left, top, right - left, bottom - top};
}

void PageDomain::Register(CdpDispatcher& dispatcher) {
  auto bind = [this](void (PageDomain::*method)(CdpSession&, const CdpCall&)) {
    return [this, method](CdpSession& session, const CdpCall& call) { (this->*method)(session, call); };
  };
  dispatcher.Add("Page.enable", {kPage}, [](CdpSession& session, const CdpCall& call) {
    session.page_enabled = true;
    call.Reply(Json::object());
  });
  dispatcher.Add("Page.disable", {kPage}, [](CdpSession& session, const CdpCall& call) {
    session.page_enabled = false;
    call.Reply(Json::object());
  });
  dispatcher.Add("Page.setLifecycleEventsEnabled", {kPage}, [](CdpSession& session, const CdpCall& call) {
    session.lifecycle_enabled = call.BoolParam("enabled");
    call.Reply(Json::object());
  });
  dispatcher.Add("Page.getFrameTree", {kPage}, [this](CdpSession& session, const CdpCall& call) {
    PageTarget* page = PageOf(session, call);
    if (!page) return;
    const auto view = context_.tabs.View(page->tab_id);
    call.Reply({{"frameTree", {{"frame", FrameJson(*page, view ? view->url : "")}}}});
  });
  dispatcher.Add("Page.navigate", {kPage}, bind(&PageDomain::Navigate));
  dispatcher.Add("Page.reload", {kPage}, bind(&PageDomain::Reload));
  dispatcher.Add("Page.captureScreenshot", {kPage}, bind(&PageDomain::CaptureScreenshot));
  dispatcher.Add("Page.getLayoutMetrics", {kPage}, bind(&PageDomain::GetLayoutMetrics));
  dispatcher.Add("Page.crash", {kPage}, bind(&PageDomain::Crash));
  dispatcher.Add("Page.addScriptToEvaluateOnNewDocument", {kPage}, bind(&PageDomain::AddScriptToEvaluateOnNewDocument));
  dispatcher.Add("Page.createIsolatedWorld", {kPage}, [this](CdpSession& session, const CdpCall& call) {
    PageTarget* page = PageOf(session, call);
    if (!page) return;
    // One world in a sandtab page: the isolated world's context evaluates
    // in the page's own (docs/devtools.md says so).
    call.Reply({{"executionContextId", lifecycle_.WorldContext(*page, call.StringParam("worldName"))}});
  });
  dispatcher.Add("Page.bringToFront", {kPage}, [](CdpSession&, const CdpCall& call) { call.Reply(Json::object()); });
  for (const char* event : {"Page.frameStartedLoading", "Page.frameNavigated", "Page.lifecycleEvent",
                            "Page.domContentEventFired", "Page.loadEventFired", "Page.frameStoppedLoading"}) {
    dispatcher.AddEvent(event);
  }
}

PageTarget* PageDomain::PageOf(const CdpSession& session, const CdpCall& call) {
  PageTarget* page = context_.targets.ByTargetId(session.target_id);
  if (!page) call.Fail(kCdpServerError, "Not attached to an active page");
  return page;
}

void PageDomain::Navigate(CdpSession& session, const CdpCall& call) {
  PageTarget* page = PageOf(session, call);
  if (!page) return;
  const std::string url = call.StringParam("url");
  if (const char* debug_url = DebugUrlOf(url)) {
    // No navigation request and so no loader id, as in Chrome; the page
    // dies or hangs next, and PageLifecycle tells the rest.
    if (Status sent = context_.tabs.RunDebugUrl(page->tab_id, debug_url); !sent) {
      return call.Fail(kCdpServerError, sent.error());
    }
    return call.Reply({{"frameId", page->page_id}});
  }
  if (Status navigated = context_.tabs.Navigate(page->tab_id, url); !navigated) {
    return call.Fail(kCdpServerError, navigated.error());
  }
  lifecycle_.BeginNavigation(*page);
  call.Reply({{"frameId", page->page_id}, {"loaderId", page->loader_id}});
}

void PageDomain::Reload(CdpSession& session, const CdpCall& call) {
  PageTarget* page = PageOf(session, call);
  if (!page) return;
  const auto view = context_.tabs.View(page->tab_id);
  if (!view) return call.Fail(kCdpServerError, "Not attached to an active page");
  if (Status navigated = context_.tabs.Navigate(page->tab_id, view->url); !navigated) {
    return call.Fail(kCdpServerError, navigated.error());
  }
  lifecycle_.BeginNavigation(*page);
  call.Reply(Json::object());
}

void PageDomain::CaptureScreenshot(CdpSession& session, const CdpCall& call) {
  PageTarget* page = PageOf(session, call);
  if (!page) return;
  const std::string format = call.StringParam("format");
  if (!format.empty() && format != "png") {
    return call.Fail(kCdpInvalidParams, "sandtab encodes screenshots as png only, not " + format);
  }
  if (page->crashed) return call.Fail(kCdpServerError, "Target crashed");
  std::optional<UiRect> area;
  if (call.params.contains("clip") && call.params["clip"].is_object()) {
    Result<UiRect> clip = ClipArea(call.params["clip"]);
    if (!clip) return call.Fail(kCdpServerError, "Unable to capture screenshot: " + clip.error());
    area = *clip;
  }
  context_.tabs.Capture(page->tab_id, area, [this, call](Result<Image> image) {
    if (!image) return call.Fail(kCdpServerError, "Unable to capture screenshot: " + image.error());
    // Encoding 1280x800 takes tens of milliseconds: not on the loop.
    encoder_.Run(
        [image = std::move(*image)]() -> Result<std::string> {
          ASSIGN_OR_RETURN(std::string png, EncodePng(image));
          return Base64(png);
        },
        [call](Result<std::string> data) {
          if (!data) return call.Fail(kCdpServerError, "Unable to capture screenshot: " + data.error());
          call.Reply({{"data", std::move(*data)}});
        });
  });
}

void PageDomain::GetLayoutMetrics(CdpSession& session, const CdpCall& call) {
  PageTarget* page = PageOf(session, call);
  if (!page) return;
  const auto view = context_.tabs.View(page->tab_id);
  if (!view) return call.Fail(kCdpServerError, "Not attached to an active page");
  const Json layout = {
      {"pageX", 0}, {"pageY", view->scroll_y}, {"clientWidth", view->width}, {"clientHeight", view->height}};
  const Json visual = {{"offsetX", 0},
                       {"offsetY", 0},
                       {"pageX", 0},
                       {"pageY", view->scroll_y},
                       {"clientWidth", view->width},
                       {"clientHeight", view->height},
                       {"scale", 1},
                       {"zoom", 1}};
  const Json content = {{"x", 0}, {"y", 0}, {"width", view->width}, {"height", view->height}};
  call.Reply({{"layoutViewport", layout},
              {"visualViewport", visual},
              {"contentSize", content},
              {"cssLayoutViewport", layout},
              {"cssVisualViewport", visual},
              {"cssContentSize", content}});
}

void PageDomain::Crash(CdpSession& session, const CdpCall& call) {
  PageTarget* page = PageOf(session, call);
  if (!page) return;
  if (page->crashed) return call.Fail(kCdpServerError, "The target has already crashed");
  if (Status sent = context_.tabs.RunDebugUrl(page->tab_id, "about:crash"); !sent) {
    return call.Fail(kCdpServerError, sent.error());
  }
  // Never answered while the renderer is dead (Chrome's way); failed with
  // "Target crashed" when the page is back.
  session.pending_crash_ids.push_back(call.id);
}

void PageDomain::AddScriptToEvaluateOnNewDocument(CdpSession& session, const CdpCall& call) {
  PageTarget* page = PageOf(session, call);
  if (!page) return;
  // sandtab runs no script of a client's before a page's own: only a
  // source that does nothing (the clients' world markers) is accepted.
  std::string source = call.StringParam("source");
  source.erase(0, source.find_first_not_of(" \t\r\n"));
  if (!source.empty() && (source.rfind("//", 0) != 0 || source.find('\n') != std::string::npos)) {
    return call.Fail(kCdpServerError, "sandtab does not run scripts on new documents");
  }
  if (std::string world = call.StringParam("worldName"); !world.empty()) {
    page->registered_worlds.insert(world);
    lifecycle_.WorldContext(*page, world);
  }
  call.Reply({{"identifier", std::to_string(page->registered_worlds.size())}});
}

}  // namespace sandtab::browser
