#include "tests/integration/trace_events.h"

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

namespace sandtab::integration {

std::vector<TraceInstant> ReadTraceInstants(const std::string& path) {
  boost::property_tree::ptree root;
  boost::property_tree::read_json(path, root);
  std::vector<TraceInstant> events;
  for (const auto& [key, event] : root.get_child("traceEvents")) {
    if (event.get<std::string>("ph", "") != "i") continue;
    events.push_back({event.get<std::string>("name"), event.get<int64_t>("ts"), event.get<pid_t>("pid"),
                      event.get<std::string>("args.detail", "")});
  }
  return events;
}

}  // namespace sandtab::integration
