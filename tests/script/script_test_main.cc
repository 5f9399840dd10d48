// The test binaries' main: SpiderMonkey is initialised once per process, as
// in the zygote, before any test runs (JS_Init may not run twice).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/script/test_engine.h"

namespace sandtab::script {

namespace {
JsEngine* g_engine = nullptr;
}  // namespace

JsEngine& TestEngine() { return *g_engine; }

int ExitCodeOfForkedChild(const std::function<int()>& child) {
  TestEngine().StopThreads();
  const pid_t pid = fork();
  if (pid == 0) {
    TestEngine().StartThreads();
    _exit(child());
  }
  TestEngine().StartThreads();
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

}  // namespace sandtab::script

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  std::string error;
  sandtab::script::JsEngineOptions options;
  options.jitless = SANDTAB_TEST_JITLESS;
  auto engine = sandtab::script::JsEngine::Create(options, &error);
  if (!engine) {
    fprintf(stderr, "JsEngine: %s\n", error.c_str());
    return 1;
  }
  sandtab::script::g_engine = engine.get();
  const int status = RUN_ALL_TESTS();
  engine.reset();
  return status;
}
