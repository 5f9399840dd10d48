#include "browser/tab/renderer_storage.h"

#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "browser/storage/browser_storage.h"
#include "proto/limits.h"

namespace sandtab::browser {
namespace {

// localStorage is per origin: scheme, host and port.
std::string OriginOf(const Url& url) { return url.scheme + "://" + url.host + ":" + std::to_string(url.port); }

// Scripts see their own site's cookies as a same-site request does, HttpOnly
// ones excepted.
CookieAccess ScriptAccess() {
  CookieAccess access;
  access.same_site = true;
  access.from_script = true;
  return access;
}

}  // namespace

Result<std::pair<std::unique_ptr<RendererStorage>, UniqueFd>> RendererStorage::Create(boost::asio::io_context& io,
                                                                                      BrowserStorage& storage,
                                                                                      Hooks hooks) {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fds) != 0) {
    return Error{std::string("socketpair for the storage channel: ") + std::strerror(errno)};
  }
  UniqueFd ours(fds[0]);
  UniqueFd theirs(fds[1]);
  std::unique_ptr<RendererStorage> host(new RendererStorage(io, std::move(ours), storage, std::move(hooks)));
  return std::make_pair(std::move(host), std::move(theirs));
}

RendererStorage::RendererStorage(boost::asio::io_context& io, UniqueFd socket, BrowserStorage& storage, Hooks hooks)
    : storage_(storage), hooks_(std::move(hooks)), channel_(io, std::move(socket), ipc::FdPolicy::kRejectFds) {
  channel_.Start(this);
}

void RendererStorage::OnChannelClosed(ipc::CloseCause cause, const std::string& reason) {
  // A hang-up is the renderer's death, reported by its reaper; a broken
  // frame is a bad message.
  if (cause == ipc::CloseCause::kProtocolError) hooks_.bad_message("storage channel: " + reason);
}

void RendererStorage::OnMessage(const proto::StorageRequest& request, std::vector<UniqueFd>) {
  proto::StorageAnswer* answer = channel_.Compose();
  proto::StorageReply* reply = answer->mutable_reply();
  reply->set_request_id(request.request_id());
  if (Result<Ok> answered = Answer(request, reply); !answered) {
    channel_.Close();
    return hooks_.bad_message(answered.error());
  }
  ++answered_;
  channel_.Send(answer);
}

Result<Url> RendererStorage::CheckedUrl(const std::string& spec) {
  if (spec.size() > proto::kMaxUrlBytes) return Error{"StorageRequest: URL longer than 2 MiB"};
  Result<Url> url = ParseUrl(spec);
  if (!url || (url->scheme != "http" && url->scheme != "https")) {
    return Error{"StorageRequest: cookies and storage belong to http(s) documents only"};
  }
  const Site site = hooks_.site();
  if (SiteForUrl(*url) != site) {
    return Error{"StorageRequest: data of " + SiteForUrl(*url).ToString() + " asked by a renderer of " +
                 site.ToString() + " (rule \"" + kRuleOwnSiteData + "\")"};
  }
  return url;
}

Result<Ok> RendererStorage::Answer(const proto::StorageRequest& request, proto::StorageReply* reply) {
  auto refuse = [reply](const std::string& error) {
    reply->set_ok(false);
    reply->set_error(error);
  };
  reply->set_ok(true);
  switch (request.body_case()) {
    case proto::StorageRequest::kCookieRead: {
      ASSIGN_OR_RETURN(Url url, CheckedUrl(request.cookie_read().url()));
      reply->set_cookies(CookieStore::Serialize(storage_.cookies().CookiesFor(url, ScriptAccess())));
      return Ok{};
    }
    case proto::StorageRequest::kCookieWrite: {
      ASSIGN_OR_RETURN(Url url, CheckedUrl(request.cookie_write().url()));
      if (request.cookie_write().line().size() > proto::kMaxCookieLineBytes) {
        return Error{"StorageRequest: a cookie line longer than 8 KiB"};
      }
      if (Status set = storage_.cookies().Set(url, request.cookie_write().line(), ScriptAccess()); !set) {
        refuse(set.error());
      }
      return Ok{};
    }
    case proto::StorageRequest::kStorageRead: {
      ASSIGN_OR_RETURN(Url url, CheckedUrl(request.storage_read().url()));
      Result<const LocalStorage::Map*> items = storage_.local_storage().Items(OriginOf(url));
      if (!items) {
        refuse("UnknownError: " + items.error());
        return Ok{};
      }
      for (const auto& [key, value] : **items) {
        proto::StorageItem* item = reply->add_items();
        item->set_key(key);
        item->set_value(value);
      }
      return Ok{};
    }
    case proto::StorageRequest::kStorageWrite: {
      const proto::StorageWrite& write = request.storage_write();
      ASSIGN_OR_RETURN(Url url, CheckedUrl(write.url()));
      if (write.key().size() + write.value().size() > proto::kMaxStorageItemBytes) {
        return Error{"StorageRequest: a storage item larger than any quota"};
      }
      LocalStorage& storage = storage_.local_storage();
      const std::string origin = OriginOf(url);
      Status done = write.change() == proto::StorageWrite::SET ? storage.SetItem(origin, write.key(), write.value())
                    : write.change() == proto::StorageWrite::REMOVE ? storage.RemoveItem(origin, write.key())
                                                                    : storage.Clear(origin);
      if (!done) {
        // The quota's refusal already reads "QuotaExceededError: ...".
        refuse(done.error().rfind("QuotaExceededError", 0) == 0 ? done.error() : "UnknownError: " + done.error());
      }
      return Ok{};
    }
    case proto::StorageRequest::BODY_NOT_SET:
      break;
  }
  return Error{"StorageRequest: no request"};
}

}  // namespace sandtab::browser
