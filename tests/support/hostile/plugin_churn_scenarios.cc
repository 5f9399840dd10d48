// A compromised renderer that alternates one embed's params in DocumentInfo
// (review M4, attack R): each change makes the browser destroy the instance
// and create another (two memfds and a CreateInstance each). The browser
// must slow that to its creation budget, never serve it without end.
#include "proto/renderer.pb.h"
#include "tests/support/hostile/scenario.h"

namespace sandtab::test::hostile {
namespace {

// More than the burst plus a minute of refill (browser/plugins/plugin_budget.h), so
// the last one is refused however slowly the browser reads.
constexpr int kChanges = 1200;

void EmbedChurn(Session& session) {
  for (int i = 0; i < kChanges; ++i) {
    proto::RendererToBrowser message;
    auto* info = message.mutable_document_info();
    info->set_navigation_id(session.seen().navigation_id);
    info->set_title("churn");
    info->set_content_height(400);
    auto* embed = info->add_embeds();
    embed->set_mime_type("application/x-sandtab-clock");
    auto* rect = embed->mutable_rect();
    rect->set_x(10);
    rect->set_y(10);
    rect->set_width(100);
    rect->set_height(100);
    auto* param = embed->add_params();
    param->set_name("n");
    param->set_value(i % 2 ? "a" : "b");
    if (!session.Send(message)) return;
  }
}

const RegisterScenario kEmbedChurn{
    {"embed-churn", When::kOnTrigger, &EmbedChurn, "alternates an embed's params 1200 times (destroy, create)"}};

}  // namespace
}  // namespace sandtab::test::hostile
