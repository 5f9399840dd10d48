#ifndef SANDTAB_BROWSER_LOADER_ADDRESS_SPACE_H_
#define SANDTAB_BROWSER_LOADER_ADDRESS_SPACE_H_

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace sandtab::browser {

// Chrome's IP address spaces (Private Network Access), most private first:
// loopback ("local") ⊂ private ⊂ public. A request may go only to a space
// at least as public as the one its document came from.
enum class AddressSpace { kLocal, kPrivate, kPublic };

const char* AddressSpaceName(AddressSpace space);  // "local", "private", "public"
std::optional<AddressSpace> ParseAddressSpace(std::string_view name);

// True when `target` is more private than `from`: a document in `from` may
// not reach it.
inline bool IsMorePrivate(AddressSpace target, AddressSpace from) {
  return static_cast<int>(target) < static_cast<int>(from);
}
// The less private of two spaces: what a chain of requesters may reach.
inline AddressSpace LessPrivate(AddressSpace a, AddressSpace b) { return IsMorePrivate(a, b) ? b : a; }

// What a literal address is. Link-local (169.254/16, fe80::/10: cloud
// metadata services, auto-configured neighbours) is its own class because
// the browser never connects there, whoever asks.
enum class AddressClass { kLoopback, kPrivate, kLinkLocal, kPublic };

// 127/8, 0/8 (0.0.0.0 reaches this host's listeners; Chrome blocks it as
// local), ::1 and :: are loopback; 10/8, 172.16/12, 192.168/16, 100.64/10
// (carrier-grade NAT), fc00::/7 (ULA) and fec0::/10 (old site-local) are
// private; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is its IPv4 one.
AddressClass ClassifyAddress(const boost::asio::ip::address& address);
AddressSpace SpaceOfClass(AddressClass address_class);

// --ip-address-space-overrides=HOST:PORT=public|private|local,... (Chrome's
// flag): endpoints that count as another space, so that tests serving from
// loopback can play a public or private server. HOST is an IP literal
// (IPv6 in brackets).
class AddressSpaceOverrides {
 public:
  static Result<AddressSpaceOverrides> Parse(std::string_view flag);
  std::optional<AddressSpace> Find(const boost::asio::ip::tcp::endpoint& endpoint) const;
  bool empty() const { return overrides_.empty(); }

 private:
  std::map<boost::asio::ip::tcp::endpoint, AddressSpace> overrides_;
};

// Chrome's restricted ports (net/base/port_util.cc kRestrictedPorts):
// services that speak line protocols an http request could be smuggled
// into (SMTP, IRC, X11, ...). No http fetch goes there, whoever asks.
bool IsPortRestricted(int port);

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_LOADER_ADDRESS_SPACE_H_
