#include "browser/loader/address_space.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>

namespace sandtab::browser {
namespace {

bool InV4Block(uint32_t address, uint32_t block, int prefix_bits) {
  const uint32_t mask = prefix_bits == 0 ? 0 : ~uint32_t{0} << (32 - prefix_bits);
  return (address & mask) == (block & mask);
}

constexpr uint32_t V4(uint32_t a, uint32_t b, uint32_t c, uint32_t d) { return a << 24 | b << 16 | c << 8 | d; }

AddressClass ClassifyV4(const boost::asio::ip::address_v4& v4) {
  const uint32_t a = v4.to_uint();
  if (InV4Block(a, V4(127, 0, 0, 0), 8) || InV4Block(a, V4(0, 0, 0, 0), 8)) return AddressClass::kLoopback;
  if (InV4Block(a, V4(169, 254, 0, 0), 16)) return AddressClass::kLinkLocal;
  if (InV4Block(a, V4(10, 0, 0, 0), 8) || InV4Block(a, V4(172, 16, 0, 0), 12) || InV4Block(a, V4(192, 168, 0, 0), 16) ||
      InV4Block(a, V4(100, 64, 0, 0), 10)) {
    return AddressClass::kPrivate;
  }
  return AddressClass::kPublic;
}

// Sorted, as Chrome keeps them (net/base/port_util.cc).
constexpr std::array<int, 82> kRestrictedPorts = {
    1,      // tcpmux
    7,      // echo
    9,      // discard
    11,     // systat
    13,     // daytime
    15,     // netstat
    17,     // qotd
    19,     // chargen
    20,     // ftp data
    21,     // ftp access
    22,     // ssh
    23,     // telnet
    25,     // smtp
    37,     // time
    42,     // name
    43,     // nicname
    53,     // domain
    69,     // tftp
    77,     // priv-rjs
    79,     // finger
    87,     // ttylink
    95,     // supdup
    101,    // hostname
    102,    // iso-tsap
    103,    // gppitnp
    104,    // acr-nema
    109,    // pop2
    110,    // pop3
    111,    // sunrpc
    113,    // auth
    115,    // sftp
    117,    // uucp-path
    119,    // nntp
    123,    // NTP
    135,    // loc-srv / epmap
    137,    // netbios
    139,    // netbios
    143,    // imap2
    161,    // snmp
    179,    // BGP
    389,    // ldap
    427,    // SLP
    465,    // smtp+ssl
    512,    // print / exec
    513,    // login
    514,    // shell
    515,    // printer
    526,    // tempo
    530,    // courier
    531,    // chat
    532,    // netnews
    540,    // uucp
    548,    // AFP
    554,    // rtsp
    556,    // remotefs
    563,    // nntp+ssl
    587,    // smtp (rfc6409)
    601,    // syslog-conn
    636,    // ldap+ssl
    989,    // ftps-data
    990,    // ftps
    993,    // ldap+ssl
    995,    // pop3+ssl
    1719,   // h323gatekeeperstat
    1720,   // h323hostcall
    1723,   // pptp
    2049,   // nfs
    3659,   // apple-sasl
    4045,   // lockd
    4190,   // sieve
    5060,   // sip
    5061,   // sips
    6000,   // X11
    6566,   // sane-port
    6665,   // irc (alternate)
    6666,   // irc (alternate)
    6667,   // irc (default)
    6668,   // irc (alternate)
    6669,   // irc (alternate)
    6679,   // osaut
    6697,   // irc+tls
    10080,  // amanda
};
static_assert(std::is_sorted(kRestrictedPorts.begin(), kRestrictedPorts.end()), "binary_search needs it");

}  // namespace

const char* AddressSpaceName(AddressSpace space) {
  switch (space) {
    case AddressSpace::kLocal:
      return "local";
    case AddressSpace::kPrivate:
      return "private";
    case AddressSpace::kPublic:
      return "public";
  }
  return "public";
}

std::optional<AddressSpace> ParseAddressSpace(std::string_view name) {
  if (name == "local") return AddressSpace::kLocal;
  if (name == "private") return AddressSpace::kPrivate;
  if (name == "public") return AddressSpace::kPublic;
  return std::nullopt;
}

AddressClass ClassifyAddress(const boost::asio::ip::address& address) {
  if (address.is_v4()) return ClassifyV4(address.to_v4());
  const boost::asio::ip::address_v6 v6 = address.to_v6();
  if (v6.is_v4_mapped()) return ClassifyV4(boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6));
  if (v6.is_loopback() || v6.is_unspecified()) return AddressClass::kLoopback;
  const auto bytes = v6.to_bytes();
  if (bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80) return AddressClass::kLinkLocal;  // fe80::/10
  if ((bytes[0] & 0xfe) == 0xfc) return AddressClass::kPrivate;                        // fc00::/7
  if (bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0xc0) return AddressClass::kPrivate;    // fec0::/10
  return AddressClass::kPublic;
}

AddressSpace SpaceOfClass(AddressClass address_class) {
  switch (address_class) {
    case AddressClass::kLoopback:
      return AddressSpace::kLocal;
    case AddressClass::kPrivate:
    case AddressClass::kLinkLocal:
      return AddressSpace::kPrivate;
    case AddressClass::kPublic:
      return AddressSpace::kPublic;
  }
  return AddressSpace::kPublic;
}

Result<AddressSpaceOverrides> AddressSpaceOverrides::Parse(std::string_view flag) {
  AddressSpaceOverrides result;
  while (!flag.empty()) {
    const size_t comma = flag.find(',');
    const std::string_view item = flag.substr(0, comma);
    flag = comma == std::string_view::npos ? std::string_view() : flag.substr(comma + 1);
    const std::string bad =
        "--ip-address-space-overrides: '" + std::string(item) + "' is not HOST:PORT=public|private|local";
    const size_t equals = item.rfind('=');
    const size_t colon = item.rfind(':', equals);
    if (equals == std::string_view::npos || colon == std::string_view::npos) return Error{bad};
    std::string_view host = item.substr(0, colon);
    const std::string_view port_text = item.substr(colon + 1, equals - colon - 1);
    const auto space = ParseAddressSpace(item.substr(equals + 1));
    const bool bracketed = host.size() >= 2 && host.front() == '[' && host.back() == ']';
    if (bracketed) host = host.substr(1, host.size() - 2);
    // An IPv6 address keeps its colons apart from the port's only in brackets.
    if (!bracketed && host.find(':') != std::string_view::npos) return Error{bad};
    int port = 0;
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    boost::system::error_code address_error;
    const auto address = boost::asio::ip::make_address(std::string(host), address_error);
    if (!space || ec != std::errc() || end != port_text.data() + port_text.size() || port < 1 || port > 65535 ||
        address_error) {
      return Error{bad};
    }
    result.overrides_[{address, static_cast<uint16_t>(port)}] = *space;
  }
  return result;
}

std::optional<AddressSpace> AddressSpaceOverrides::Find(const boost::asio::ip::tcp::endpoint& endpoint) const {
  auto it = overrides_.find(endpoint);
  if (it == overrides_.end() && endpoint.address().is_v6() && endpoint.address().to_v6().is_v4_mapped()) {
    const auto v4 = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, endpoint.address().to_v6());
    it = overrides_.find({v4, endpoint.port()});
  }
  if (it == overrides_.end()) return std::nullopt;
  return it->second;
}

bool IsPortRestricted(int port) { return std::binary_search(kRestrictedPorts.begin(), kRestrictedPorts.end(), port); }

}  // namespace sandtab::browser
