#include "renderer/script/window_binding.h"

#include <js/PropertySpec.h>

#include "renderer/page/url.h"
#include "renderer/script/prelude.h"

namespace sandtab::script {

namespace {

// Response, Headers and location are JavaScript; C++ only resolves URLs
// and hands requests to the owner.
constexpr char kWindowPrelude[] = R"js((function (native, global) {
'use strict';
const pending = new Map();
let nextFetch = 1;

class Headers {
  #map = new Map();
  constructor(init) {
    for (const [name, value] of Object.entries(init || {})) this.#map.set(String(name).toLowerCase(), String(value));
  }
  get(name) {
    const value = this.#map.get(String(name).toLowerCase());
    return value === undefined ? null : value;
  }
  has(name) { return this.#map.has(String(name).toLowerCase()); }
  forEach(callback) { for (const [name, value] of this.#map) callback(value, name, this); }
}

class Response {
  #body;
  #used = false;
  constructor(body, init) {
    this.#body = String(body);
    this.status = init.status;
    this.statusText = init.statusText || '';
    this.ok = this.status >= 200 && this.status < 300;
    this.url = init.url || '';
    this.headers = new Headers(init.headers);
    this.type = 'basic';
    this.redirected = false;
  }
  get bodyUsed() { return this.#used; }
  #take(what) {
    if (this.#used) {
      return Promise.reject(new TypeError(`Failed to execute '${what}' on 'Response': body stream already read`));
    }
    this.#used = true;
    return Promise.resolve(this.#body);
  }
  text() { return this.#take('text'); }
  json() { return this.#take('json').then((text) => JSON.parse(text)); }
}

function fetch(input, init = {}) {
  return new Promise((resolve, reject) => {
    const url = String(input);
    const method = String((init && init.method) || 'GET').toUpperCase();
    const body = init && init.body != null ? String(init.body) : '';
    if (method !== 'GET' && method !== 'POST') {
      throw new TypeError(`Failed to execute 'fetch' on 'Window': method ${method} is not supported here`);
    }
    if (method === 'GET' && init && init.body != null) {
      throw new TypeError("Failed to execute 'fetch' on 'Window': Request with GET/HEAD method cannot have body.");
    }
    const absolute = native.resolve(url);
    if (absolute === null) throw new TypeError(`Failed to execute 'fetch' on 'Window': Failed to parse URL from ${url}`);
    const id = nextFetch++;
    pending.set(id, { resolve, reject });
    native.fetch(id, absolute, method, body);
  });
}

function navigate(url) {
  const absolute = native.resolve(String(url));
  if (absolute === null) throw new TypeError(`Failed to set the 'href' property on 'Location': '${url}' is not a valid URL.`);
  native.navigate(absolute);
}
const parts = () => {
  const match = /^([a-z][a-z0-9+.-]*:)(?:\/\/([^/?#]*))?([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(native.url()) || [];
  const host = match[2] || '';
  const colon = host.lastIndexOf(':');
  return { protocol: match[1] || '', host, hostname: colon > 0 ? host.slice(0, colon) : host,
           port: colon > 0 ? host.slice(colon + 1) : '', pathname: match[3] || '', search: match[4] || '',
           hash: match[5] || '' };
};
const location = Object.create(null);
Object.defineProperties(location, {
  href: { get: () => native.url(), set: (url) => navigate(url), enumerable: true },
  protocol: { get: () => parts().protocol, enumerable: true },
  host: { get: () => parts().host, enumerable: true },
  hostname: { get: () => parts().hostname, enumerable: true },
  port: { get: () => parts().port, enumerable: true },
  pathname: { get: () => parts().pathname, enumerable: true },
  search: { get: () => parts().search, enumerable: true },
  hash: { get: () => parts().hash, enumerable: true },
  origin: { get: () => { const p = parts(); return p.host ? `${p.protocol}//${p.host}` : 'null'; }, enumerable: true },
  assign: { value: (url) => navigate(url) },
  replace: { value: (url) => navigate(url) },
  reload: { value: () => navigate(native.url()) },
  toString: { value: () => native.url() },
});
const locationProperty = { get: () => location, set: (url) => navigate(url), configurable: false };
Object.defineProperty(global, 'location', locationProperty);
if (global.document) Object.defineProperty(global.document, 'location', locationProperty);
Object.assign(global, { fetch, Response, Headers });

return {
  settle(id, ok, status, body, mimeType, url, error) {
    const request = pending.get(id);
    if (!request) return;
    pending.delete(id);
    if (!ok) {
      request.reject(new TypeError(error ? `Failed to fetch (${error})` : 'Failed to fetch'));
    } else {
      request.resolve(new Response(body, { status, url, headers: { 'content-type': mimeType } }));
    }
  },
};
}))js";

const JSClass kWindowNativesClass = {"WindowNatives", JSCLASS_HAS_RESERVED_SLOTS(1), nullptr, nullptr, nullptr,
                                     nullptr};

WindowBinding* BindingOf(JSContext* cx, const JS::CallArgs& args) {
  return static_cast<WindowBinding*>(PreludeOwner(cx, args, &kWindowNativesClass));
}

// A URL relative to the document, or null when it does not resolve to an
// absolute one (the prelude throws the TypeError the URL parser would).
bool NativeResolve(JSContext* cx, unsigned argc, JS::Value* vp) {
  JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
  WindowBinding* binding = BindingOf(cx, args);
  if (!binding) return false;
  const std::string resolved = renderer::ResolveUrl(binding->url(), ScriptContext::ValueToString(cx, args.get(0)));
  if (renderer::UrlScheme(resolved).empty()) {
    args.rval().setNull();
    return true;
  }
  return ReturnString(cx, args, resolved);
}

bool NativeUrl(JSContext* cx, unsigned argc, JS::Value* vp) {
  JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
  WindowBinding* binding = BindingOf(cx, args);
  return binding && ReturnString(cx, args, binding->url());
}

bool NativeNavigate(JSContext* cx, unsigned argc, JS::Value* vp) {
  JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
  WindowBinding* binding = BindingOf(cx, args);
  if (!binding) return false;
  binding->owner()->Navigate(ScriptContext::ValueToString(cx, args.get(0)));
  args.rval().setUndefined();
  return true;
}

bool NativeFetch(JSContext* cx, unsigned argc, JS::Value* vp) {
  JS::CallArgs args = JS::CallArgsFromVp(argc, vp);
  WindowBinding* binding = BindingOf(cx, args);
  if (!binding) return false;
  double id = 0;
  if (!args.get(0).isNumber() || (id = args.get(0).toNumber()) < 1) {
    JS_ReportErrorASCII(cx, "fetch: bad request id");
    return false;
  }
  binding->FetchStarted();
  binding->owner()->Fetch(static_cast<uint64_t>(id), ScriptContext::ValueToString(cx, args.get(1)),
                          ScriptContext::ValueToString(cx, args.get(2)), ScriptContext::ValueToString(cx, args.get(3)));
  args.rval().setUndefined();
  return true;
}

const JSFunctionSpec kWindowNatives[] = {JS_FN("url", NativeUrl, 0, 0), JS_FN("resolve", NativeResolve, 1, 0),
                                         JS_FN("navigate", NativeNavigate, 1, 0), JS_FN("fetch", NativeFetch, 4, 0),
                                         JS_FS_END};

}  // namespace

std::unique_ptr<WindowBinding> WindowBinding::Create(ScriptContext& context, std::string url, Owner* owner,
                                                     std::string* error) {
  std::unique_ptr<WindowBinding> binding(new WindowBinding(context, std::move(url), owner));
  if (!InstallPrelude(context, &kWindowNativesClass, kWindowNatives, binding.get(), kWindowPrelude, "sandtab:window.js",
                      &binding->natives_, &binding->internal_, error)) {
    return nullptr;
  }
  return binding;
}

WindowBinding::~WindowBinding() { DetachPrelude(natives_); }

ScriptResult WindowBinding::Settle(uint64_t id, const FetchAnswer& answer) {
  if (pending_ > 0) --pending_;
  JSContext* cx = context_.cx();
  JSAutoRealm realm(cx, context_.global());
  auto string = [cx](const std::string& text) {
    return JS_NewStringCopyUTF8N(cx, JS::UTF8Chars(text.data(), text.size()));
  };
  JS::RootedValueArray<7> args(cx);
  args[0].setNumber(static_cast<double>(id));
  args[1].setBoolean(answer.ok);
  args[2].setInt32(answer.status);
  JSString* body = string(answer.body);
  JSString* mime = string(answer.mime_type);
  JSString* url = string(answer.url);
  JSString* error = string(answer.error);
  if (!body || !mime || !url || !error) {
    JS_ClearPendingException(cx);
    return {ScriptOutcome::kOutOfMemory, {}, false, "out of memory settling a fetch"};
  }
  args[3].setString(body);
  args[4].setString(mime);
  args[5].setString(url);
  args[6].setString(error);
  JS::RootedValue ignored(cx);
  return CallPreludeMethod(context_, internal_, "settle", args, &ignored);
}

}  // namespace sandtab::script
