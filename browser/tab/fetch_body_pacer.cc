#include "browser/tab/fetch_body_pacer.h"

namespace sandtab::browser {

FetchBodyPacer::FetchBodyPacer(boost::asio::io_context& io, Hooks hooks) : hooks_(std::move(hooks)), retry_(io) {}

bool FetchBodyPacer::Fits(size_t body_bytes) {
  const ipc::UnreadAttachments::Totals unread = hooks_.unread();
  // An empty window takes any one body, however large: it has to go at some point.
  if (unread.fds == 0) return true;
  return unread.fds + 1 <= kWindowFds && unread.bytes + body_bytes <= kWindowBytes;
}

void FetchBodyPacer::Offer(uint64_t request_id, FetchResult result) {
  if (waiting_.empty() && Fits(result.body.size())) return hooks_.send(request_id, std::move(result));
  if (waiting_.size() >= kMaxWaiting) {
    const ipc::UnreadAttachments::Totals unread = hooks_.unread();
    const std::string reason = "renderer does not read its fetch answers (" + std::to_string(waiting_.size()) +
                               " waiting behind " + std::to_string(unread.fds) + " unread bodies of " +
                               std::to_string(unread.bytes) + " bytes)";
    Clear();
    return hooks_.bad_message(reason);
  }
  waiting_bytes_ += result.body.size();
  waiting_.push_back({request_id, std::move(result)});
  ArmRetry();
}

void FetchBodyPacer::SendWhatFits() {
  while (!waiting_.empty() && Fits(waiting_.front().result.body.size())) {
    Waiting next = std::move(waiting_.front());
    waiting_.pop_front();
    waiting_bytes_ -= next.result.body.size();
    hooks_.send(next.request_id, std::move(next.result));  // may Clear() us
  }
  if (!waiting_.empty()) ArmRetry();
}

void FetchBodyPacer::ArmRetry() {
  if (retry_armed_) return;
  retry_armed_ = true;
  retry_.expires_after(kRetryInterval);
  // A cancelled wait (Clear, or our destruction) touches nothing of ours;
  // one that completed before the tab closed is still queued with success,
  // hence the token (RestartController::OnDeath).
  retry_.async_wait([this, alive = anchor_.token()](const boost::system::error_code& ec) {
    if (ec || !alive.Alive()) return;
    retry_armed_ = false;
    SendWhatFits();
  });
}

void FetchBodyPacer::Clear() {
  waiting_.clear();
  waiting_bytes_ = 0;
  retry_.cancel();
  retry_armed_ = false;
}

}  // namespace sandtab::browser
