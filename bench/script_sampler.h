// The in-process side of the JavaScript rows: a helper child (ForkedSampler)
// initialised as the zygote is for scripts (fonts, the SpiderMonkey engine
// made and its threads stopped, the renderer's seccomp filter prepared), so
// that the engine never lives in the benchmark process, where the Browser
// forks and launches its children.
#ifndef SANDTAB_BENCH_SCRIPT_SAMPLER_H_
#define SANDTAB_BENCH_SCRIPT_SAMPLER_H_

#include <memory>
#include <string>

#include "bench/forked_sampler.h"

namespace sandtab::bench {

enum ScriptVariant : unsigned char {
  // fork + the prepared renderer filter loaded in the child + _exit + waitpid,
  // of the helper: the zygote floor of a process that holds an engine.
  kScriptForkFloor = 0,
  // In a child forked from the helper, after the filter is loaded (as a
  // zygote-forked renderer, after layer 2): renderer::PageScripts::Create of
  // the small scripted page, helper threads started as the renderer starts
  // them with its first context. Wall and CPU time of the child, its faults.
  kScriptContextForked = 1,
  // The same PageScripts::Create in the helper itself (its engine warm, its
  // pages its own): what the fork adds to the row above.
  kScriptContextWarm = 2,
  // The DOM-heavy page as the renderer handles it, in the helper: PageScripts
  // (parse, context, bindings), the first litehtml layout from its DOM, the
  // scripts and load on an Asio loop, the layout rebuilt from the changed
  // DOM (inserted elements: the renderer rebuilds too), one paint at
  // 1280x800. No process boundary, no sandbox, no IPC.
  kScriptDomHeavyInProcess = 3,
};

struct ScriptPages {
  std::string scripted_html;  // the context rows' document
  std::string heavy_html;     // kScriptDomHeavyInProcess's document
  std::string heavy_url;
  std::string heavy_title;  // what its script leaves in document.title: checked, untimed
};

std::unique_ptr<ForkedSampler> StartScriptSampler(const ScriptPages& pages, std::string* error);

}  // namespace sandtab::bench

#endif  // SANDTAB_BENCH_SCRIPT_SAMPLER_H_
