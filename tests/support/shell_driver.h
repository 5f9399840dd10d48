// Drives a real line-oriented JSON shell process (e.g. `sandtab --json`)
// through pipes: one command line in, one JSON object line out, every read
// bounded by a timeout. The destructor never leaves a process behind.
#pragma once

#include <sys/types.h>

#include <boost/property_tree/ptree.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace sandtab::test {

// Parsed JSON. Boost.PropertyTree keeps every scalar as a string
// (true/false/null included); arrays are children with empty keys.
using Json = boost::property_tree::ptree;

// Parses one JSON text; throws std::runtime_error naming the text on error.
Json ParseJson(const std::string& text);
// The JSON text of a parsed value, on one line, for failure messages.
std::string ToJsonText(const Json& json);
// The elements of the array at `path` (empty when absent).
std::vector<Json> ArrayAt(const Json& json, const std::string& path);

struct ProcessResult {
  bool timed_out = false;  // killed after the timeout
  int exit_code = -1;      // when it exited normally
  int signal = 0;          // when a signal ended it
  std::string stdout_text;
  std::string stderr_text;
};

// Runs argv[0] (a path) to completion with stdin from /dev/null and both
// outputs captured, SIGKILLed and reaped if it outlives `timeout`.
ProcessResult RunProcess(const std::vector<std::string>& argv, std::chrono::milliseconds timeout);

class ShellDriver {
 public:
  struct Options {
    std::string binary;             // path of the program
    std::vector<std::string> args;  // its arguments (without argv[0])
    std::string stderr_path;        // file for its stderr; empty: inherit ours
  };
  static constexpr std::chrono::milliseconds kDefaultTimeout{15000};

  // Starts the program; throws std::runtime_error if it cannot.
  explicit ShellDriver(Options options);
  // Sends `quit`, waits up to 5 s, then SIGKILLs it (and its descendants)
  // and reaps it.
  ~ShellDriver();
  ShellDriver(const ShellDriver&) = delete;
  ShellDriver& operator=(const ShellDriver&) = delete;

  // Sends one line, returns the next output line. Throws std::runtime_error
  // (with the tail of stderr) on timeout or when the process ends.
  std::string CommandRaw(const std::string& line, std::chrono::milliseconds timeout = kDefaultTimeout);
  // CommandRaw, parsed. Throws when the answer is not one JSON object.
  Json Command(const std::string& line, std::chrono::milliseconds timeout = kDefaultTimeout);

  // Sends every line at once (pipelined, no answer awaited in between),
  // then reads one answer per line, in order. Throws like Command.
  std::vector<Json> CommandBatch(const std::vector<std::string>& lines,
                                 std::chrono::milliseconds timeout = kDefaultTimeout);

  // Sends `quit` and waits for the exit; the wait status, or nullopt if it
  // had to be killed. Afterwards the destructor has nothing left to do.
  std::optional<int> Quit(std::chrono::milliseconds timeout = std::chrono::seconds(5));

  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }
  // The last ~4 KiB of the process's stderr file (empty if inherited).
  std::string StderrTail() const;

 private:
  bool WriteLine(const std::string& line);
  std::optional<std::string> ReadLine(std::chrono::milliseconds timeout);
  void KillAndReap();

  Options options_;
  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  std::string buffer_;
};

}  // namespace sandtab::test
