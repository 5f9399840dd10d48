#ifndef SANDTAB_TESTS_SUPPORT_CHILD_ENDPOINT_PAIR_H_
#define SANDTAB_TESTS_SUPPORT_CHILD_ENDPOINT_PAIR_H_

#include <boost/asio/io_context.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ipc/child_endpoint.h"
#include "ipc/message_channel.h"
#include "tests/support/fd_helpers.h"
#include "tests/support/recorders.h"
#include "tests/support/run_until.h"

namespace sandtab::test {

// A child's ChildEndpoint, started, and on the other end of a real
// socketpair the browser's MessageChannel (refusing fds, as the browser's
// does). Records both directions: what the child said (its Hello first) and
// what reached the child's own code. For tests of the endpoint and of each
// child's typed sender.
template <typename BrowserToChild, typename ChildToBrowser>
class ChildEndpointPair : public ipc::ChildEndpoint<BrowserToChild, ChildToBrowser>::Delegate {
 public:
  using Endpoint = ipc::ChildEndpoint<BrowserToChild, ChildToBrowser>;
  using BrowserEnd = ipc::MessageChannel<ChildToBrowser, BrowserToChild>;

  ChildEndpointPair(boost::asio::io_context& io, proto::ProcessType child_type) {
    SocketPair pair = MakeSocketPair();
    browser_fd = pair.b.get();
    endpoint = std::make_unique<Endpoint>(io, std::move(pair.a), child_type);
    browser = std::make_unique<BrowserEnd>(io, std::move(pair.b), ipc::FdPolicy::kRejectFds);
    browser->Start(&said);
    endpoint->Start(this);
  }

  void OnBrowserMessage(const BrowserToChild& message, std::vector<UniqueFd> fds) override {
    heard.emplace_back().CopyFrom(message);
    heard_fd_counts.push_back(fds.size());
  }
  void OnEndpointStopped(const std::string& reason) override { stops.push_back(reason); }

  // The first message the child said after its Hello; nullptr if none came
  // within RunUntil's timeout.
  const ChildToBrowser* SaidAfterHello(boost::asio::io_context& io) {
    if (!RunUntil(io, [&] { return said.messages.size() >= 2; })) return nullptr;
    return &said.messages[1].message;
  }

  TypedRecorder<ChildToBrowser, BrowserToChild> said;  // by the child, to the browser
  std::vector<BrowserToChild> heard;                   // by the child's own code
  std::vector<size_t> heard_fd_counts;
  std::vector<std::string> stops;  // as the child's code was told
  int browser_fd = -1;             // the browser end's socket, for raw frames
  std::unique_ptr<Endpoint> endpoint;
  std::unique_ptr<BrowserEnd> browser;
};

}  // namespace sandtab::test

#endif  // SANDTAB_TESTS_SUPPORT_CHILD_ENDPOINT_PAIR_H_
