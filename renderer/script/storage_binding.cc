#include "renderer/script/storage_binding.h"

#include <js/Array.h>
#include <js/PropertySpec.h>

#include <algorithm>
#include <cctype>

#include "proto/limits.h"
#include "renderer/script/prelude.h"

namespace sandtab::script {

namespace {

// The Web Storage surface is JavaScript over five natives; the map the page
// reads is the prelude's own `items`, filled by the first read.
constexpr char kStoragePrelude[] = R"js((function (native, global) {
'use strict';
// Natives answer null, or a DOMException as "Name: message".
function check(error) {
  if (error === null || error === undefined) return;
  const colon = error.indexOf(': ');
  throw new global.DOMException(error.slice(colon + 2), colon > 0 ? error.slice(0, colon) : 'Error');
}
if (global.document) {
  Object.defineProperty(global.document, 'cookie', {
    get: () => native.cookieRead(),
    set: (line) => { native.cookieWrite(String(line)); },
    enumerable: true, configurable: true,
  });
}

let items = null;
function load() {
  if (items === null) {
    const read = native.storageRead();
    if (typeof read === 'string') check(read);
    items = new Map(read);
  }
  return items;
}
const token = Symbol('Storage');
class Storage {
  constructor(key) { if (key !== token) throw new TypeError('Illegal constructor'); }
  get length() { return load().size; }
  key(index) {
    if (arguments.length < 1) throw new TypeError("Failed to execute 'key' on 'Storage': 1 argument required");
    const keys = [...load().keys()];
    const i = Number(index) >>> 0;
    return i < keys.length ? keys[i] : null;
  }
  getItem(key) {
    if (arguments.length < 1) throw new TypeError("Failed to execute 'getItem' on 'Storage': 1 argument required");
    const value = load().get(String(key));
    return value === undefined ? null : value;
  }
  setItem(key, value) {
    if (arguments.length < 2) throw new TypeError("Failed to execute 'setItem' on 'Storage': 2 arguments required");
    key = String(key);
    value = String(value);
    load();
    check(native.storageSet(key, value));
    items.set(key, value);
  }
  removeItem(key) {
    if (arguments.length < 1) throw new TypeError("Failed to execute 'removeItem' on 'Storage': 1 argument required");
    key = String(key);
    if (!load().has(key)) return;
    check(native.storageRemove(key));
    items.delete(key);
  }
  clear() {
    if (load().size === 0) return;
    check(native.storageClear());
    items.clear();
  }
  get [Symbol.toStringTag]() { return 'Storage'; }
}
// Named properties (localStorage.name, localStorage['k'] = v, delete, in,
// Object.keys): Web IDL's legacy platform object, as a Proxy.
const named = (target, key) => typeof key === 'string' && !(key in Storage.prototype);
const storage = new Proxy(new Storage(token), {
  get(target, key, receiver) {
    if (named(target, key) && load().has(key)) return items.get(key);
    const value = Reflect.get(target, key, target);
    return typeof value === 'function' ? value.bind(target) : value;
  },
  set(target, key, value) {
    if (!named(target, key)) return Reflect.set(target, key, value);
    target.setItem(key, value);
    return true;
  },
  has(target, key) { return (named(target, key) && load().has(key)) || Reflect.has(target, key); },
  deleteProperty(target, key) {
    if (named(target, key)) target.removeItem(key);
    return true;
  },
  ownKeys() { return [...load().keys()]; },
  getOwnPropertyDescriptor(target, key) {
    if (!named(target, key) || !load().has(key)) return undefined;
    return { value: items.get(key), writable: true, enumerable: true, configurable: true };
  },
  defineProperty(target, key, descriptor) {
    if (!named(target, key)) return false;
    target.setItem(key, descriptor.value);
    return true;
  },
});
Object.defineProperty(global, 'localStorage', {
  get() {
    if (!native.hasStorage()) {
      throw new global.DOMException(
        "Failed to read the 'localStorage' property from 'Window': Access is denied for this document.", 'SecurityError');
    }
    return storage;
  },
  enumerable: true, configurable: true,
});
global.Storage = Storage;
return {};
}))js";

const JSClass kStorageNativesClass = {"StorageNatives", JSCLASS_HAS_RESERVED_SLOTS(1), nullptr, nullptr, nullptr,
                                      nullptr};

StorageBinding* BindingOf(JSContext* cx, const JS::CallArgs& args) {
  return static_cast<StorageBinding*>(PreludeOwner(cx, args, &kStorageNativesClass));
}

// null on success, else "Name: message" for the prelude's check().
bool ReturnStatus(JSContext* cx, const JS::CallArgs& args, const Status& status) {
  if (status) {
    args.rval().setNull();
    return true;
  }
  // A DOMException's name leads the error when there is one
  // ("QuotaExceededError: ..."); a timeout or a lost browser has none.
  const std::string& error = status.error();
  const size_t colon = error.find(": ");
  const bool named = colon != std::string::npos && colon > 0 &&
                     std::all_of(error.begin(), error.begin() + static_cast<std::ptrdiff_t>(colon),
                                 [](unsigned char c) { return std::isalpha(c); });
  return ReturnString(cx, args, named ? error : "UnknownError: " + error);
}

constexpr char kAccessDenied[] = "SecurityError: Access is denied for this document.";

