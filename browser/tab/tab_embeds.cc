// Tab: the plugin instances of its document's <embed>s.
#include "browser/plugins/plugin_broker.h"
#include "browser/tab/tab.h"
#include "proto/limits.h"

namespace sandtab::browser {

// Embeds move as the page lays out again (an image arrives above one), so
// instances are matched by position in the document: same type, params and
// size keep running and just move; anything else is replaced.
Status Tab::UpdateEmbeds(const proto::DocumentInfo& info) {
  using proto::kMaxEmbedParamBytes, proto::kMaxEmbedParams, proto::kMaxEmbeds, proto::kMaxEmbedTypeBytes;
  if (info.embeds_size() > kMaxEmbeds) return Error{"DocumentInfo: more than 64 embeds"};
  for (const auto& embed : info.embeds()) {
    const auto& r = embed.rect();
    if (!proto::EmbedRectFits(r.x(), r.y(), r.width(), r.height())) return Error{"DocumentInfo: embed rect out of range"};
    if (embed.params_size() > kMaxEmbedParams || embed.mime_type().size() > kMaxEmbedTypeBytes) {
      return Error{"DocumentInfo: embed with too many params or a long type"};
    }
    for (const auto& param : embed.params()) {
      if (param.name().size() + param.value().size() > kMaxEmbedParamBytes) return Error{"DocumentInfo: embed param over 64 KiB"};
    }
  }
  if (!context_.plugins) return OkStatus();
  for (int i = 0; i < info.embeds_size(); ++i) {
    const auto& embed = info.embeds(i);
    PluginInstance* existing = nullptr;
    if (i < static_cast<int>(plugin_instances_.size())) {
      for (PluginInstance* instance : context_.plugins->InstancesOfTab(id_)) {
        if (instance->id == plugin_instances_[i]) existing = instance;
      }
    }
    bool same = existing && existing->rect.width() == embed.rect().width() &&
                existing->rect.height() == embed.rect().height() &&
                existing->params.size() == static_cast<size_t>(embed.params_size()) &&
                embed.mime_type() == PluginBroker::kMimePrefix + existing->type;
    for (int p = 0; same && p < embed.params_size(); ++p) {
      same = existing->params[p].first == embed.params(p).name() && existing->params[p].second == embed.params(p).value();
    }
    if (same) {
      existing->rect = embed.rect();
      continue;
    }
    if (existing) context_.plugins->DestroyInstance(existing->id);
    PluginInstance* created = context_.plugins->CreateInstance(id_, embed);
    if (i < static_cast<int>(plugin_instances_.size())) {
      plugin_instances_[i] = created->id;
    } else {
      plugin_instances_.push_back(created->id);
    }
  }
  while (plugin_instances_.size() > static_cast<size_t>(info.embeds_size())) {
    context_.plugins->DestroyInstance(plugin_instances_.back());
    plugin_instances_.pop_back();
  }
  return OkStatus();
}

void Tab::DestroyPlugins() {
  if (context_.plugins) context_.plugins->DestroyInstancesOfTab(id_);
  plugin_instances_.clear();
}

}  // namespace sandtab::browser
