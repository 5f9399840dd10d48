#include "renderer/page_scripts.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "renderer/script/html_parser.h"
#include "renderer/script/html_serializer.h"

namespace sandtab::renderer {

using script::ScriptOutcome;
using script::ScriptResult;

namespace {

bool StartsWithNoCase(std::string_view text, size_t at, std::string_view prefix) {
  if (text.size() - at < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[at + i])) != prefix[i]) return false;
  }
  return true;
}

// The renderer's limits for a page's scripts (script_context.h): below the
// browser's hang timeout (5 s), and within the renderer's address space.
script::ScriptLimits RendererScriptLimits() {
  script::ScriptLimits limits;
  limits.script_timeout = std::chrono::milliseconds(2000);
  return limits;
}

}  // namespace

bool PageScripts::HasScripts(std::string_view html) {
  // "<script" anywhere, or an attribute "on<letters>=" inside a tag: a
  // false positive costs a context, a false negative would lose a handler.
  for (size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at + 1)) {
    if (StartsWithNoCase(html, at + 1, "script")) return true;
  }
  for (size_t at = 0; (at = html.find('=', at)) != std::string_view::npos; ++at) {
    size_t start = at;
    while (start > 0 && std::isalpha(static_cast<unsigned char>(html[start - 1]))) --start;
    if (at - start > 2 && StartsWithNoCase(html, start, "on") && start > 0 &&
        std::isspace(static_cast<unsigned char>(html[start - 1]))) {
      return true;
    }
  }
  return false;
}

std::string PageScripts::ParseAndSerialize(std::string_view html) {
  script::Document document;
  script::ParseDocument(html, document);
  return script::SerializeNode(document);
}

PageScripts::PageScripts(boost::asio::io_context& io, std::string url, int virtual_time_budget_ms, Delegate* delegate)
    : io_(io), url_(std::move(url)), virtual_time_budget_ms_(virtual_time_budget_ms), delegate_(delegate) {}

PageScripts::~PageScripts() = default;

std::unique_ptr<PageScripts> PageScripts::Create(boost::asio::io_context& io, script::JsEngine& engine,
                                                 std::string_view html, std::string url, int virtual_time_budget_ms,
                                                 Delegate* delegate, std::string* error,
                                                 std::unique_ptr<script::ScriptContext> prepared) {
  std::unique_ptr<PageScripts> page(new PageScripts(io, std::move(url), virtual_time_budget_ms, delegate));
  if (!page->Init(engine, html, std::move(prepared), error)) return nullptr;
  return page;
}

std::unique_ptr<script::ScriptContext> PageScripts::PrepareContext(script::JsEngine& engine, std::string* error) {
  // The engine's helper threads start with the first context, after the
  // sandbox (the zygote forked with none): SpiderMonkey may wait for a task
  // (a GC's parallel work) as the context is made.
  if (engine.running_threads() == 0) engine.StartThreads();
  return script::ScriptContext::Create(engine, RendererScriptLimits(), error);
}

std::unique_ptr<script::ScriptContext> PageScripts::PrepareContextAhead(script::JsEngine& engine, std::string* error) {
  std::unique_ptr<script::ScriptContext> context = PrepareContext(engine, error);
  // The DOM prelude's function too: a document's binding takes it.
  if (context) script::DomBinding::EvaluatePreludeAhead(*context);
  return context;
}

