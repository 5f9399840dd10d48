#include "browser/tab/retired_renderers.h"

#include <boost/asio/post.hpp>

namespace sandtab::browser {

class RetiredRenderers::Retiree : public RendererHost::DiscardingClient {
 public:
  Retiree(RetiredRenderers& owner, std::unique_ptr<RendererHost> host, int tab_id, std::string site)
      : owner_(owner), host_(std::move(host)), tab_id_(tab_id), site_(std::move(site)) {
    host_->set_client(this);
  }

  std::unique_ptr<RendererHost> TakeHost() { return std::move(host_); }
  int tab_id() const { return tab_id_; }
  const std::string& site() const { return site_; }

 private:
  // Its channel is closed: nothing it says reaches anyone; only its end counts.
  void OnRendererGone(const proto::DeathRecord& record) override { owner_.OnGone(this, record); }

  RetiredRenderers& owner_;
  std::unique_ptr<RendererHost> host_;
  const int tab_id_;
  const std::string site_;
};

RetiredRenderers::RetiredRenderers(boost::asio::io_context& io, DeathCallback on_death)
    : io_(io), on_death_(std::move(on_death)) {}

RetiredRenderers::~RetiredRenderers() = default;

void RetiredRenderers::Retire(std::unique_ptr<RendererHost> host, int tab_id, const std::string& site) {
  if (!host) return;
  RendererHost* raw = host.get();
  retirees_.push_back(std::make_unique<Retiree>(*this, std::move(host), tab_id, site));
  raw->Retire("retired by tab " + std::to_string(tab_id) + " for a renderer of another site");
}

void RetiredRenderers::OnGone(Retiree* retiree, proto::DeathRecord record) {
  for (auto it = retirees_.begin(); it != retirees_.end(); ++it) {
    if (it->get() != retiree) continue;
    const bool clean = record.cause() == proto::DeathRecord::EXITED && record.exit_code() == 0;
    if (!clean && on_death_) {
      record.add_tab_ids((*it)->tab_id());
      record.set_site((*it)->site());
      record.set_restart_decision("none: retired after a process swap");
      on_death_(record);
    }
    // We are inside the host's own callback: destroy it after returning.
    boost::asio::post(io_, [dead = std::shared_ptr<RendererHost>((*it)->TakeHost())] {});
    retirees_.erase(it);
    return;
  }
}

}  // namespace sandtab::browser
