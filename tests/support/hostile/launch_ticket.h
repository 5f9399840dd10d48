// Which of a browser's children this one is, so an at-launch scenario can
// act in one child while every other child of the same browser relays.
#ifndef SANDTAB_TESTS_SUPPORT_HOSTILE_LAUNCH_TICKET_H_
#define SANDTAB_TESTS_SUPPORT_HOSTILE_LAUNCH_TICKET_H_

#include <string>

namespace sandtab::test::hostile {

// The smallest N >= 1 for which this process can bind the abstract Unix
// socket name "sandtab-hostile/ROLE/TAG/N", held until the process ends.
// Every sandboxed child of one browser shares one network namespace
// (sandbox/shared_net_namespace.h), and abstract names live in it, so
// while the earlier children live the Nth child started gets N; a child
// that died frees its number for the next. 0 when no name can be bound.
int TakeLaunchTicket(const std::string& role, const std::string& tag);

}  // namespace sandtab::test::hostile

#endif  // SANDTAB_TESTS_SUPPORT_HOSTILE_LAUNCH_TICKET_H_
