#ifndef SANDTAB_IPC_EVENT_LOOP_H_
#define SANDTAB_IPC_EVENT_LOOP_H_

#include <boost/asio/io_context.hpp>

// How much locking an io_context does is fixed when it is made. By default
// Asio locks its scheduler, its reactor and every descriptor, about a quarter
// of the instructions a small message costs in user space (counted with
// callgrind). Each process says what it actually needs.
namespace sandtab::ipc {

// One thread runs the loop and nothing else ever touches it (renderers,
// plugins): no locks at all.
inline constexpr int kSingleThreadedLoop = BOOST_ASIO_CONCURRENCY_HINT_UNSAFE;

// One thread runs the loop and does all the I/O; other threads may only post
// to it (the browser: its shell's stdin reader and Asio's own resolver
// thread). The scheduler keeps its lock; descriptors lose theirs.
inline constexpr int kLoopWithPostingThreads = BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO;

}  // namespace sandtab::ipc

#endif  // SANDTAB_IPC_EVENT_LOOP_H_
