#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "sandbox/probes.h"
#include "tests/sandbox/hostile.h"

namespace sandtab::sandbox::hostile {

void Report(const std::string& name, long rc, int error) {
  if (rc >= 0)
    std::printf("ATTEMPT %s allowed\n", name.c_str());
  else
    std::printf("ATTEMPT %s denied errno=%d\n", name.c_str(), error);
  std::fflush(stdout);
}

}  // namespace sandtab::sandbox::hostile

int main(int argc, char** argv) {
  using namespace sandtab::sandbox::hostile;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::fprintf(stderr, "usage: sandbox_hostile attempts|inventory|channel|threads|kill|sibling|park|probes\n");
    return 2;
  }
  std::string mode = args[0];
  args.erase(args.begin());
  int rc = 2;
  if (mode == "attempts" && args.size() == 5)
    rc = RunAttempts(args);
  else if (mode == "inventory")
    rc = RunInventory();
  else if (mode == "channel")
    rc = RunChannel();
  else if (mode == "threads" && args.size() == 2)
    rc = RunThreads(std::atoi(args[0].c_str()), std::atoi(args[1].c_str()));
  else if (mode == "kill" && args.size() == 2)
    rc = RunKillingCall(args[0], args[1]);
  else if (mode == "sibling" && args.size() == 2)
    rc = RunSibling(static_cast<pid_t>(std::atoi(args[0].c_str())), args[1]);
  else if (mode == "park")
    rc = RunParked();
  else if (mode == "probes" && args.size() == 1) {
    for (const auto& probe : sandtab::sandbox::RunForbiddenProbes(std::atoi(args[0].c_str())))
      std::printf("PROBE %s|%s|%d|%s\n", probe.name.c_str(), probe.denied ? "denied" : "allowed", probe.error,
                  probe.detail.c_str());
    rc = 0;
  }
  std::printf("DONE %s\n", mode.c_str());
  std::fflush(stdout);
  return rc;
}
