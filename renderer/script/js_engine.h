// SpiderMonkey for the whole process: initialised once (in the zygote, before
// it forks), its helper threads owned here so they can be stopped at fork().
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace sandtab::script {

struct JsEngineOptions {
  // No JIT at all (--js-flags=--jitless): no executable memory is ever
  // mapped, so the renderer's seccomp policy may refuse PROT_EXEC.
  bool jitless = false;
  int helper_threads = 1;
  // Parse SpiderMonkey's self-hosted code now and keep it encoded, so each
  // context decodes it: worth it in a zygote, whose children all share the
  // bytes; a cold renderer leaves it to its first context (a page without
  // scripts then pays only JS_Init).
  bool encode_self_hosted_code = true;
};

class JsEngine {
 public:
  // JS_Init may run once per process: a second Create(), even after the
  // first engine is gone, fails with a message.
  static std::unique_ptr<JsEngine> Create(const JsEngineOptions& options, std::string* error);
  ~JsEngine();
  JsEngine(const JsEngine&) = delete;
  JsEngine& operator=(const JsEngine&) = delete;

  // Before fork(): runs what is queued and joins every engine thread, so the
  // process is single-threaded as far as SpiderMonkey is concerned.
  void StopThreads();
  // After fork() (in the child once the sandbox is up, and in the parent).
  void StartThreads();
  // Drops this process's page-table entries for SpiderMonkey's code and
  // read-only data (its library's segments that are never written; the
  // pages stay in the page cache, to be mapped again on use): a
  // context made and released again leaves ~7 MB of them mapped, which the
  // process's exit would otherwise have to walk. Returns the bytes dropped.
  static size_t DropCodeMappings();
  int running_threads() const;

  bool jitless() const { return options_.jitless; }
  // The self-hosted code (SpiderMonkey's built-ins written in JS), parsed
  // once here: every context decodes it instead of parsing it again
  // (about 10 ms instead of 25 in a forked child), and forked children
  // share the bytes copy-on-write. Empty without encode_self_hosted_code:
  // each context parses it.
  std::span<const uint8_t> self_hosted_code() const { return self_hosted_code_; }

 private:
  explicit JsEngine(const JsEngineOptions& options) : options_(options) {}
  bool EncodeSelfHostedCode(std::string* error);

  JsEngineOptions options_;
  std::vector<uint8_t> self_hosted_code_;
};

}  // namespace sandtab::script
