#include "browser/common/library_loader.h"

#include <dlfcn.h>

namespace sandtab::browser {

LibraryLoader::LibraryLoader(const char* soname) : soname_(soname) {
  handle_ = ::dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (!handle_) open_error_ = ::dlerror();
}

LibraryLoader::~LibraryLoader() {
  if (handle_) ::dlclose(handle_);
}

void* LibraryLoader::Find(const char* name) {
  if (!handle_) return nullptr;
  void* function = ::dlsym(handle_, name);
  if (!function) missing_ += std::string(missing_.empty() ? "" : ", ") + name;
  return function;
}

Status LibraryLoader::Opened() const {
  if (!handle_) return Error{std::string("cannot open ") + soname_ + ": " + open_error_};
  return OkStatus();
}

Status LibraryLoader::Finish() {
  if (Status opened = Opened(); !opened) return opened;
  if (!missing_.empty()) return Error{std::string(soname_) + " lacks " + missing_};
  handle_ = nullptr;  // kept open: the bound functions live as long as the process
  return OkStatus();
}

}  // namespace sandtab::browser
