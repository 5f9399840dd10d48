#include "browser/process/command_prefix.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sstream>

namespace sandtab::browser {
namespace {

bool IsExecutableFile(const std::string& path) {
  struct stat info;
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

}  // namespace

Result<std::vector<std::string>> ParseCommandPrefix(const std::string& text, const std::string& path_env) {
  std::vector<std::string> words;
  std::istringstream split(text);
  for (std::string word; split >> word;) words.push_back(word);
  if (words.empty()) return words;
  std::string& program = words[0];
  if (program.find('/') != std::string::npos) {
    // A relative path is relative to where the user started us, not to
    // wherever the sandbox's launcher happens to be.
    char absolute[PATH_MAX];
    if (!IsExecutableFile(program) || ::realpath(program.c_str(), absolute) == nullptr) {
      return Error{"'" + program + "' is not an executable file"};
    }
    if (program[0] != '/') program = absolute;
    return words;
  }
  const std::string search = path_env.empty() ? "/usr/bin:/bin" : path_env;
  std::istringstream dirs(search);
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty() || dir[0] != '/') continue;  // "" and relative entries mean the working directory: not for us
    const std::string candidate = dir + "/" + program;
    if (IsExecutableFile(candidate)) {
      program = candidate;
      return words;
    }
  }
  return Error{"'" + program + "' is not a program in PATH (" + search + ")"};
}

}  // namespace sandtab::browser
