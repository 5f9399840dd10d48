#ifndef SANDTAB_PLUGIN_PLUGIN_INSTANCE_H_
#define SANDTAB_PLUGIN_PLUGIN_INSTANCE_H_

#include <cairo.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sandtab::plugin {

// The <embed> attributes and <param>s the browser forwarded, in page order.
// Everything here came from a web page: hostile until a plugin validated it.
class PluginParams {
 public:
  PluginParams() = default;
  explicit PluginParams(std::vector<std::pair<std::string, std::string>> entries) : entries_(std::move(entries)) {}

  void Add(std::string name, std::string value) { entries_.emplace_back(std::move(name), std::move(value)); }
  // The first value named `name` (HTML attribute names are case-insensitive,
  // the renderer lower-cases them), or nullptr.
  const std::string* Find(std::string_view name) const {
    for (const auto& [key, value] : entries_) {
      if (key == name) return &value;
    }
    return nullptr;
  }
  bool IsSet(std::string_view name) const {
    const std::string* value = Find(name);
    return value && *value == "1";
  }
  const std::vector<std::pair<std::string, std::string>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<std::string, std::string>> entries_;
};

// One instance of a plugin type: what one <embed> in one tab shows. The
// service owns its surface and decides when to paint; the instance only
// draws. Instances run on the process's single Asio thread, so they need no
// locks, and each frame must allocate nothing (DESIGN section 9): build what
// you need in the constructor.
class PluginInstance {
 public:
  virtual ~PluginInstance() = default;

  // Paints the whole instance (width x height, opaque) on `cr`, whose target
  // is one of the instance's shared buffers. Called after construction, on
  // every animation tick while Animated(), and after a click that asked for it.
  virtual void Paint(cairo_t* cr, int width, int height) = 0;
  // A click in instance coordinates (already inside the instance). Returns
  // true if the instance wants a new frame.
  virtual bool OnClick(int x, int y) = 0;
  // True while the instance wants a frame on every tick of the shared timer.
  virtual bool Animated() const { return false; }
  // Advances animation state to `now_us` (CLOCK_MONOTONIC) before a Paint.
  virtual void Tick(int64_t now_us) { (void)now_us; }
};

}  // namespace sandtab::plugin

#endif  // SANDTAB_PLUGIN_PLUGIN_INSTANCE_H_
