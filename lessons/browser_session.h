#ifndef SANDTAB_LESSONS_BROWSER_SESSION_H_
#define SANDTAB_LESSONS_BROWSER_SESSION_H_

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "lessons/child_process.h"

namespace sandtab::lessons {

// sandtab itself, driven as a script drives it (DESIGN section 8): the
// browser binary with --json as a child, one command in, one JSON line out.
// The lessons that end in sandtab's own processes (shm's residue count,
// the torn frames, isolation's tabs) use it.
class BrowserSession {
 public:
  static Result<BrowserSession> Start(IpcJanitor& janitor, const std::string& bin_dir,
                                      const std::vector<std::string>& flags);
  BrowserSession(BrowserSession&& other) noexcept = default;
  BrowserSession& operator=(BrowserSession&&) = delete;
  ~BrowserSession();  // quit, bounded, then SIGKILL

  // The answer's JSON line; an error if the browser did not answer in time
  // or answered {"error": ...}.
  Result<std::string> Command(std::string_view line, std::chrono::milliseconds timeout = std::chrono::seconds(20));
  pid_t pid() const { return browser_.pid(); }

 private:
  explicit BrowserSession(ChildProcess browser) : browser_(std::move(browser)) {}
  Result<std::string> ReadLine(std::chrono::milliseconds timeout);

  ChildProcess browser_;  // its stdin and stdout are our pipes
  std::string pending_;   // bytes read past the last line
};

// The first "name": value of a one-line JSON object: a string's text or a
// number's digits (enough for the shell's flat answers); empty if absent.
std::string JsonField(std::string_view json, std::string_view name);
// A whole-number field, or -1 if absent or not a number.
int64_t JsonNumber(std::string_view json, std::string_view name);

}  // namespace sandtab::lessons

#endif  // SANDTAB_LESSONS_BROWSER_SESSION_H_