bool PageScripts::Init(script::JsEngine& engine, std::string_view html, std::unique_ptr<script::ScriptContext> prepared,
                       std::string* error) {
  document_ = std::make_unique<script::Document>();
  script::ParseDocument(html, *document_);
  document_->TakeLayoutChanges();                  // the parse itself is no change
  laid_out_generation_ = document_->generation();  // litehtml has the same document already
  // A prepared context came with the engine's threads running; a new one
  // starts them (PrepareContext).
  context_ = prepared ? std::move(prepared) : PrepareContext(engine, error);
  if (!context_) return false;
  context_->SetUncaughtErrorHandler([this](const ScriptResult& result) {
    delegate_->OnConsoleLine(script::MakeConsoleLine("error", "Uncaught " + result.error));
  });
  dom_ = script::DomBinding::Create(
      *context_, *document_, [this](const script::ConsoleLine& line) { delegate_->OnConsoleLine(line); }, error);
  if (!dom_) return false;
  window_ = script::WindowBinding::Create(*context_, url_, this, error);
  if (!window_) return false;
  storage_ = script::StorageBinding::Create(*context_, url_, delegate_->StorageOwner(), error);
  if (!storage_) return false;
  loop_ = std::make_unique<script::EventLoop>(io_, *context_, *dom_);
  if (!loop_->Install(error)) return false;
  loop_->SetFatalHandler([this](const ScriptResult& result) { delegate_->OnScriptFatal(result); });
  loop_->SetFrameRequestHandler([this] { delegate_->OnFrameWanted(); });

  for (script::ScriptElement& element : script::ClassicScripts(*document_, url_)) {
    Entry entry;
    entry.ready = element.src.empty();
    entry.element = std::move(element);
    scripts_.push_back(std::move(entry));
  }
  // HTML's order: scripts that block the parser in document order, then
  // deferred ones in document order; async ones whenever they arrive.
  for (size_t i = 0; i < scripts_.size(); ++i) {
    const auto& element = scripts_[i].element;
    if (!element.async && !element.defer) ordered_.push_back(i);
  }
  for (size_t i = 0; i < scripts_.size(); ++i) {
    const auto& element = scripts_[i].element;
    if (element.defer && !element.async) ordered_.push_back(i);
  }
  async_left_ = static_cast<size_t>(
      std::count_if(scripts_.begin(), scripts_.end(), [](const Entry& entry) { return entry.element.async; }));
  return true;
}

void PageScripts::Start() {
  dom_->SetReadyState("loading");
  for (size_t i = 0; i < scripts_.size(); ++i) {
    if (scripts_[i].ready) continue;
    const uint64_t token = next_token_++;
    wanted_[token] = {true, i};
    delegate_->OnFetchWanted(token, scripts_[i].element.src, proto::FetchRequest::SCRIPT, std::nullopt);
  }
  RunReadyScripts();
}

void PageScripts::RunScript(Entry& entry) {
  entry.ran = true;
  const std::string name = entry.element.src.empty() ? url_ : entry.element.src;
  loop_->PostTask(
      [this, source = std::move(entry.element.source), name] { return context_->Evaluate(source, name, 1); });
}

void PageScripts::RunReadyScripts() {
  while (next_ordered_ < ordered_.size() && scripts_[ordered_[next_ordered_]].ready) {
    RunScript(scripts_[ordered_[next_ordered_++]]);
  }
  if (next_ordered_ == ordered_.size() && !content_loaded_posted_) {
    content_loaded_posted_ = true;
    loop_->PostTask([this] {
      dom_->SetReadyState("interactive");
      return dom_->DispatchEvent(document_.get(), "DOMContentLoaded", true, false);
    });
  }
  MaybeFinishLoad();
}

void PageScripts::SubresourcesComplete() {
  subresources_complete_ = true;
  MaybeFinishLoad();
}

void PageScripts::MaybeFinishLoad() {
  if (load_posted_ || !content_loaded_posted_ || !subresources_complete_ || async_left_ > 0) return;
  load_posted_ = true;
  loop_->FinishLoad();
  loop_->PostTask([this] {
    auto loaded = [this] {
      loaded_ = true;
      delegate_->OnLoaded();
    };
    if (virtual_time_budget_ms_ >= 0) {
      loop_->StartVirtualTime(std::chrono::milliseconds(virtual_time_budget_ms_), loaded);
    } else {
      loaded();
    }
    return ScriptResult{};
  });
}

