// The Private Network Access classifier, Chrome's --ip-address-space-overrides
// and its list of restricted ports (browser/loader/address_space.h).
#include "browser/loader/address_space.h"

#include <gtest/gtest.h>

namespace sandtab::browser {
namespace {

AddressClass Classify(const char* literal) { return ClassifyAddress(boost::asio::ip::make_address(literal)); }

TEST(ClassifyAddress, Ipv4) {
  EXPECT_EQ(Classify("127.0.0.1"), AddressClass::kLoopback);
  EXPECT_EQ(Classify("127.255.255.254"), AddressClass::kLoopback);
  EXPECT_EQ(Classify("0.0.0.0"), AddressClass::kLoopback);  // reaches this host's listeners
  EXPECT_EQ(Classify("10.0.0.1"), AddressClass::kPrivate);
  EXPECT_EQ(Classify("172.16.0.1"), AddressClass::kPrivate);
  EXPECT_EQ(Classify("172.31.255.255"), AddressClass::kPrivate);
  EXPECT_EQ(Classify("172.32.0.1"), AddressClass::kPublic);
  EXPECT_EQ(Classify("172.15.255.255"), AddressClass::kPublic);
  EXPECT_EQ(Classify("192.168.1.1"), AddressClass::kPrivate);
  EXPECT_EQ(Classify("192.169.0.1"), AddressClass::kPublic);
  EXPECT_EQ(Classify("100.64.0.1"), AddressClass::kPrivate);
  EXPECT_EQ(Classify("100.127.255.255"), AddressClass::kPrivate);
  EXPECT_EQ(Classify("100.128.0.1"), AddressClass::kPublic);
  EXPECT_EQ(Classify("169.254.169.254"), AddressClass::kLinkLocal);
  EXPECT_EQ(Classify("169.255.0.1"), AddressClass::kPublic);
  EXPECT_EQ(Classify("8.8.8.8"), AddressClass::kPublic);
  EXPECT_EQ(Classify("1.0.0.0"), AddressClass::kPublic);
}

TEST(ClassifyAddress, Ipv6) {
  EXPECT_EQ(Classify("::1"), AddressClass::kLoopback);
  EXPECT_EQ(Classify("::"), AddressClass::kLoopback);
  EXPECT_EQ(Classify("fc00::1"), AddressClass::kPrivate);
  EXPECT_EQ(Classify("fd12:3456::1"), AddressClass::kPrivate);
  EXPECT_EQ(Classify("fec0::1"), AddressClass::kPrivate);
  EXPECT_EQ(Classify("fe80::1"), AddressClass::kLinkLocal);
  EXPECT_EQ(Classify("febf::1"), AddressClass::kLinkLocal);
  EXPECT_EQ(Classify("2001:db8::1"), AddressClass::kPublic);
  EXPECT_EQ(Classify("fbff::1"), AddressClass::kPublic);
}

TEST(ClassifyAddress, V4MappedV6IsItsV4Address) {
  EXPECT_EQ(Classify("::ffff:127.0.0.1"), AddressClass::kLoopback);
  EXPECT_EQ(Classify("::ffff:10.1.2.3"), AddressClass::kPrivate);
  EXPECT_EQ(Classify("::ffff:169.254.169.254"), AddressClass::kLinkLocal);
  EXPECT_EQ(Classify("::ffff:8.8.8.8"), AddressClass::kPublic);
}

TEST(AddressSpace, OrderAndNames) {
  EXPECT_TRUE(IsMorePrivate(AddressSpace::kLocal, AddressSpace::kPrivate));
  EXPECT_TRUE(IsMorePrivate(AddressSpace::kPrivate, AddressSpace::kPublic));
  EXPECT_TRUE(IsMorePrivate(AddressSpace::kLocal, AddressSpace::kPublic));
  EXPECT_FALSE(IsMorePrivate(AddressSpace::kPublic, AddressSpace::kLocal));
  EXPECT_FALSE(IsMorePrivate(AddressSpace::kPrivate, AddressSpace::kPrivate));
  EXPECT_EQ(LessPrivate(AddressSpace::kLocal, AddressSpace::kPublic), AddressSpace::kPublic);
  EXPECT_EQ(LessPrivate(AddressSpace::kPrivate, AddressSpace::kLocal), AddressSpace::kPrivate);
  for (AddressSpace space : {AddressSpace::kLocal, AddressSpace::kPrivate, AddressSpace::kPublic}) {
    EXPECT_EQ(ParseAddressSpace(AddressSpaceName(space)), space);
  }
  EXPECT_FALSE(ParseAddressSpace("loopback"));
  EXPECT_EQ(SpaceOfClass(AddressClass::kLoopback), AddressSpace::kLocal);
  EXPECT_EQ(SpaceOfClass(AddressClass::kPublic), AddressSpace::kPublic);
}

TEST(AddressSpaceOverrides, ParsesChromesFlag) {
  auto overrides = AddressSpaceOverrides::Parse("127.0.0.1:8080=public,[::1]:9000=private,10.0.0.1:80=local");
  ASSERT_TRUE(overrides) << overrides.error();
  using boost::asio::ip::make_address;
  using Endpoint = boost::asio::ip::tcp::endpoint;
  EXPECT_EQ(overrides->Find(Endpoint(make_address("127.0.0.1"), 8080)), AddressSpace::kPublic);
  EXPECT_EQ(overrides->Find(Endpoint(make_address("::ffff:127.0.0.1"), 8080)), AddressSpace::kPublic);
  EXPECT_EQ(overrides->Find(Endpoint(make_address("::1"), 9000)), AddressSpace::kPrivate);
  EXPECT_EQ(overrides->Find(Endpoint(make_address("10.0.0.1"), 80)), AddressSpace::kLocal);
  EXPECT_FALSE(overrides->Find(Endpoint(make_address("127.0.0.1"), 8081)));
  EXPECT_FALSE(overrides->Find(Endpoint(make_address("127.0.0.2"), 8080)));
  EXPECT_TRUE(AddressSpaceOverrides::Parse("")->empty());
}

TEST(AddressSpaceOverrides, RefusesWhatItCannotRead) {
  for (const char* bad :
       {"127.0.0.1=public", "127.0.0.1:80", "127.0.0.1:80=outer", "localhost:80=public", "127.0.0.1:0=public",
        "127.0.0.1:70000=public", "127.0.0.1:8x=public", "::1:80=public", "127.0.0.1:80=public,,"}) {
    auto parsed = AddressSpaceOverrides::Parse(bad);
    EXPECT_FALSE(parsed) << bad;
    if (!parsed) {
      EXPECT_NE(parsed.error().find("--ip-address-space-overrides"), std::string::npos);
    }
  }
}

TEST(RestrictedPorts, ChromesList) {
  for (int port : {1,   7,   9,    11,   19,   21,   22,   23,   25,   53,   110,  143,  465,  587,
                   993, 995, 2049, 4045, 5060, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6697, 10080}) {
    EXPECT_TRUE(IsPortRestricted(port)) << port;
  }
  for (int port : {80, 443, 8000, 8080, 3000, 6664, 6670, 10079, 65535, 0}) {
    EXPECT_FALSE(IsPortRestricted(port)) << port;
  }
}

}  // namespace
}  // namespace sandtab::browser
