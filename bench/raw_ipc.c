/* See raw_ipc.h. Plain C on purpose: this is the floor the C++ layers are
 * compared against. */
#include "bench/raw_ipc.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/msg.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static int write_all(int fd, const void* data, size_t size) {
  const char* p = data;
  while (size > 0) {
    ssize_t n = write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    p += n;
    size -= (size_t)n;
  }
  return 0;
}

/* 1 when done, 0 on EOF before the first byte, -1 on error or partial EOF. */
static int read_all(int fd, void* data, size_t size) {
  char* p = data;
  size_t done = 0;
  while (done < size) {
    ssize_t n = read(fd, p + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) return done == 0 ? 0 : -1;
    done += (size_t)n;
  }
  return 1;
}

int raw_set_receive_timeout(int fd) {
  /* Set once, so each blocking read times out in the kernel with no extra
   * call per round trip (a poll() before each read would be one). */
  struct timeval timeout = {.tv_sec = RAW_RECEIVE_TIMEOUT_SECONDS, .tv_usec = 0};
  return setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
}

int raw_pingpong_round_trip(int fd, void* buffer, size_t size) {
  if (write_all(fd, buffer, size) != 0) return -1;
  return read_all(fd, buffer, size) == 1 ? 0 : -1;
}

int raw_pingpong_echo(int fd, size_t size) {
  char buffer[4096];
  if (size > sizeof(buffer)) return -1;
  for (;;) {
    int got = read_all(fd, buffer, size);
    if (got <= 0) return got;
    if (write_all(fd, buffer, size) != 0) return -1;
  }
}

int raw_epoll_open(int fd) {
  struct epoll_event event = {.events = EPOLLIN | EPOLLET, .data = {.fd = fd}};
  int epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd < 0) return -1;
  if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) != 0 ||
      epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &event) != 0) {
    close(epoll_fd);
    return -1;
  }
  return epoll_fd;
}

/* Receives exactly `size` bytes: 1 when done, 0 on EOF before any byte, -1
 * on error or after `timeout_ms` (-1: none) without a byte (ETIMEDOUT). The
 * timeout rides on the epoll_wait the loop makes anyway: no extra call. */
static int epoll_receive(int epoll_fd, int fd, void* buffer, size_t size, int rearm, int timeout_ms) {
  struct epoll_event event = {.events = EPOLLIN | EPOLLET, .data = {.fd = fd}};
  size_t done = 0;
  while (done < size) {
    if (rearm && epoll_ctl(epoll_fd, EPOLL_CTL_MOD, fd, &event) != 0) return -1;
    struct epoll_event ready;
    int n = epoll_wait(epoll_fd, &ready, 1, timeout_ms);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) {
      errno = ETIMEDOUT;
      return -1;
    }
    while (done < size) {
      ssize_t got = read(fd, (char*)buffer + done, size - done);
      if (got == 0) return done == 0 ? 0 : -1;
      if (got < 0 && errno == EINTR) continue;
      if (got < 0 && errno == EAGAIN) break;
      if (got < 0) return -1;
      done += (size_t)got;
    }
  }
  return 1;
}

int raw_epoll_round_trip(int epoll_fd, int fd, void* buffer, size_t size, int rearm) {
  if (write_all(fd, buffer, size) != 0) return -1;
  return epoll_receive(epoll_fd, fd, buffer, size, rearm, RAW_RECEIVE_TIMEOUT_SECONDS * 1000) == 1 ? 0 : -1;
}

int raw_epoll_echo(int fd, size_t size, int rearm) {
  char buffer[4096];
  int epoll_fd = raw_epoll_open(fd);
  if (size > sizeof(buffer) || epoll_fd < 0) return -1;
  for (;;) {
    /* The peer waits as long as the measuring side pauses; its EOF ends it. */
    int got = epoll_receive(epoll_fd, fd, buffer, size, rearm, -1);
    if (got <= 0) return got;
    if (write_all(fd, buffer, size) != 0) return -1;
  }
}

int raw_stream_fetch(int request_fd, int data_fd, void* destination, size_t size) {
  char request = 'r';
  if (write_all(request_fd, &request, 1) != 0) return -1;
  return read_all(data_fd, destination, size) == 1 ? 0 : -1;
}

int raw_stream_serve(int request_fd, int data_fd, const void* source, size_t size) {
  for (;;) {
    char request;
    int got = read_all(request_fd, &request, 1);
    if (got <= 0) return got;
    if (write_all(data_fd, source, size) != 0) return -1;
  }
}

struct raw_message {
  long type;
  char text[];
};

int raw_msgq_fetch(int queue, void* message, size_t size) {
  struct raw_message* m = message;
  m->type = 1;
  m->text[0] = 'r';
  if (msgsnd(queue, m, 1, 0) != 0) return -1;
  ssize_t n = msgrcv(queue, m, size, 2, 0);
  return n == (ssize_t)size ? 0 : -1;
}

int raw_msgq_serve(int queue, void* message, size_t size) {
  struct raw_message* m = message;
  for (;;) {
    ssize_t n = msgrcv(queue, m, size, 1, MSG_NOERROR);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (m->text[0] == 'q') return 0;
    m->type = 2;
    if (msgsnd(queue, m, size, 0) != 0) return -1;
  }
}

int raw_msgq_stop(int queue) {
  struct {
    long type;
    char text[1];
  } stop = {1, {'q'}};
  return msgsnd(queue, &stop, 1, 0);
}

long raw_msgq_max_bytes(void) {
  FILE* f = fopen("/proc/sys/kernel/msgmax", "r");
  if (!f) return -1;
  long value = -1;
  if (fscanf(f, "%ld", &value) != 1) value = -1;
  fclose(f);
  return value;
}
