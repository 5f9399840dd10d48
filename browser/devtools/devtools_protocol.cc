#include "browser/devtools/devtools_protocol.h"

#include "browser/devtools/tab_port.h"
#include "proto/common.pb.h"

namespace sandtab::browser {

DevToolsProtocol::DevToolsProtocol(boost::asio::io_context& io, TabPort& tabs, Options options)
    : targets_(options.id_seed),
      context_{io, targets_, sessions_, tabs, options.product, options.user_agent, options.load_timeout_seconds},
      tree_(context_),
      lifecycle_(context_, tree_),
      target_domain_(context_, tree_),
      page_domain_(context_, lifecycle_),
      runtime_domain_(context_, lifecycle_),
      browser_domain_(context_, std::move(options.close_browser)),
      quiet_domains_(context_) {
  target_domain_.Register(dispatcher_);
  page_domain_.Register(dispatcher_);
  runtime_domain_.Register(dispatcher_);
  browser_domain_.Register(dispatcher_);
  quiet_domains_.Register(dispatcher_);
  emulation_domain_.Register(dispatcher_);
}

void DevToolsProtocol::OnTabOpened(int tab_id) {
  if (targets_.ByTab(tab_id)) return;
  PageTarget& page = targets_.Add(tab_id);
  // The first document's load events reach whoever attaches before it loads.
  lifecycle_.BeginNavigation(page);
  tree_.OnPageAdded(page);
}

void DevToolsProtocol::OnTabClosed(int tab_id) {
  PageTarget* page = targets_.ByTab(tab_id);
  if (!page) return;
  tree_.OnPageRemoved(*page);
  targets_.Remove(tab_id);
}

void DevToolsProtocol::OnDeath(const proto::DeathRecord& record) {
  if (record.process_type() != proto::PROCESS_TYPE_RENDERER) return;
  for (int tab_id : record.tab_ids()) {
    // A closed tab's renderer dies after its target is gone: no crash to tell.
    if (PageTarget* page = targets_.ByTab(tab_id)) lifecycle_.OnRendererGone(*page, record);
  }
}

void DevToolsProtocol::CloseAll() {
  while (!sessions_.All().empty()) sessions_.All().front()->client->Close();
}

std::shared_ptr<CdpClient> DevToolsProtocol::Connect(TargetType type, const std::string& target_id,
                                                     CdpClient::Sender send, CdpClient::Closer close) {
  auto client = std::make_shared<CdpClient>(dispatcher_, sessions_, std::move(send), std::move(close));
  client->OpenRoot(type, target_id);
  return client;
}

}  // namespace sandtab::browser
