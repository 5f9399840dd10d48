#include "browser/tab/tab_plugins.h"

#include "browser/plugins/plugin_broker.h"
#include "proto/limits.h"
#include "proto/plugin_types.h"

namespace sandtab::browser {

Status TabPlugins::CheckEmbeds(const proto::DocumentInfo& info) {
  using proto::kMaxEmbedParamBytes, proto::kMaxEmbedParams, proto::kMaxEmbeds, proto::kMaxEmbedTypeBytes;
  if (info.embeds_size() > kMaxEmbeds) return Error{"DocumentInfo: more than 64 embeds"};
  for (const auto& embed : info.embeds()) {
    const auto& r = embed.rect();
    if (!proto::EmbedRectFits(r.x(), r.y(), r.width(), r.height()))
      return Error{"DocumentInfo: embed rect out of range"};
    if (embed.params_size() > kMaxEmbedParams || embed.mime_type().size() > kMaxEmbedTypeBytes) {
      return Error{"DocumentInfo: embed with too many params or a long type"};
    }
    for (const auto& param : embed.params()) {
      if (param.name().size() + param.value().size() > kMaxEmbedParamBytes)
        return Error{"DocumentInfo: embed param over 64 KiB"};
    }
  }
  return OkStatus();
}

PluginInstance* TabPlugins::Find(uint64_t instance_id) const {
  for (PluginInstance* instance : broker_->InstancesOfTab(tab_id_)) {
    if (instance->id == instance_id) return instance;
  }
  return nullptr;
}

// Embeds move as the page lays out again (an image arrives above one), so
// instances are matched by position in the document.
Status TabPlugins::Update(const proto::DocumentInfo& info) {
  if (Status checked = CheckEmbeds(info); !checked) return checked;
  if (!broker_) return OkStatus();
  for (int i = 0; i < info.embeds_size(); ++i) {
    const auto& embed = info.embeds(i);
    PluginInstance* existing = i < static_cast<int>(instance_ids_.size()) ? Find(instance_ids_[i]) : nullptr;
    bool same = existing && existing->rect.width() == embed.rect().width() &&
                existing->rect.height() == embed.rect().height() &&
                existing->params.size() == static_cast<size_t>(embed.params_size()) &&
                embed.mime_type() == std::string(proto::kPluginMimePrefix) + existing->type;
    for (int p = 0; same && p < embed.params_size(); ++p) {
      same =
          existing->params[p].first == embed.params(p).name() && existing->params[p].second == embed.params(p).value();
    }
    if (same) {
      existing->rect = embed.rect();
      continue;
    }
    if (existing) broker_->DestroyInstance(existing->id);
    PluginInstance* created = broker_->CreateInstance(tab_id_, embed);
    if (i < static_cast<int>(instance_ids_.size())) {
      instance_ids_[i] = created->id;
    } else {
      instance_ids_.push_back(created->id);
    }
  }
  while (instance_ids_.size() > static_cast<size_t>(info.embeds_size())) {
    broker_->DestroyInstance(instance_ids_.back());
    instance_ids_.pop_back();
  }
  return OkStatus();
}

void TabPlugins::DestroyAll() {
  if (broker_) broker_->DestroyInstancesOfTab(tab_id_);
  instance_ids_.clear();
}

bool TabPlugins::RouteClick(int x, int64_t document_y) {
  if (!broker_) return false;
  for (PluginInstance* instance : broker_->InstancesOfTab(tab_id_)) {
    const proto::Rect& r = instance->rect;
    if (x >= r.x() && x < int64_t{r.x()} + r.width() && document_y >= r.y() &&
        document_y < int64_t{r.y()} + r.height()) {
      broker_->Click(instance, x - r.x(), static_cast<int>(document_y - r.y()));
      return true;
    }
  }
  return false;
}

bool TabPlugins::AllPainted() const { return !broker_ || broker_->TabPluginsPainted(tab_id_); }

}  // namespace sandtab::browser
