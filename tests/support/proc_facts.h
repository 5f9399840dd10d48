// Facts about processes read straight from /proc, independent of what the
// process under test says about itself.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace sandtab::test {

// The state letter of /proc/PID/stat (R, S, D, Z, T, ...), or nullopt when
// the pid does not exist.
std::optional<char> ProcessState(pid_t pid);

// The pid exists and is not a zombie.
bool IsAlive(pid_t pid);
// The pid exists as a zombie (exited, not yet reaped by its parent).
bool IsZombie(pid_t pid);
// The pid has no /proc entry at all (exited and reaped).
bool IsGone(pid_t pid);

// Start time of the process in clock ticks since boot (field 22 of
// /proc/PID/stat): with the pid, it names one process even across pid reuse.
std::optional<unsigned long long> StartTime(pid_t pid);

// Parent pid (field 4 of /proc/PID/stat).
std::optional<pid_t> ParentPid(pid_t pid);

// Number of open file descriptors (entries of /proc/PID/fd), or -1.
int FdCount(pid_t pid);
// Number of open fds that are memfds (link target starts with "/memfd:"), or -1.
int MemfdCount(pid_t pid);
// Link targets of every open fd, "N -> target", for failure messages.
std::vector<std::string> FdTargets(pid_t pid);

// Direct children of pid (from /proc/PID/task/*/children).
std::vector<pid_t> Children(pid_t pid);
// Children and grandchildren of `pid` except the zygote itself: the browser's
// renderers and plugins, whether launched cold or forked from its zygote.
std::vector<pid_t> RendererDescendants(pid_t pid);

// The System V shared memory segments ("key shmid") that `root`'s process
// tree could have made: those whose creator is `root`, a live descendant of
// it, or gone (a renderer that exited). Segments of live processes outside
// the tree are another program's (a test beside this one) and are left out.
std::vector<std::string> SysvSegmentsOfTree(pid_t root);

// The whole of /proc/PID/NAME (cmdline, environ, ...), or "" if unreadable.
std::string ReadProcFile(pid_t pid, const std::string& name);

// Kilobytes of one smaps field ("Rss:", "Private_Dirty:") summed over the
// mappings of `pid` whose header line names `mapping` ("[heap]",
// "memfd:sandtab-surface"); 0 if unreadable.
long SmapsKb(pid_t pid, const std::string& mapping, const std::string& field);

// One line of /proc/PID/status ("Seccomp", "NoNewPrivs", ...), value trimmed.
std::optional<std::string> StatusField(pid_t pid, const std::string& key);

// Link target of /proc/PID/ns/NAME, e.g. "net:[4026531840]".
std::optional<std::string> Namespace(pid_t pid, const std::string& name);

// Names of the entries of a directory (no "." or ".."), sorted.
std::vector<std::string> DirEntries(const std::string& dir);

}  // namespace sandtab::test