void PageScripts::SupplyFetch(uint64_t token, const script::FetchAnswer& answer) {
  auto it = wanted_.find(token);
  if (it == wanted_.end()) return;
  const Wanted wanted = it->second;
  wanted_.erase(it);
  if (!wanted.script_element) {
    const uint64_t id = wanted.index_or_id;
    loop_->PostTask([this, id, answer] { return window_->Settle(id, answer); });
    return;
  }
  Entry& entry = scripts_[wanted.index_or_id];
  if (answer.ok) {
    entry.element.source = answer.body;
  } else {
    // Chrome logs the failed load; the script is skipped, the page goes on.
    delegate_->OnConsoleLine(script::MakeConsoleLine(
        "error", "Failed to load script " + entry.element.src + (answer.error.empty() ? "" : ": " + answer.error)));
  }
  entry.ready = true;
  if (entry.element.async) {
    if (answer.ok) RunScript(entry);
    entry.ran = true;
    loop_->PostTask([this] {
      --async_left_;
      MaybeFinishLoad();
      return ScriptResult{};
    });
  }
  RunReadyScripts();
}

void PageScripts::Fetch(uint64_t id, const std::string& url, const std::string& method, const std::string& body) {
  const uint64_t token = next_token_++;
  wanted_[token] = {false, id};
  delegate_->OnFetchWanted(token, url, proto::FetchRequest::FETCH,
                           method == "POST" ? std::optional<std::string>(body) : std::nullopt);
}

void PageScripts::Navigate(const std::string& url) { delegate_->OnNavigationRequested(url); }

void PageScripts::Evaluate(std::string expression, std::function<void(const ScriptResult&)> done) {
  loop_->PostTask([this, expression = std::move(expression), done = std::move(done)] {
    ScriptResult result = context_->Evaluate(expression, "eval", 1);
    done(result);
    // The caller has its answer; a timeout or out of memory still ends the page.
    if (result.outcome == ScriptOutcome::kException) result = ScriptResult{};
    return result;
  });
}

void PageScripts::Click(uint64_t node_serial, std::function<void(bool)> done) {
  script::Node* target = node_serial ? document_->NodeBySerial(node_serial) : nullptr;
  if (!target || !target->IsConnected()) target = document_->body() ? document_->body() : document_->document_element();
  if (!target) return done(true);
  loop_->PostEvent(target, "click", std::move(done));
}

void PageScripts::PressKey(std::string key) {
  script::Node* target = document_->body() ? document_->body() : document_->document_element();
  if (!target) return;
  loop_->PostEvent(target, "keydown", nullptr, std::move(key));
}

bool PageScripts::RunAnimationFrame(double now_ms) {
  loop_->RunAnimationFrame(now_ms);
  return DomChangedSinceLayout();
}

void PageScripts::SetHidden(bool hidden) { loop_->SetHidden(hidden); }

PageScripts::LayoutUpdate PageScripts::TakeLayoutUpdate() {
  laid_out_generation_ = document_->generation();
  script::LayoutChanges changes = document_->TakeLayoutChanges();
  LayoutUpdate update;
  update.rebuild = changes.rebuild;
  if (update.rebuild) return update;
  for (const script::Element* element : changes.text) {
    update.texts.emplace_back(std::to_string(element->serial()), element->TextContent());
  }
  for (const script::Element* element : changes.style) {
    const std::string* style = element->GetAttribute("style");
    update.styles.emplace_back(std::to_string(element->serial()), style ? *style : std::string());
  }
  if (changes.title) update.title = document_->title();
  return update;
}

std::string PageScripts::TakeLayoutHtml() {
  document_->TakeLayoutChanges();
  laid_out_generation_ = document_->generation();
  return script::SerializeForLayout(*document_);
}

std::string PageScripts::DumpHtml() const { return script::SerializeNode(*document_); }

}  // namespace sandtab::renderer
