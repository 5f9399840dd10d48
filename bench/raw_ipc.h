/* The machine's floor, in plain C: what the kernel costs with nothing of
 * ours on top. Every function blocks; -1 means an error (errno set). */
#ifndef SANDTAB_BENCH_RAW_IPC_H_
#define SANDTAB_BENCH_RAW_IPC_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The measuring side gives up on an answer after this long: a peer that
 * stopped echoing fails the row instead of hanging the bench. */
#define RAW_RECEIVE_TIMEOUT_SECONDS 10
/* Makes blocking reads of socket `fd` fail (EAGAIN) after the timeout. */
int raw_set_receive_timeout(int fd);

/* Ping-pong on a socketpair: send `size` bytes, wait for `size` back (after
 * raw_set_receive_timeout, at most the timeout). */
int raw_pingpong_round_trip(int fd, void* buffer, size_t size);
/* The peer: echoes `size`-byte messages until EOF (returns 0). */
int raw_pingpong_echo(int fd, size_t size);

/* The same round trip the way an event loop does it: the fd non-blocking in
 * an edge-triggered epoll set, epoll_wait then read. With `rearm` set, each
 * wait is preceded by EPOLL_CTL_MOD, as Boost.Asio's async_wait does. raw_epoll_open makes `fd` non-blocking and
 * returns a new epoll fd watching it (create it after fork: an epoll set is shared across one). */
int raw_epoll_open(int fd);
/* Waits at most RAW_RECEIVE_TIMEOUT_SECONDS for the answer. */
int raw_epoll_round_trip(int epoll_fd, int fd, void* buffer, size_t size, int rearm);
int raw_epoll_echo(int fd, size_t size, int rearm);

/* Bulk copy over a stream (socketpair or pipe pair): the receiver writes a
 * one-byte request on `request_fd` and reads `size` bytes from `data_fd`
 * into `destination`. */
int raw_stream_fetch(int request_fd, int data_fd, void* destination, size_t size);
/* The peer: answers each request byte with `size` bytes of `source` until
 * EOF on `request_fd` (returns 0). */
int raw_stream_serve(int request_fd, int data_fd, const void* source, size_t size);

/* The same over one System V message queue: requests are type 1, answers
 * type 2. `message` is a caller buffer of sizeof(long) + size bytes. */
int raw_msgq_fetch(int queue, void* message, size_t size);
/* The peer: answers until it receives a request of type 1 with text "q". */
int raw_msgq_serve(int queue, void* message, size_t size);
int raw_msgq_stop(int queue);
/* The kernel's cap on one message (/proc/sys/kernel/msgmax), or -1. */
long raw_msgq_max_bytes(void);

#ifdef __cplusplus
}
#endif

#endif /* SANDTAB_BENCH_RAW_IPC_H_ */