bool NativeHasStorage(JSContext* cx, unsigned argc, JS::Value* vp) {
  JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
  StorageBinding* binding = BindingOf(cx, args);
  if (!binding) return false;
  args.rval().setBoolean(binding->has_storage());
  return true;
}

bool NativeCookieRead(JSContext* cx, unsigned argc, JS::Value* vp) {
  JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
  StorageBinding* binding = BindingOf(cx, args);
  if (!binding) return false;
  if (!binding->has_storage()) return ReturnString(cx, args, "");
  Result<std::string> cookies = binding->owner()->ReadCookies(binding->url());
  return ReturnString(cx, args, cookies ? *cookies : "");
}

bool NativeCookieWrite(JSContext* cx, unsigned argc, JS::Value* vp) {
  JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
  StorageBinding* binding = BindingOf(cx, args);
  if (!binding) return false;
  args.rval().setUndefined();
  const std::string line = ScriptContext::ValueToString(cx, args.get(0));
  // Longer than any cookie the browser keeps: dropped here, as it would be there.
  if (!binding->has_storage() || line.size() > proto::kMaxCookieLineBytes) return true;
  (void)binding->owner()->WriteCookie(binding->url(), line);
  return true;
}

bool NativeStorageRead(JSContext* cx, unsigned argc, JS::Value* vp) {
  JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
  StorageBinding* binding = BindingOf(cx, args);
  if (!binding) return false;
  if (!binding->has_storage()) return ReturnStatus(cx, args, Error{kAccessDenied});
  Result<StorageBinding::Items> items = binding->owner()->ReadStorage(binding->url());
  if (!items) return ReturnStatus(cx, args, Error{items.error()});
  JS::RootedObject array(cx, JS::NewArrayObject(cx, items->size()));
  if (!array) return false;
  for (size_t i = 0; i < items->size(); ++i) {
    const auto& [key, value] = (*items)[i];
    JS::RootedObject pair(cx, JS::NewArrayObject(cx, 2));
    JS::RootedString key_string(cx, JS_NewStringCopyUTF8N(cx, JS::UTF8Chars(key.data(), key.size())));
    JS::RootedString value_string(cx, JS_NewStringCopyUTF8N(cx, JS::UTF8Chars(value.data(), value.size())));
    if (!pair || !key_string || !value_string || !JS_SetElement(cx, pair, 0, key_string) ||
        !JS_SetElement(cx, pair, 1, value_string) || !JS_SetElement(cx, array, static_cast<uint32_t>(i), pair)) {
      return false;
    }
  }
  args.rval().setObject(*array);
  return true;
}

bool Change(JSContext* cx, unsigned argc, JS::Value* vp, StorageBinding::StorageChange::Kind kind) {
  JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
  StorageBinding* binding = BindingOf(cx, args);
  if (!binding) return false;
  if (!binding->has_storage()) return ReturnStatus(cx, args, Error{kAccessDenied});
  StorageBinding::StorageChange change;
  change.kind = kind;
  if (kind != StorageBinding::StorageChange::Kind::kClear) change.key = ScriptContext::ValueToString(cx, args.get(0));
  if (kind == StorageBinding::StorageChange::Kind::kSet) change.value = ScriptContext::ValueToString(cx, args.get(1));
  // Past the channel's bound it could never fit the quota either.
  if (change.key.size() + change.value.size() > proto::kMaxStorageItemBytes) {
    return ReturnStatus(cx, args, Error{"QuotaExceededError: the item is larger than the quota"});
  }
  return ReturnStatus(cx, args, binding->owner()->ChangeStorage(binding->url(), change));
}

bool NativeStorageSet(JSContext* cx, unsigned argc, JS::Value* vp) {
  return Change(cx, argc, vp, StorageBinding::StorageChange::Kind::kSet);
}
bool NativeStorageRemove(JSContext* cx, unsigned argc, JS::Value* vp) {
  return Change(cx, argc, vp, StorageBinding::StorageChange::Kind::kRemove);
}
bool NativeStorageClear(JSContext* cx, unsigned argc, JS::Value* vp) {
  return Change(cx, argc, vp, StorageBinding::StorageChange::Kind::kClear);
}

const JSFunctionSpec kStorageNatives[] = {
    JS_FN("hasStorage", NativeHasStorage, 0, 0),     JS_FN("cookieRead", NativeCookieRead, 0, 0),
    JS_FN("cookieWrite", NativeCookieWrite, 1, 0),   JS_FN("storageRead", NativeStorageRead, 0, 0),
    JS_FN("storageSet", NativeStorageSet, 2, 0),     JS_FN("storageRemove", NativeStorageRemove, 1, 0),
    JS_FN("storageClear", NativeStorageClear, 0, 0), JS_FS_END};

}  // namespace

std::unique_ptr<StorageBinding> StorageBinding::Create(ScriptContext& context, std::string url, Owner* owner,
                                                       std::string* error) {
  std::unique_ptr<StorageBinding> binding(new StorageBinding(context, std::move(url), owner));
  if (!InstallPrelude(context, &kStorageNativesClass, kStorageNatives, binding.get(), kStoragePrelude,
                      "sandtab:storage.js", &binding->natives_, &binding->internal_, error)) {
    return nullptr;
  }
  return binding;
}

StorageBinding::~StorageBinding() { DetachPrelude(natives_); }

bool StorageBinding::has_storage() const {
  return owner_ && (url_.rfind("http://", 0) == 0 || url_.rfind("https://", 0) == 0);
}

}  // namespace sandtab::script
