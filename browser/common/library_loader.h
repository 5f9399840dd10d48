#ifndef SANDTAB_BROWSER_COMMON_LIBRARY_LOADER_H_
#define SANDTAB_BROWSER_COMMON_LIBRARY_LOADER_H_

#include <string>
#include <type_traits>

#include "base/result.h"

namespace sandtab::browser {

// Opens a shared library the browser uses only sometimes (the window's SDL2,
// the browser's own text through Pango) when it is first needed, and binds
// its functions by name, so that the dynamic linker does not map and
// relocate it, and all it depends on, at every start. RTLD_LOCAL: its
// symbols serve the bound pointers and nothing else; dlsym on the handle
// searches the libraries it depends on too.
class LibraryLoader {
 public:
  explicit LibraryLoader(const char* soname);
  ~LibraryLoader();  // closes the library unless Finish() kept it
  LibraryLoader(const LibraryLoader&) = delete;
  LibraryLoader& operator=(const LibraryLoader&) = delete;

  // Sets `function` to the library's `name`; a missing one is remembered.
  template <typename Function>
  void Bind(Function& function, const char* name) {
    static_assert(std::is_pointer_v<Function>);
    function = reinterpret_cast<Function>(Find(name));
  }

  // Ok when the library opened (until Finish()), or why not: "cannot open
  // SONAME: ...".
  Status Opened() const;

  // Ok when the library opened and every Bind() found its function; the
  // library then stays open for the process's life, by design. Otherwise
  // why not: "cannot open SONAME: ..." or "SONAME lacks a, b".
  Status Finish();

 private:
  void* Find(const char* name);

  const char* soname_;
  void* handle_ = nullptr;
  std::string open_error_;
  std::string missing_;
};

// A library's table of functions, loaded by `load` the first time it is
// asked for and kept for the process's life; or why it could not be.
template <typename Library>
Result<const Library*> LoadOnce(Result<Library> (*load)()) {
  static const Result<Library> loaded = load();
  if (!loaded) return Error{loaded.error()};
  return &*loaded;
}

}  // namespace sandtab::browser

#endif  // SANDTAB_BROWSER_COMMON_LIBRARY_LOADER_H_
