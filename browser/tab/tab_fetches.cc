#include "browser/tab/tab_fetches.h"

#include "browser/loader/resource_loader.h"
#include "browser/loader/url.h"
#include "browser/tab/navigation_history.h"
#include "browser/tab/renderer_host.h"
#include "ipc/fetch_body.h"
#include "proto/limits.h"

namespace sandtab::browser {

TabFetches::TabFetches(int tab_id, boost::asio::io_context& io, ResourceLoader& loader, Hooks hooks)
    : tab_id_(tab_id), loader_(loader), hooks_(std::move(hooks)), body_pacer_(io, hooks_.renderer) {}

void TabFetches::DropOutstanding() {
  outstanding_.clear();
  body_pacer_.Clear();
}

bool TabFetches::StillWanted(const Asker& asker, uint64_t request_id) {
  return hooks_.asker() == asker && outstanding_.erase(request_id) > 0;
}

Status TabFetches::OnRequest(const proto::FetchRequest& request, const NavigationHistory& history) {
  const std::optional<Asker> asker = hooks_.asker();
  if (!asker) return OkStatus();  // nobody to answer
  if (request.url().size() > proto::kMaxUrlBytes) return Error{"FetchRequest: URL longer than 2 MiB"};
  if (outstanding_.count(request.request_id())) return Error{"FetchRequest: request_id already in use"};
  if (outstanding_.size() >= kMaxOutstandingFetches) return Error{"FetchRequest: too many outstanding requests"};
  if (request.navigation_id() > asker->navigation_id) return Error{"FetchRequest: navigation that never started"};
  if (request.navigation_id() < asker->navigation_id) {
    // A stale request from a navigation already replaced: harmless, unanswered.
    return OkStatus();
  }
  // Only a script's fetch() may POST, with a bounded body, and a GET has none.
  const bool is_post = request.method() == "POST";
  if (!request.method().empty() && !is_post) return Error{"FetchRequest: method other than POST"};
  if (is_post && request.kind() != proto::FetchRequest::FETCH) return Error{"FetchRequest: POST for a non-FETCH kind"};
  if (!is_post && !request.body().empty()) return Error{"FetchRequest: a body without POST"};
  if (request.body().size() > proto::kMaxFetchBodyBytes) return Error{"FetchRequest: body larger than 1 MiB"};
  // The browser decides navigations: a document fetch must be the one it sent.
  const bool is_document = request.kind() == proto::FetchRequest::DOCUMENT;
  if (is_document && hooks_.check_document) TRY(hooks_.check_document(request.url()));
  if (is_document && request.url() != history.current_url()) {
    return Error{"FetchRequest: DOCUMENT for a URL the browser did not navigate to"};
  }
  outstanding_.insert(request.request_id());
  if (is_document && request.url() == "about:sandbox") return AnswerAboutSandbox(request.request_id(), *asker);
  ResourceLoader::Callback answer = [this, alive = alive_.token(), asker = *asker, request_id = request.request_id(),
                                     is_document, url = request.url()](FetchResult result) {
    if (!alive.Alive() || !StillWanted(asker, request_id)) return;
    if (is_document) {
      // A redirect to another site: this renderer never sees its bytes.
      if (result.ok && hooks_.landed_elsewhere && hooks_.landed_elsewhere(result.final_url)) return;
      // From now on the renderer asks as this document (or its error page).
      grants_.Commit(result.final_url, result.address_space, !result.ok);
      document_site_ = result.ok ? SiteForSpec(result.final_url) : Site::Opaque();
      if (!result.ok) {
        // The user sees the details; the renderer, drawing the error page,
        // only the generic error.
        hooks_.document_failed(result.detail.empty() ? result.error : result.error + ": " + result.detail);
        if (result.body.empty()) {
          result.body = ResourceLoader::ErrorPage(url, result.error);
          result.mime_type = "text/html";
        }
      }
    }
    Answer(request_id, std::move(result));
  };
  // The document is the navigation the browser started: the user's, or a
  // link's already checked by the tab (RendererGrants::MayNavigate), whose
  // Private Network Access bound stays with the history entry.
  if (is_document) {
    Requester requester = Requester::Initiated(history.current_initiator_space());
    // A link's navigation is initiated by the document that showed the link
    // (still the committed one): a cross-site one carries no SameSite=Strict
    // cookies. The user's own is same-site to everything.
    if (requester.document_space) requester.cookies.initiator_site = document_site_;
    requester.cookies.top_level_navigation = true;
    loader_.Fetch(request.url(), tab_id_, requester, std::move(answer));
    return OkStatus();
  }
  // A subresource: what the current document may ask for.
  if (auto url = ParseUrl(request.url())) {
    if (RendererGrants::Decision decision = grants_.MayFetch(*url); !decision.allowed) {
      loader_.Refuse(request.url(), tab_id_, decision.rule, decision.detail, std::move(answer));
      return OkStatus();
    }
  }
  Requester requester = Requester::Document(grants_.address_space());
  requester.cookies.initiator_site = document_site_;
  loader_.Fetch(request.url(), tab_id_, requester, std::move(answer),
                is_post ? std::optional<std::string>(request.body()) : std::nullopt);
  return OkStatus();
}

// about:sandbox shows measured facts: the browser's view of the renderer from
// /proc, plus forbidden operations the renderer tries right now. So the page
// is made only once the renderer answered its probe request.
Status TabFetches::AnswerAboutSandbox(uint64_t request_id, Asker asker) {
  hooks_.sandbox_page([this, alive = alive_.token(), asker, request_id](std::string html) {
    if (!alive.Alive() || !StillWanted(asker, request_id)) return;
    FetchResult result;
    result.ok = true;
    result.mime_type = "text/html";
    result.final_url = "about:sandbox";
    result.body = std::move(html);
    grants_.Commit("about:sandbox", AddressSpace::kPublic, false);
    document_site_ = SiteForSpec("about:sandbox");
    loader_.RecordDecision(tab_id_, "about:sandbox", "about: pages generated by the browser",
                           "allowed, " + std::to_string(result.body.size()) + " bytes");
    Answer(request_id, std::move(result));
  });
  return OkStatus();
}

// Bodies that travel as memfds go at the pace the renderer reads them.
void TabFetches::Answer(uint64_t request_id, FetchResult result) {
  if (ipc::BodyTravelsInMemory(result.body.size())) return body_pacer_.Offer(request_id, std::move(result));
  hooks_.renderer.send(request_id, std::move(result));
}

}  // namespace sandtab::browser
