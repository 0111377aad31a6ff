// ApiServer: kube-apiserver's request semantics over the ObjectStore. Every component and
// command writes through it (via kp::Client), so every write gets the same treatment:
//
//   create:  decode checks (strict fields) -> namespace -> server-owned metadata (uid,
//            creationTimestamp, generateName, generation) -> defaulting -> admission
//            (namespace lifecycle, service accounts, default tolerations, priority) ->
//            validation (422) -> store -> event log
//   update:  optimistic concurrency (409), spec/status kept apart by subresource,
//            generation +1 on spec change, no-op writes skipped, finalizer-driven removal
//   patch:   JSON merge / JSON patch / strategic merge / server-side apply, then as update
//   delete:  graceful pods, finalizers, propagation policy (Background/Foreground/Orphan)
//
// Upstream: apiserver/pkg/registry/generic/registry/store.go, apiserver/pkg/endpoints/handlers.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/resources.h"
#include "apiserver/watch.h"
#include "base/clock.h"
#include "base/event_log.h"
#include "base/json.h"
#include "base/rng.h"
#include "base/status.h"
#include "store/object_store.h"

namespace kp {
namespace admission {
class WebhookTransport;
}

enum class FieldValidation { Ignore, Warn, Strict };
enum class PatchType { JsonPatch, MergePatch, StrategicMergePatch, ApplyPatch };
enum class PropagationPolicy { Default, Background, Foreground, Orphan };

// What the request says about itself (query parameters and who sends it).
struct WriteOptions {
    std::string fieldManager;                 // ?fieldManager=; defaults from the actor
    std::string actor;                        // recorded in the event log ("kubectl", "deployment-controller")
    bool dryRun = false;                      // ?dryRun=All
    FieldValidation fieldValidation = FieldValidation::Warn;  // apiserver default when unset
    bool force = false;                       // server-side apply ?force=true
    const char* managedFieldsOperation = "Update";  // "Apply" for server-side apply
};

struct DeleteOptions {
    std::string actor;
    bool dryRun = false;
    std::optional<int64_t> gracePeriodSeconds;
    PropagationPolicy propagationPolicy = PropagationPolicy::Default;
    std::string preconditionUid;
    std::string preconditionResourceVersion;
};

struct ListOptions {
    std::string labelSelector;
    std::string fieldSelector;
    int64_t limit = 0;
    std::string continueToken;
};

// A response: either an object (with HTTP code 200/201) or a failure Status.
struct ApiResponse {
    Status status;                       // ok() on success
    Json object;                         // the object, list, or Status body
    int code = 200;                      // HTTP status code
    std::vector<std::string> warnings;   // "Warning: ..." headers

    bool ok() const { return status.ok(); }
    static ApiResponse failure(Status s) {
        ApiResponse r;
        r.code = s.code();
        r.object = s.toJson();
        r.status = std::move(s);
        return r;
    }
};

class ApiServer {
public:
    ApiServer(ObjectStore& store, const Clock& clock, Rng& rng, EventLog& log);

    const ResourceRegistry& resources() const { return *resources_; }
    ObjectStore& store() { return store_; }
    const Clock& clock() const { return clock_; }
    // How admission webhooks are reached (the cluster's network, set by Cluster); without one
    // no webhook is called.
    void setWebhookTransport(admission::WebhookTransport* transport) { webhookTransport_ = transport; }
    admission::WebhookTransport* webhookTransport() const { return webhookTransport_; }
    // The release /version reports ("v1.32.0"; minikube start --kubernetes-version picks it).
    void setGitVersion(std::string version) { gitVersion_ = std::move(version); }
    const std::string& gitVersion() const { return gitVersion_; }

    ApiResponse create(const ResourceInfo& r, std::string_view ns, Json object, const WriteOptions& opts,
                       std::string_view subresource = "");
    ApiResponse get(const ResourceInfo& r, std::string_view ns, std::string_view name,
                    std::string_view subresource = "") const;
    ApiResponse list(const ResourceInfo& r, std::string_view ns, const ListOptions& opts = {}) const;
    ApiResponse update(const ResourceInfo& r, std::string_view ns, std::string_view name, Json object,
                       const WriteOptions& opts, std::string_view subresource = "");
    ApiResponse patch(const ResourceInfo& r, std::string_view ns, std::string_view name, PatchType type,
                      std::string_view body, const WriteOptions& opts, std::string_view subresource = "");
    ApiResponse remove(const ResourceInfo& r, std::string_view ns, std::string_view name, const DeleteOptions& opts);

    // Opens a watch (labelSelector/fieldSelector/resourceVersion as the query parameters say).
    // A resume point older than the history gives a watch whose first event is ERROR/410.
    WatchStream watch(const ResourceInfo& r, std::string_view ns, const WatchOptions& opts);

private:
    struct WriteContext;
    ApiResponse commitCreate(const ResourceInfo& r, Json obj, const WriteOptions& opts);
    ApiResponse commitUpdate(const ResourceInfo& r, const Json& old, Json obj, const WriteOptions& opts,
                             std::string_view subresource, bool fromPatch);
    ApiResponse finishDelete(const ResourceInfo& r, const Json& current, const DeleteOptions& opts);
    Status checkNamespace(const ResourceInfo& r, std::string_view ns, bool creating) const;
    // Subresources (subresources.cpp).
    ApiResponse bindPod(const ResourceInfo& r, std::string_view ns, const Json& binding, const WriteOptions& opts);
    // pods/eviction: deletes the pod unless a PodDisruptionBudget forbids it (429).
    ApiResponse evictPod(const ResourceInfo& r, std::string_view ns, std::string_view name, const Json& eviction,
                         const WriteOptions& opts);
    ApiResponse updateScale(const ResourceInfo& r, const Json& current, const Json& scale, const WriteOptions& opts);
    // Server-side apply to an object that does not exist yet creates it (patch_dispatch.cpp).
    ApiResponse applyCreate(const ResourceInfo& r, std::string_view ns, std::string_view name, std::string_view body,
                            const WriteOptions& opts);
    void logWrite(const std::string& actor, const char* verb, const ResourceInfo& r, const Json& obj,
                  int64_t rv, const std::string& detail = "");

    ObjectStore& store_;
    const Clock& clock_;
    Rng& rng_;
    EventLog& log_;
    const ResourceRegistry* resources_;
    admission::WebhookTransport* webhookTransport_ = nullptr;
    std::string gitVersion_ = "v1.32.0";
};

}  // namespace kp
