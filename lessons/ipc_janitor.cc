#include "lessons/ipc_janitor.h"

#include <dirent.h>
#include <signal.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sandtab::lessons {
namespace {

std::atomic<IpcJanitor*> installed{nullptr};

void OnInterrupt(int signal_number) {
  if (IpcJanitor* janitor = installed.load()) janitor->RemoveAll();
  // Then what the signal would have done: the shell sees "interrupted".
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

}  // namespace

IpcJanitor::IpcJanitor() {
  for (IdSet* set : {&segments_, &queues_, &processes_}) {
    for (auto& slot : *set) slot.store(kFree);
  }
}

IpcJanitor::~IpcJanitor() {
  Clean();
  IpcJanitor* self = this;
  installed.compare_exchange_strong(self, nullptr);
}

void IpcJanitor::InstallInterruptHandlers() {
  installed.store(this);
  struct sigaction action = {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

void IpcJanitor::TrackSegment(int shm_id) {
  segments_ever_.push_back(shm_id);
  Add(segments_, shm_id);
}

void IpcJanitor::TrackQueue(int msq_id) {
  queues_ever_.push_back(msq_id);
  Add(queues_, msq_id);
}

void IpcJanitor::Add(IdSet& set, int id) {
  for (auto& slot : set) {
    int expected = kFree;
    if (slot.compare_exchange_strong(expected, id)) return;
  }
  // More than kCapacity live objects is a lesson's bug, not the machine's.
  throw std::length_error("IpcJanitor: too many live objects to track");
}

void IpcJanitor::Remove(IdSet& set, int id) {
  for (auto& slot : set) {
    int expected = id;
    if (slot.compare_exchange_strong(expected, kFree)) return;
  }
}

void IpcJanitor::RemoveAll() {
  for (auto& slot : processes_) {
    const int pid = slot.exchange(kFree);
    if (pid == kFree) continue;
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  for (auto& slot : segments_) {
    const int id = slot.exchange(kFree);
    if (id != kFree) ::shmctl(id, IPC_RMID, nullptr);
  }
  for (auto& slot : queues_) {
    const int id = slot.exchange(kFree);
    if (id != kFree) ::msgctl(id, IPC_RMID, nullptr);
  }
  folder_.RemoveAll();
}

void IpcJanitor::Clean() {
  RemoveAll();
  folder_.Clean();
}

int IpcJanitor::CountListed(const char* proc_file, const std::vector<int>& ids) {
  // Columns: key, then the id (shmid or msqid); the first line is a header.
  std::ifstream file(proc_file);
  std::string line;
  std::getline(file, line);
  int listed = 0;
  while (std::getline(file, line)) {
    std::istringstream fields(line);
    long long key = 0;
    int id = -1;
    if (!(fields >> key >> id)) continue;
    for (int ours : ids) listed += ours == id ? 1 : 0;
  }
  return listed;
}

int IpcJanitor::SegmentsLeft() const { return CountListed("/proc/sysvipc/shm", segments_ever_); }
int IpcJanitor::QueuesLeft() const { return CountListed("/proc/sysvipc/msg", queues_ever_); }

int IpcJanitor::ChildrenLeft() {
  // Every thread's children list: a child is listed until it is reaped.
  int children = 0;
  DIR* tasks = ::opendir("/proc/self/task");
  if (!tasks) return -1;
  while (dirent* entry = ::readdir(tasks)) {
    if (entry->d_name[0] == '.') continue;
    std::ifstream file(std::string("/proc/self/task/") + entry->d_name + "/children");
    int pid = 0;
    while (file >> pid) ++children;
  }
  ::closedir(tasks);
  return children;
}

}  // namespace sandtab::lessons
