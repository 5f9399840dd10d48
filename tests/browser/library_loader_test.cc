// LibraryLoader against real libraries: zlib, which every machine that
// builds sandtab has (libpng needs it).
#include "browser/common/library_loader.h"

#include <gtest/gtest.h>

namespace sandtab::browser {
namespace {

using ZlibVersion = const char* (*)();

TEST(LibraryLoaderTest, BindsAFunctionThatThenRuns) {
  LibraryLoader library("libz.so.1");
  EXPECT_TRUE(library.Opened());
  ZlibVersion version = nullptr;
  library.Bind(version, "zlibVersion");
  ASSERT_TRUE(library.Finish());
  ASSERT_NE(version, nullptr);
  EXPECT_EQ(version()[0], '1') << version();
}

TEST(LibraryLoaderTest, SaysWhichFunctionsAreMissing) {
  LibraryLoader library("libz.so.1");
  ZlibVersion version = nullptr, first = nullptr, second = nullptr;
  library.Bind(version, "zlibVersion");
  library.Bind(first, "no_such_function_one");
  library.Bind(second, "no_such_function_two");
  Status loaded = library.Finish();
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error(), "libz.so.1 lacks no_such_function_one, no_such_function_two");
  EXPECT_EQ(first, nullptr);
}

TEST(LibraryLoaderTest, SaysWhenTheLibraryIsNotThere) {
  LibraryLoader library("libsandtab-no-such-library.so.0");
  EXPECT_EQ(library.Opened().error().rfind("cannot open libsandtab-no-such-library.so.0: ", 0), 0u);
  ZlibVersion version = nullptr;
  library.Bind(version, "zlibVersion");
  Status loaded = library.Finish();
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().rfind("cannot open libsandtab-no-such-library.so.0: ", 0), 0u) << loaded.error();
  EXPECT_EQ(version, nullptr);
}

}  // namespace
}  // namespace sandtab::browser
