// FtokFolder: a private folder, its files, everything unlinked.
#include "lessons/ftok_folder.h"

#include <gtest/gtest.h>
#include <sys/ipc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <string>

namespace sandtab::lessons {
namespace {

TEST(FtokFolderTest, FilesLiveInAPrivateFolderThatCleanRemoves) {
  FtokFolder folder;
  const std::string path = folder.File("queue");
  EXPECT_EQ(path.rfind(folder.Path() + "/", 0), 0u) << path;
  EXPECT_EQ(folder.File("queue"), path) << "the same name, the same file";
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

// What the browser leaves when Ctrl+C kills it mid-screenshot: a file the
// folder never made. RemoveAll takes it too, or the folder would stay.
TEST(FtokFolderTest, RemoveAllTakesFilesOthersWroteThere) {
  FtokFolder folder;
  const std::string ours = folder.File("frame.png");
  std::ofstream(folder.Path() + "/frame.png.tmp") << "half a screenshot";
  for (int i = 0; i < 300; ++i) folder.File(std::to_string(i) + ".key");  // more than one getdents64 read
  folder.RemoveAll();
  EXPECT_NE(access(ours.c_str(), F_OK), 0);
  EXPECT_NE(access(folder.Path().c_str(), F_OK), 0) << "every entry and the folder unlinked";
}

}  // namespace
}  // namespace sandtab::lessons
