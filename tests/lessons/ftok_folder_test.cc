// FtokFolder: a private folder, one file per name, everything unlinked.
#include "lessons/ftok_folder.h"

#include <gtest/gtest.h>
#include <sys/ipc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdexcept>

namespace sandtab::lessons {
namespace {

TEST(FtokFolderTest, FilesLiveInAPrivateFolderThatCleanRemoves) {
  FtokFolder folder;
  const std::string path = folder.File("queue");
  EXPECT_EQ(path.rfind(folder.Path() + "/", 0), 0u) << path;
  EXPECT_EQ(folder.File("queue"), path) << "one file per name";
  EXPECT_NE(ftok(path.c_str(), 'Q'), -1) << "ftok needs the file to exist";
  struct stat status = {};
  ASSERT_EQ(stat(folder.Path().c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 0777, 0700u);
  const std::string dir = folder.Path();
  folder.Clean();
  EXPECT_NE(access(path.c_str(), F_OK), 0);
  EXPECT_NE(access(dir.c_str(), F_OK), 0);
  EXPECT_NE(folder.Path(), dir) << "a new folder after Clean";
  folder.Clean();
}

TEST(FtokFolderTest, RefusesMoreFilesThanTheHandlerCanUnlink) {
  FtokFolder folder;
  for (int i = 0; i < FtokFolder::kMaxFiles; ++i) folder.File(std::to_string(i) + ".key");
  EXPECT_THROW(folder.File("one-too-many"), std::length_error);
  folder.RemoveAll();
  EXPECT_NE(access(folder.Path().c_str(), F_OK), 0) << "every file and the folder unlinked";
}

}  // namespace
}  // namespace sandtab::lessons
