#ifndef SANDTAB_RENDERER_PAGE_SCRIPTS_H_
#define SANDTAB_RENDERER_PAGE_SCRIPTS_H_

#include <boost/asio/io_context.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "proto/renderer.pb.h"
#include "renderer/script/console_line.h"
#include "renderer/script/dom_binding.h"
#include "renderer/script/dom_document.h"
#include "renderer/script/event_loop.h"
#include "renderer/script/js_engine.h"
#include "renderer/script/script_context.h"
#include "renderer/script/storage_binding.h"
#include "renderer/script/window_binding.h"

namespace sandtab::renderer {

// One document's JavaScript in the renderer (DESIGN section 13): the page's
// own DOM parsed from the document's bytes, its context, the DOM and window
// bindings, its event loop, and the order its scripts run in (inline and
// <script src> in document order, then defer, then DOMContentLoaded; async
// as they arrive; load once everything is in). litehtml draws LayoutHtml(),
// a serialization of this DOM, rebuilt at most once per frame after scripts
// changed it. Made only for a document that has scripts (HasScripts).
class PageScripts : private script::WindowBinding::Owner {
 public:
  class Delegate {
   public:
    virtual ~Delegate() = default;
    virtual void OnConsoleLine(const script::ConsoleLine& line) = 0;
    // The DOM changed or an animation frame was asked for: a frame soon.
    virtual void OnFrameWanted() = 0;
    // The watchdog ended a task, or memory ran out: the renderer ends.
    virtual void OnScriptFatal(const script::ScriptResult& result) = 0;
    virtual void OnNavigationRequested(const std::string& url) = 0;
    // Bytes from the browser (<script src>, fetch(), `post_body` for a
    // fetch() POST): answer with SupplyFetch(token, ...).
    virtual void OnFetchWanted(uint64_t token, const std::string& url, proto::FetchRequest::Kind kind,
                               std::optional<std::string> post_body) = 0;
    // load ran (and, with a virtual time budget, the budget is spent).
    virtual void OnLoaded() = 0;
    // Who answers document.cookie and localStorage (the browser, over the
    // storage channel); null: nobody, so the page has neither.
    virtual script::StorageBinding::Owner* StorageOwner() { return nullptr; }
  };

  // Does the document have anything to run: a <script> or an on...= handler
  // attribute. A cheap look at the bytes, so pages without scripts pay
  // nothing (no DOM, no context).
  static bool HasScripts(std::string_view html);
  // The serialized DOM of a document no script ran in (--dump-dom).
  static std::string ParseAndSerialize(std::string_view html);

  // Parses `html` and sets up the context (`prepared`, if one was made
  // ahead by PrepareContext, else a new one); scripts start with Start().
  // nullptr with `*error` on failure.
  static std::unique_ptr<PageScripts> Create(boost::asio::io_context& io, script::JsEngine& engine,
                                             std::string_view html, std::string url, int virtual_time_budget_ms,
                                             Delegate* delegate, std::string* error,
                                             std::unique_ptr<script::ScriptContext> prepared = nullptr);
  // A document's script context before its document is known (a runtime,
  // its built-ins, an empty global: nothing of a page in it): what Create
  // would make first, with the engine's helper threads started.
  static std::unique_ptr<script::ScriptContext> PrepareContext(script::JsEngine& engine, std::string* error);
  // The same with the DOM prelude evaluated in it (DomBinding::
  // EvaluatePreludeAhead): a spare's, made before its page is known.
  static std::unique_ptr<script::ScriptContext> PrepareContextAhead(script::JsEngine& engine, std::string* error);
  ~PageScripts() override;
  PageScripts(const PageScripts&) = delete;
  PageScripts& operator=(const PageScripts&) = delete;

  void Start();
  // The page's subresources (stylesheets, images) are all in: load may fire
  // once the scripts are done too.
  void SubresourcesComplete();
  void SupplyFetch(uint64_t token, const script::FetchAnswer& answer);

  // `eval ID EXPR`, as a task of the page's loop.
  void Evaluate(std::string expression, std::function<void(const script::ScriptResult&)> done);
  // A click on the element numbered `node_serial` (0: the body), as a task;
  // `done(not_canceled)` after dispatch, false when a listener called preventDefault().
  void Click(uint64_t node_serial, std::function<void(bool not_canceled)> done);
  void PressKey(std::string key);
  // requestAnimationFrame callbacks; returns whether the DOM changed since
  // the last layout.
  bool RunAnimationFrame(double now_ms);
  // The tab is in the background: animation frames wait, timers wake the
  // page at most once per second (script::EventLoop::SetHidden).
  void SetHidden(bool hidden);
  bool DomChangedSinceLayout() const { return document_->generation() != laid_out_generation_; }
  // What changed for litehtml since it last saw the DOM, by node serial
  // (script::LayoutChanges); marks the DOM seen. `rebuild`: use TakeLayoutHtml().
  struct LayoutUpdate {
    bool rebuild = false;
    std::vector<std::pair<std::string, std::string>> texts;   // element, its new text
    std::vector<std::pair<std::string, std::string>> styles;  // element, its new style attribute
    std::optional<std::string> title;
  };
  LayoutUpdate TakeLayoutUpdate();
  // The DOM for litehtml (node serials in an attribute, for hit testing);
  // marks it laid out. The first Page of a scripted document is built from it.
  std::string TakeLayoutHtml();
  std::string DumpHtml() const;
  bool loaded() const { return loaded_; }

 private:
  struct Entry {
    script::ScriptElement element;
    bool ready = false;  // inline, or its bytes arrived (or failed)
    bool ran = false;
  };

  PageScripts(boost::asio::io_context& io, std::string url, int virtual_time_budget_ms, Delegate* delegate);
  bool Init(script::JsEngine& engine, std::string_view html, std::unique_ptr<script::ScriptContext> prepared,
            std::string* error);
  void Fetch(uint64_t id, const std::string& url, const std::string& method, const std::string& body) override;
  void Navigate(const std::string& url) override;
  void RunReadyScripts();
  void RunScript(Entry& entry);
  void MaybeFinishLoad();

  boost::asio::io_context& io_;
  const std::string url_;
  const int virtual_time_budget_ms_;
  Delegate* const delegate_;
  std::vector<Entry> scripts_;
  std::vector<size_t> ordered_;  // indices: blocking scripts, then deferred ones
  size_t next_ordered_ = 0;
  size_t async_left_ = 0;
  bool content_loaded_posted_ = false;
  bool subresources_complete_ = false;
  bool load_posted_ = false;
  bool loaded_ = false;
  uint64_t laid_out_generation_ = ~uint64_t{0};
  struct Wanted {
    bool script_element;  // <script src> (an index into scripts_), else a fetch() id
    uint64_t index_or_id;
  };
  std::map<uint64_t, Wanted> wanted_;  // by the token the delegate answers with
  uint64_t next_token_ = 1;
  // Destroyed in reverse: the loop, then the bindings, the context, the DOM.
  std::unique_ptr<script::Document> document_;
  std::unique_ptr<script::ScriptContext> context_;
  std::unique_ptr<script::DomBinding> dom_;
  std::unique_ptr<script::WindowBinding> window_;
  std::unique_ptr<script::StorageBinding> storage_;
  std::unique_ptr<script::EventLoop> loop_;
};

}  // namespace sandtab::renderer

#endif  // SANDTAB_RENDERER_PAGE_SCRIPTS_H_
