#include "sandbox/exec_flags.h"

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <sstream>

#include "sandbox/launcher.h"

namespace sandtab::sandbox {

std::string ParseExecFlags(const std::vector<std::string>& args, ExecConfig* config) {
  size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      ++i;
      break;
    }
    if (arg == "--help" || arg == "-h") {
      config->help = true;
      return "";
    }
    if (arg == "--no-sandbox") {
      config->sandboxed = false;
    } else if (arg == "--zygote") {
      config->zygote_children = 1;
    } else if (arg.rfind("--zygote=", 0) == 0) {
      std::string count = arg.substr(9);
      char* end = nullptr;
      long n = std::strtol(count.c_str(), &end, 10);
      if (count.empty() || *end != '\0' || n < 1 || n > kMaxZygoteChildren)
        return "bad --zygote count '" + count + "' (1.." + std::to_string(kMaxZygoteChildren) + ")";
      config->zygote_children = static_cast<int>(n);
    } else if (arg.rfind("--profile=", 0) == 0) {
      auto profile = ParseProfile(arg.substr(10));
      if (!profile) return "unknown profile '" + arg.substr(10) + "' (renderer or plugin)";
      config->profile = *profile;
    } else if (arg.rfind("-", 0) == 0) {
      return "unknown flag '" + arg + "'";
    } else {
      break;  // PROGRAM without "--"
    }
  }
  if (i >= args.size()) return "missing PROGRAM";
  config->argv.assign(args.begin() + static_cast<long>(i), args.end());
  return "";
}

std::string ResolveProgram(const std::string& program) {
  auto absolute = [](const std::string& path) -> std::string {
    char buffer[PATH_MAX];
    if (access(path.c_str(), X_OK) != 0 || realpath(path.c_str(), buffer) == nullptr) return "";
    return buffer;
  };
  if (program.find('/') != std::string::npos) return absolute(program);
  const char* path = getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    std::string found = absolute(dir + "/" + program);
    if (!found.empty()) return found;
  }
  return "";
}

}  // namespace sandtab::sandbox
