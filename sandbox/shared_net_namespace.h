// One empty network namespace shared by every sandboxed child of this
// process. Creating one per child is serialised in the kernel and slow at
// the tail (docs/performance-history.md, "Network namespaces"); joining an
// existing one costs a setns().
#ifndef SANDTAB_SANDBOX_SHARED_NET_NAMESPACE_H_
#define SANDTAB_SANDBOX_SHARED_NET_NAMESPACE_H_

namespace sandtab::sandbox {

// Starts creating the namespace on a thread of its own and returns at once:
// the thread and the kernel take about a millisecond (more under load) that
// the caller may spend on something else before its first sandboxed child.
// Idempotent.
void StartSharedNetNamespace();

// An O_CLOEXEC fd to the namespace, created on first use if nobody started
// it (thread-safe; waits for a creation under way), or -1 when this
// process may not create one (not root): then each child creates its own
// with clone(CLONE_NEWNET). Its loopback stays down.
int SharedNetNamespaceFd();

}  // namespace sandtab::sandbox

#endif  // SANDTAB_SANDBOX_SHARED_NET_NAMESPACE_H_
