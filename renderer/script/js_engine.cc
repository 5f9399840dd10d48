#include "renderer/script/js_engine.h"

#include <js/BuildId.h>
#include <js/Initialization.h>
#include <jsapi.h>

#include <atomic>
#include <cstring>

#include "renderer/script/helper_thread_pool.h"

namespace sandtab::script {

namespace {

std::atomic<bool> g_initialised_once{false};

// Encoded self-hosted code is only ever decoded by this same binary, in this
// process or its forks, so one constant identifies the build.
bool BuildId(JS::BuildIdCharVector* build_id) {
  static constexpr char kId[] = "sandtab-mozjs-102";
  return build_id->append(kId, std::strlen(kId));
}

std::vector<uint8_t>* g_encoding_target = nullptr;

bool KeepSelfHostedCode(JSContext*, JS::SelfHostedCache cache) {
  g_encoding_target->assign(cache.begin(), cache.end());
  return true;
}

}  // namespace

std::unique_ptr<JsEngine> JsEngine::Create(const JsEngineOptions& options, std::string* error) {
  if (g_initialised_once.exchange(true)) {
    *error = "SpiderMonkey may be initialised once per process";
    return nullptr;
  }
  if (options.jitless) JS::DisableJitBackend();
  if (!JS_Init()) {
    *error = "JS_Init failed";
    return nullptr;
  }
  std::unique_ptr<JsEngine> engine(new JsEngine(options));
  HelperThreadPool::Instance().Install(options.helper_threads);
  JS::SetProcessBuildIdOp(BuildId);
  HelperThreadPool::Instance().Start();
  if (options.encode_self_hosted_code && !engine->EncodeSelfHostedCode(error)) return nullptr;
  return engine;
}

bool JsEngine::EncodeSelfHostedCode(std::string* error) {
  JSContext* cx = JS_NewContext(JS::DefaultHeapMaxBytes);
  if (!cx) {
    *error = "JS_NewContext failed";
    return false;
  }
  g_encoding_target = &self_hosted_code_;
  const bool ok = JS::InitSelfHostedCode(cx, nullptr, KeepSelfHostedCode);
  g_encoding_target = nullptr;
  JS_DestroyContext(cx);
  if (!ok || self_hosted_code_.empty()) {
    *error = "SpiderMonkey could not parse its self-hosted code";
    return false;
  }
  return true;
}

JsEngine::~JsEngine() {
  HelperThreadPool::Instance().Stop();
  JS_ShutDown();
}

void JsEngine::StopThreads() { HelperThreadPool::Instance().Stop(); }
void JsEngine::StartThreads() { HelperThreadPool::Instance().Start(); }
int JsEngine::running_threads() const { return HelperThreadPool::Instance().running_threads(); }

}  // namespace sandtab::script
