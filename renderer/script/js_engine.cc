#include "renderer/script/js_engine.h"

#include <js/BuildId.h>
#include <js/Initialization.h>
#include <jsapi.h>

#include <link.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <span>
#include <utility>

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

size_t JsEngine::DropCodeMappings() {
  // The loaded object that holds JS_NewContext's code is SpiderMonkey's.
  struct Search {
    uintptr_t code;
    size_t dropped;
  } search{reinterpret_cast<uintptr_t>(&JS_NewContext), 0};
  ::dl_iterate_phdr(
      [](dl_phdr_info* object, size_t, void* data) {
        auto* search = static_cast<Search*>(data);
        const auto segment_of = [object](const ElfW(Phdr) & header, uintptr_t page) {
          const uintptr_t start = (object->dlpi_addr + header.p_vaddr) & ~(page - 1);
          return std::pair{start, (object->dlpi_addr + header.p_vaddr + header.p_memsz + page - 1) & ~(page - 1)};
        };
        const uintptr_t page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
        const auto loads = std::span(object->dlpi_phdr, object->dlpi_phnum);
        const bool ours = std::any_of(loads.begin(), loads.end(), [&](const ElfW(Phdr) & header) {
          const auto [start, end] = segment_of(header, page);
          return header.p_type == PT_LOAD && search->code >= start && search->code < end;
        });
        if (!ours) return 0;
        for (const ElfW(Phdr) & header : loads) {
          // Code and read-only data only: a writable segment holds relocated
          // and written pages (RELRO among them) that exist nowhere else.
          if (header.p_type != PT_LOAD || (header.p_flags & PF_W)) continue;
          const auto [start, end] = segment_of(header, page);
          if (::madvise(reinterpret_cast<void*>(start), end - start, MADV_DONTNEED) == 0)
            search->dropped += end - start;
        }
        return 1;
      },
      &search);
  return search.dropped;
}

JsEngine::~JsEngine() {
  HelperThreadPool::Instance().Stop();
  JS_ShutDown();
}

void JsEngine::StopThreads() { HelperThreadPool::Instance().Stop(); }
void JsEngine::StartThreads() { HelperThreadPool::Instance().Start(); }
int JsEngine::running_threads() const { return HelperThreadPool::Instance().running_threads(); }

}  // namespace sandtab::script
