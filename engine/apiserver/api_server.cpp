#include "apiserver/api_server.h"

#include <algorithm>

#include "apiserver/admission/admission.h"
#include "apiserver/admission/webhooks.h"
#include "apiserver/errors.h"
#include "apiserver/object_meta.h"
#include "apiserver/patch_dispatch.h"
#include "apiserver/registry/strategy.h"
#include "apiserver/selection.h"
#include "apiserver/validation/field_error.h"
#include "apiserver/managed_fields.h"
#include "apiserver/subresources.h"
#include "apiserver/validate.h"
#include "api/schema/schema.h"
#include "api/schema/strict_decoder.h"

namespace kp {
namespace {

std::string nsOf(const Json& obj) { return stringAt(obj, "metadata.namespace"); }
std::string nameOf(const Json& obj) { return stringAt(obj, "metadata.name"); }

// The 400 a typed decoder gives for unknown fields or wrong types
// (apiserver/pkg/endpoints/handlers/rest.go: "<Kind> in version "v1" cannot be handled as a <Kind>: ...").
Status decodeError(const ResourceInfo& r, const std::string& detail) {
    return apierrors::badRequest(r.kind + " in version \"" + r.version + "\" cannot be handled as a " + r.kind + ": " +
                                 detail);
}

bool hasFinalizer(const Json& obj, std::string_view f) {
    const Json* fins = findPath(obj, "metadata.finalizers");
    if (!fins || !fins->is_array())
        return false;
    return std::any_of(fins->begin(), fins->end(), [&](const Json& v) { return v.is_string() && v.get<std::string>() == f; });
}

void addFinalizer(Json& obj, const std::string& f) {
    if (hasFinalizer(obj, f))
        return;
    Json& fins = obj["metadata"]["finalizers"];
    if (!fins.is_array())
        fins = Json::array();
    fins.push_back(f);
}

bool hasAnyFinalizer(const Json& obj) {
    const Json* fins = findPath(obj, "metadata.finalizers");
    return fins && fins->is_array() && !fins->empty();
}

// Who sends a request, as admission webhooks see it (userInfo.username): kubectl uses
// minikube's client certificate.
std::string usernameOf(const std::string& actor) { return actor == "kubectl" ? "minikube-user" : actor; }

admission::AdmissionAttributes admissionAttributes(const char* operation, const ResourceInfo& r, std::string_view subresource,
                                                   const Json* obj, const Json* old, const std::string& actor, bool dryRun) {
    admission::AdmissionAttributes a;
    a.operation = operation;
    a.resource = &r;
    a.subresource = std::string(subresource);
    const Json& any = obj ? *obj : *old;
    a.name = nameOf(any);
    a.namespace_ = r.namespaced ? nsOf(any) : (r.group.empty() && r.resource == "namespaces" ? a.name : "");
    a.object = obj;
    a.oldObject = old;
    a.dryRun = dryRun;
    a.username = usernameOf(actor);
    return a;
}

ApiResponse failureWithWarnings(Status s, std::vector<std::string> warnings) {
    ApiResponse resp = ApiResponse::failure(std::move(s));
    resp.warnings = std::move(warnings);
    return resp;
}

bool isTerminalPod(const Json& pod) {
    std::string phase = stringAt(pod, "status.phase");
    return phase == "Succeeded" || phase == "Failed";
}

}  // namespace

ApiServer::ApiServer(ObjectStore& store, const Clock& clock, Rng& rng, EventLog& log)
    : store_(store), clock_(clock), rng_(rng), log_(log), resources_(&ResourceRegistry::builtin()) {}

void ApiServer::logWrite(const std::string& actor, const char* verb, const ResourceInfo& r, const Json& obj, int64_t rv,
                         const std::string& detail) {
    EventLog::Entry rec;
    rec.time = clock_.now();
    rec.type = "api-write";
    rec.actor = actor;
    rec.verb = verb;
    rec.resource = r.groupResource();
    rec.namespace_ = nsOf(obj);
    rec.name = nameOf(obj);
    rec.resourceVersion = rv;
    rec.detail = detail;
    log_.append(std::move(rec));
}

Status ApiServer::checkNamespace(const ResourceInfo& r, std::string_view ns, bool creating) const {
    if (!r.namespaced)
        return {};
    if (ns.empty())
        return apierrors::badRequest("the server could not find the requested resource");
    ObjectPtr nsObj = store_.get("namespaces", "", std::string(ns));
    if (!nsObj)
        return apierrors::namespaceNotFound(std::string(ns));
    return {};
}

// [SECTION] create

ApiResponse ApiServer::create(const ResourceInfo& r, std::string_view ns, Json obj, const WriteOptions& opts,
                              std::string_view subresource) {
    if (!subresource.empty()) {
        if (r.resource == "pods" && subresource == "binding")
            return bindPod(r, ns, obj, opts);
        if (r.resource == "pods" && subresource == "eviction")
            return evictPod(r, ns, stringAt(obj, "metadata.name"), obj, opts);
        return ApiResponse::failure(apierrors::methodNotSupported(r, "create"));
    }
    if (!obj.is_object())
        return ApiResponse::failure(decodeError(r, "json: cannot unmarshal " + std::string(obj.type_name()) +
                                                       " into Go value of type struct"));
    // The body names its own kind; it must be the endpoint's.
    std::string apiVersion = stringAt(obj, "apiVersion", r.apiVersion());
    std::string kind = stringAt(obj, "kind", r.kind);
    if (apiVersion != r.apiVersion() || kind != r.kind) {
        return ApiResponse::failure(apierrors::badRequest("the API version in the data (" + apiVersion +
                                                          ") does not match the expected API version (" +
                                                          r.apiVersion() + ")"));
    }
    obj["apiVersion"] = r.apiVersion();
    obj["kind"] = r.kind;

    std::vector<std::string> warnings;
    if (Status s = checkFieldValidation(r, obj, opts.fieldValidation, warnings); !s.ok())
        return ApiResponse::failure(s);
    pruneUnknownFields(r, obj);

    Json& meta = obj["metadata"];
    if (!meta.is_object())
        meta = Json::object();
    if (r.namespaced) {
        std::string objNs = stringAt(obj, "metadata.namespace");
        if (!objNs.empty() && objNs != ns)
            return ApiResponse::failure(apierrors::badRequest(
                "the namespace of the provided object does not match the namespace sent on the request"));
        meta["namespace"] = std::string(ns);
    } else {
        meta.erase("namespace");
    }
    if (Status s = checkNamespace(r, ns, true); !s.ok())
        return ApiResponse::failure(s);

    ApiResponse resp = commitCreate(r, std::move(obj), opts);
    resp.warnings.insert(resp.warnings.begin(), warnings.begin(), warnings.end());
    return resp;
}

ApiResponse ApiServer::commitCreate(const ResourceInfo& r, Json obj, const WriteOptions& opts) {
    const registry::Strategy& strategy = registry::strategyFor(r);
    // The request's managedFields are the field manager's starting point (server-side apply
    // puts its result there).
    const Json requestManagedFields = obj["metadata"].is_object() ? obj["metadata"].value("managedFields", Json()) : Json();
    const std::string requestedName = nameOf(obj);
    // Server-owned metadata (apiserver/pkg/registry/rest/create.go#BeforeCreate).
    fillCreateMetadata(obj, strategy.tracksGeneration, clock_.now(), rng_);
    // The field manager sees the decoded, defaulted object, before PrepareForCreate and
    // admission add to it (apiserver/pkg/endpoints/handlers/create.go).
    const std::string& manager = opts.fieldManager.empty() ? opts.actor : opts.fieldManager;
    if (registry::prepareForCreateKeepsObject(r)) {
        // Nothing to prepare (Events, ConfigMaps ...): the decoded object is the one stored, and
        // the field manager can work on it in place instead of on a copy.
        if (!requestManagedFields.is_null())
            obj["metadata"]["managedFields"] = requestManagedFields;
        registry::applyDefaults(r, obj);
        updateManagedFields(obj, nullptr, manager, opts.managedFieldsOperation, clock_.now());
    } else {
        Json decoded = obj;
        if (!requestManagedFields.is_null())
            decoded["metadata"]["managedFields"] = requestManagedFields;
        registry::applyDefaults(r, decoded);
        updateManagedFields(decoded, nullptr, manager, opts.managedFieldsOperation, clock_.now());
        registry::prepareForCreate(r, obj);
        registry::applyDefaults(r, obj);
        if (const Json* mf = findPath(decoded, "metadata.managedFields"))
            obj["metadata"]["managedFields"] = *mf;
    }

    // Upstream admits before BeforeCreate generates the name, and admission errors then name the
    // object by its generateName ("pods \"web-\" is forbidden"): admit under that name.
    const std::string generated = nameOf(obj);
    const std::string generateName = stringAt(obj, "metadata.generateName");
    const bool nameWasGenerated = requestedName.empty() && !generateName.empty();
    if (nameWasGenerated)
        obj["metadata"]["name"] = generateName;
    Status admitted = admission::admitCreate(*this, r, obj, rng_);
    std::vector<std::string> webhookWarnings;
    if (admitted.ok())
        admitted = admission::runMutatingWebhooks(
            *this, admissionAttributes("CREATE", r, "", &obj, nullptr, opts.actor, opts.dryRun), obj, webhookWarnings);
    if (nameWasGenerated)
        obj["metadata"]["name"] = generated;
    if (!admitted.ok())
        return failureWithWarnings(admitted, webhookWarnings);

    validation::FieldErrorList errs = validateForCreate(r, obj);
    if (!errs.empty())
        return failureWithWarnings(validation::invalidStatus(r.kind, r.group, nameOf(obj), errs), webhookWarnings);
    if (Status s = admission::runValidatingWebhooks(
            *this, admissionAttributes("CREATE", r, "", &obj, nullptr, opts.actor, opts.dryRun), webhookWarnings);
        !s.ok())
        return failureWithWarnings(s, webhookWarnings);

    if (store_.get(r.groupResource(), nsOf(obj), nameOf(obj)))
        return ApiResponse::failure(apierrors::alreadyExists(r, nameOf(obj)));

    if (Status s = admission::allocateOnCreate(*this, r, obj, opts.dryRun, rng_); !s.ok())
        return ApiResponse::failure(s);

    ApiResponse resp;
    resp.code = 201;
    resp.warnings = std::move(webhookWarnings);
    if (opts.dryRun) {
        resp.object = std::move(obj);
        return resp;
    }
    int64_t rv = store_.create(r.groupResource(), obj);
    obj["metadata"]["resourceVersion"] = std::to_string(rv);
    logWrite(opts.actor, "create", r, obj, rv);
    resp.object = std::move(obj);
    return resp;
}

// [SECTION] read

ApiResponse ApiServer::get(const ResourceInfo& r, std::string_view ns, std::string_view name,
                           std::string_view subresource) const {
    ObjectPtr obj = store_.get(r.groupResource(), r.namespaced ? std::string(ns) : "", std::string(name));
    if (!obj)
        return ApiResponse::failure(apierrors::notFound(r, std::string(name)));
    ApiResponse resp;
    if (subresource == "scale") {
        if (!r.hasSubresource("scale"))
            return ApiResponse::failure(apierrors::notFound(r, std::string(name)));
        resp.object = scaleOf(r, *obj);
        return resp;
    }
    resp.object = *obj;
    return resp;
}

ApiResponse ApiServer::list(const ResourceInfo& r, std::string_view ns, const ListOptions& opts) const {
    Selection sel;
    if (Status s = sel.parse(r, opts.labelSelector, opts.fieldSelector); !s.ok())
        return ApiResponse::failure(s);
    Json items = Json::array();
    for (const ObjectPtr& obj : store_.list(r.groupResource(), r.namespaced ? std::string(ns) : "")) {
        if (!sel.matches(*obj))
            continue;
        items.push_back(*obj);
    }
    ApiResponse resp;
    resp.object = Json{{"apiVersion", r.apiVersion()},
                       {"kind", r.kind + "List"},
                       {"metadata", {{"resourceVersion", std::to_string(store_.resourceVersion())}}},
                       {"items", std::move(items)}};
    return resp;
}

WatchStream ApiServer::watch(const ResourceInfo& r, std::string_view ns, const WatchOptions& opts) {
    auto sel = std::make_shared<Selection>();
    if (Status s = sel->parse(r, opts.labelSelector, opts.fieldSelector); !s.ok())
        return WatchStream::failed(s.toJson());
    WatchRequest req;
    req.resource = r.groupResource();
    req.namespace_ = r.namespaced ? std::string(ns) : "";
    req.allowBookmarks = opts.allowBookmarks;
    if (opts.resourceVersion.empty() || opts.resourceVersion == "0") {
        req.sendInitialState = true;
    } else {
        req.sendInitialState = false;
        try {
            req.sinceResourceVersion = std::stoll(opts.resourceVersion);
        } catch (...) {
            return WatchStream::failed(
                apierrors::badRequest("invalid resource version: " + opts.resourceVersion).toJson());
        }
    }
    if (!sel->empty())
        req.filter = [sel](const Json& obj) { return sel->matches(obj); };
    Status err;
    auto id = store_.watch(req, err);
    if (!err.ok())
        return WatchStream::failed(err.toJson());
    return WatchStream(&store_, id, r.apiVersion(), r.kind);
}

// [SECTION] update

namespace {

// obj == old once obj's metadata.resourceVersion is old's (compared in place: a copy of a pod
// costs more than the comparison).
bool sameExceptResourceVersion(Json& obj, const Json& old) {
    auto m = obj.find("metadata");
    if (m == obj.end() || !m->is_object())
        return false;  // a stored object always has metadata
    Json& meta = *m;
    const Json* oldMeta = findPath(old, "metadata");
    const Json* oldRv = oldMeta && oldMeta->is_object() ? findPath(*oldMeta, "resourceVersion") : nullptr;
    const Json wantRv = oldRv ? *oldRv : Json(nullptr);
    auto it = meta.find("resourceVersion");
    const bool had = it != meta.end();
    Json savedRv = had ? std::move(*it) : Json();
    meta["resourceVersion"] = wantRv;
    const bool same = obj == old;
    if (had)
        meta["resourceVersion"] = std::move(savedRv);
    else
        meta.erase("resourceVersion");
    return same;
}

}  // namespace

ApiResponse ApiServer::update(const ResourceInfo& r, std::string_view ns, std::string_view name, Json obj,
                              const WriteOptions& opts, std::string_view subresource) {
    std::string namespace_ = r.namespaced ? std::string(ns) : "";
    ObjectPtr current = store_.get(r.groupResource(), namespace_, std::string(name));
    if (!current)
        return ApiResponse::failure(apierrors::notFound(r, std::string(name)));
    if (!obj.is_object())
        return ApiResponse::failure(decodeError(r, "json: cannot unmarshal " + std::string(obj.type_name()) +
                                                       " into Go value of type struct"));

    if (subresource == "scale")
        return updateScale(r, *current, obj, opts);

    std::vector<std::string> warnings;
    if (subresource.empty() || subresource == "status" || subresource == "finalize") {
        obj["apiVersion"] = stringAt(obj, "apiVersion", r.apiVersion());
        obj["kind"] = stringAt(obj, "kind", r.kind);
        if (stringAt(obj, "kind") != r.kind || stringAt(obj, "apiVersion") != r.apiVersion())
            return ApiResponse::failure(apierrors::badRequest("the API version in the data (" +
                                                              stringAt(obj, "apiVersion") +
                                                              ") does not match the expected API version (" +
                                                              r.apiVersion() + ")"));
        if (Status s = checkFieldValidation(r, obj, opts.fieldValidation, warnings); !s.ok())
            return ApiResponse::failure(s);
        pruneUnknownFields(r, obj);
    } else {
        return ApiResponse::failure(apierrors::methodNotSupported(r, "update"));
    }

    std::string bodyName = stringAt(obj, "metadata.name");
    if (!bodyName.empty() && bodyName != name)
        return ApiResponse::failure(apierrors::badRequest("the name of the object (" + bodyName +
                                                          ") does not match the name on the URL (" +
                                                          std::string(name) + ")"));
    std::string bodyNs = stringAt(obj, "metadata.namespace");
    if (r.namespaced && !bodyNs.empty() && bodyNs != ns)
        return ApiResponse::failure(apierrors::badRequest(
            "the namespace of the provided object does not match the namespace sent on the request"));

    ApiResponse resp = commitUpdate(r, *current, std::move(obj), opts, subresource, false);
    resp.warnings.insert(resp.warnings.begin(), warnings.begin(), warnings.end());
    return resp;
}

ApiResponse ApiServer::commitUpdate(const ResourceInfo& r, const Json& old, Json obj, const WriteOptions& opts,
                                    std::string_view subresource, bool fromPatch) {
    const registry::Strategy& strategy = registry::strategyFor(r);
    const std::string name = nameOf(old);

    // Optimistic concurrency: a stale resourceVersion is a conflict.
    std::string wantRv = stringAt(obj, "metadata.resourceVersion");
    if (!wantRv.empty() && wantRv != stringAt(old, "metadata.resourceVersion"))
        return ApiResponse::failure(apierrors::conflictModified(r, name));
    if (wantRv.empty() && !strategy.allowUnconditionalUpdate && !fromPatch)
        return ApiResponse::failure(
            apierrors::conflict(r, name, "metadata.resourceVersion: Invalid value: 0x0: must be specified for an update"));
    std::string wantUid = stringAt(obj, "metadata.uid");
    if (!wantUid.empty() && wantUid != stringAt(old, "metadata.uid"))
        return ApiResponse::failure(apierrors::conflict(
            r, name,
            "Precondition failed: UID in precondition: " + wantUid + ", UID in object meta: " + stringAt(old, "metadata.uid")));

    keepServerMetadata(obj, old);
    if (subresource == "status") {
        // The status endpoint changes status only (plus nothing else a client could sneak in).
        Json merged = old;
        if (obj.contains("status"))
            merged["status"] = obj["status"];
        else
            merged.erase("status");
        merged["metadata"]["resourceVersion"] = old["metadata"]["resourceVersion"];
        if (const Json* mf = findPath(obj, "metadata.managedFields"))
            merged["metadata"]["managedFields"] = *mf;  // server-side apply's result
        obj = std::move(merged);
    } else if (subresource == "finalize") {
        Json merged = old;
        merged["spec"]["finalizers"] = findPath(obj, "spec.finalizers") ? obj["spec"]["finalizers"] : Json::array();
        obj = std::move(merged);
    } else if (strategy.statusSubresource) {
        if (old.contains("status"))
            obj["status"] = old["status"];
        else
            obj.erase("status");
    }

    // Finalizers cannot be added to an object that is being deleted.
    if (findPath(old, "metadata.deletionTimestamp")) {
        const Json* newFins = findPath(obj, "metadata.finalizers");
        if (newFins && newFins->is_array()) {
            for (const Json& f : *newFins) {
                if (f.is_string() && !hasFinalizer(old, f.get<std::string>())) {
                    validation::FieldErrorList errs{validation::forbidden(
                        "metadata.finalizers", "no new finalizers can be added if the object is being deleted, found new finalizers []string{\"" +
                                                   f.get<std::string>() + "\"}")};
                    return ApiResponse::failure(validation::invalidStatus(r.kind, r.group, name, errs));
                }
            }
        }
    }

    // The field manager sees the defaulted object, before admission (handlers/update.go).
    const std::string manager = opts.fieldManager.empty() ? opts.actor : opts.fieldManager;
    if (subresource.empty())
        registry::applyDefaults(r, obj);
    updateManagedFields(obj, &old, manager, opts.managedFieldsOperation, clock_.now(), std::string(subresource));
    if (subresource.empty()) {
        if (Status s = admission::admitUpdate(*this, r, obj, old, rng_); !s.ok())
            return ApiResponse::failure(s);
    }
    std::vector<std::string> webhookWarnings;
    if (Status s = admission::runMutatingWebhooks(
            *this, admissionAttributes("UPDATE", r, subresource, &obj, &old, opts.actor, opts.dryRun), obj, webhookWarnings);
        !s.ok())
        return failureWithWarnings(s, webhookWarnings);

    if (strategy.tracksGeneration) {
        const Json* oldSpec = findPath(old, "spec");
        const Json* newSpec = findPath(obj, "spec");
        bool specChanged = (oldSpec == nullptr) != (newSpec == nullptr) || (oldSpec && *oldSpec != *newSpec);
        int64_t gen = intAt(old, "metadata.generation", 1);
        bool deletingNow = findPath(obj, "metadata.deletionTimestamp") && !findPath(old, "metadata.deletionTimestamp");
        obj["metadata"]["generation"] = (specChanged || deletingNow) ? gen + 1 : gen;
    }

    validation::FieldErrorList errs = validateForUpdate(r, obj, old);
    if (!errs.empty())
        return failureWithWarnings(validation::invalidStatus(r.kind, r.group, name, errs), webhookWarnings);
    if (Status s = admission::runValidatingWebhooks(
            *this, admissionAttributes("UPDATE", r, subresource, &obj, &old, opts.actor, opts.dryRun), webhookWarnings);
        !s.ok())
        return failureWithWarnings(s, webhookWarnings);

    // A write that changes nothing is not written (no new resourceVersion, no event).
    if (sameExceptResourceVersion(obj, old)) {
        ApiResponse resp;
        resp.object = old;
        resp.warnings = std::move(webhookWarnings);
        return resp;
    }
    ApiResponse resp;
    resp.warnings = std::move(webhookWarnings);
    // An object being deleted goes away once its last finalizer is removed, unless it is in a
    // grace period (a pod the kubelet is still stopping: its status writes keep it).
    // Upstream: apiserver pkg/registry/generic/registry/store.go#ShouldDeleteDuringUpdate.
    if (findPath(old, "metadata.deletionTimestamp") && !hasAnyFinalizer(obj) &&
        intAt(old, "metadata.deletionGracePeriodSeconds", 0) == 0 &&
        !(r.resource == "namespaces" && findPath(obj, "spec.finalizers") && !obj["spec"]["finalizers"].empty())) {
        if (opts.dryRun) {
            resp.object = std::move(obj);
            return resp;
        }
        int64_t rv = store_.remove(r.groupResource(), nsOf(obj), name);
        logWrite(opts.actor, "delete", r, obj, rv, "finalizers removed");
        obj["metadata"]["resourceVersion"] = std::to_string(rv);
        resp.object = std::move(obj);
        return resp;
    }
    if (opts.dryRun) {
        resp.object = std::move(obj);
        return resp;
    }
    int64_t rv = store_.update(r.groupResource(), obj);
    obj["metadata"]["resourceVersion"] = std::to_string(rv);
    logWrite(opts.actor, fromPatch ? "patch" : "update", r, obj, rv, std::string(subresource));
    resp.object = std::move(obj);
    return resp;
}

// [SECTION] patch

ApiResponse ApiServer::patch(const ResourceInfo& r, std::string_view ns, std::string_view name, PatchType type,
                             std::string_view body, const WriteOptions& opts, std::string_view subresource) {
    std::string namespace_ = r.namespaced ? std::string(ns) : "";
    ObjectPtr current = store_.get(r.groupResource(), namespace_, std::string(name));
    if (!current && type == PatchType::ApplyPatch && subresource.empty())
        return applyCreate(r, ns, name, body, opts);
    if (!current)
        return ApiResponse::failure(apierrors::notFound(r, std::string(name)));

    Json base = *current;
    if (subresource == "scale")
        base = scaleOf(r, *current);
    PatchOutcome out = applyPatchDocument(r, base, type, body, opts, clock_.now(), subresource);
    WriteOptions writeOpts = opts;
    if (type == PatchType::ApplyPatch)
        writeOpts.managedFieldsOperation = "Apply";
    if (!out.status.ok())
        return ApiResponse::failure(out.status);
    if (subresource == "scale")
        return updateScale(r, *current, out.object, opts);

    std::vector<std::string> warnings;
    if (Status s = checkFieldValidation(r, out.object, opts.fieldValidation, warnings); !s.ok())
        return ApiResponse::failure(s);
    pruneUnknownFields(r, out.object);
    // A patch may carry a resourceVersion precondition; otherwise it applies to the current version.
    if (stringAt(out.object, "metadata.resourceVersion").empty())
        out.object["metadata"]["resourceVersion"] = (*current)["metadata"]["resourceVersion"];
    if (stringAt(out.object, "metadata.name") != name)
        return ApiResponse::failure(apierrors::badRequest("metadata.name: Invalid value: \"" +
                                                          stringAt(out.object, "metadata.name") +
                                                          "\": field is immutable"));
    ApiResponse resp = commitUpdate(r, *current, std::move(out.object), writeOpts, subresource, true);
    resp.warnings.insert(resp.warnings.begin(), warnings.begin(), warnings.end());
    return resp;
}

// [SECTION] delete

ApiResponse ApiServer::remove(const ResourceInfo& r, std::string_view ns, std::string_view name,
                              const DeleteOptions& opts) {
    std::string namespace_ = r.namespaced ? std::string(ns) : "";
    ObjectPtr currentPtr = store_.get(r.groupResource(), namespace_, std::string(name));
    if (!currentPtr)
        return ApiResponse::failure(apierrors::notFound(r, std::string(name)));
    const Json& current = *currentPtr;

    if (!opts.preconditionUid.empty() && opts.preconditionUid != stringAt(current, "metadata.uid"))
        return ApiResponse::failure(apierrors::conflict(
            r, std::string(name),
            "Precondition failed: UID in precondition: " + opts.preconditionUid +
                ", UID in object meta: " + stringAt(current, "metadata.uid")));
    if (!opts.preconditionResourceVersion.empty() &&
        opts.preconditionResourceVersion != stringAt(current, "metadata.resourceVersion"))
        return ApiResponse::failure(apierrors::conflict(
            r, std::string(name),
            "Precondition failed: ResourceVersion in precondition: " + opts.preconditionResourceVersion +
                ", ResourceVersion in object meta: " + stringAt(current, "metadata.resourceVersion")));

    if (Status s = admission::admitDelete(*this, r, current); !s.ok())
        return ApiResponse::failure(s);
    std::vector<std::string> webhookWarnings;
    if (Status s = admission::runValidatingWebhooks(
            *this, admissionAttributes("DELETE", r, "", nullptr, &current, opts.actor, opts.dryRun), webhookWarnings);
        !s.ok())
        return failureWithWarnings(s, webhookWarnings);
    ApiResponse resp = finishDelete(r, current, opts);
    resp.warnings.insert(resp.warnings.begin(), webhookWarnings.begin(), webhookWarnings.end());
    return resp;
}

ApiResponse ApiServer::finishDelete(const ResourceInfo& r, const Json& current, const DeleteOptions& opts) {
    const registry::Strategy& strategy = registry::strategyFor(r);
    const std::string name = nameOf(current);
    Json obj = current;
    const Time now = clock_.now();

    // Namespaces: Terminating until the namespace controller has emptied them.
    if (r.resource == "namespaces") {
        const Json* specFins = findPath(obj, "spec.finalizers");
        if (specFins && specFins->is_array() && !specFins->empty()) {
            if (!findPath(obj, "metadata.deletionTimestamp")) {
                obj["metadata"]["deletionTimestamp"] = formatRFC3339(now);
                obj["metadata"]["deletionGracePeriodSeconds"] = 0;
                obj["status"]["phase"] = "Terminating";
                if (opts.dryRun)
                    return ApiResponse{{}, obj, 200, {}};
                int64_t rv = store_.update(r.groupResource(), obj);
                obj["metadata"]["resourceVersion"] = std::to_string(rv);
                logWrite(opts.actor, "delete", r, obj, rv, "terminating");
            }
            return ApiResponse{{}, obj, 200, {}};
        }
    }

    // Graceful deletion for pods that a kubelet runs (apiserver/pkg/registry/rest/delete.go).
    int64_t grace = 0;
    if (strategy.gracefulDelete) {
        grace = opts.gracePeriodSeconds ? *opts.gracePeriodSeconds
                                        : intAt(obj, "spec.terminationGracePeriodSeconds", 30);
        if (grace < 0)
            grace = 0;
        if (stringAt(obj, "spec.nodeName").empty() || isTerminalPod(obj))
            grace = 0;  // nothing runs it: remove at once
        if (const Json* existing = findPath(obj, "metadata.deletionGracePeriodSeconds");
            existing && existing->is_number_integer() && existing->get<int64_t>() < grace)
            grace = existing->get<int64_t>();  // a delete may shorten, never lengthen
    }

    PropagationPolicy policy = opts.propagationPolicy;
    if (policy == PropagationPolicy::Default)
        policy = strategy.defaultPropagation;
    bool changed = false;
    if (policy == PropagationPolicy::Foreground && !hasFinalizer(obj, "foregroundDeletion")) {
        addFinalizer(obj, "foregroundDeletion");
        changed = true;
    } else if (policy == PropagationPolicy::Orphan && !hasFinalizer(obj, "orphan")) {
        addFinalizer(obj, "orphan");
        changed = true;
    }

    // A delete during a grace period may shorten it: the deletion time moves back by the
    // difference, and the shortened object is written (a MODIFIED event) even when a grace of 0
    // removes it right after (the kubelet's final delete). Upstream: apiserver
    // pkg/registry/rest/delete.go#BeforeDelete, registry/store.go#updateForGracefulDeletionAndFinalizers.
    const Json* deletedAt = findPath(obj, "metadata.deletionTimestamp");
    const int64_t oldGrace = intAt(obj, "metadata.deletionGracePeriodSeconds", 0);
    if (deletedAt && strategy.gracefulDelete && oldGrace > 0 && grace < oldGrace) {
        auto at = parseRFC3339(deletedAt->get<std::string>());
        obj["metadata"]["deletionTimestamp"] = formatRFC3339((at ? *at : now) - Duration::seconds(oldGrace - grace));
        obj["metadata"]["deletionGracePeriodSeconds"] = grace;
        changed = true;
        if (grace == 0 && !hasAnyFinalizer(obj) && !opts.dryRun) {
            int64_t rv = store_.update(r.groupResource(), obj);
            logWrite(opts.actor, "delete", r, obj, rv, "graceful");
            changed = false;
        }
    }

    bool keep = hasAnyFinalizer(obj) || grace > 0;
    if (keep) {
        if (!findPath(obj, "metadata.deletionTimestamp")) {
            obj["metadata"]["deletionTimestamp"] = formatRFC3339(now + Duration::seconds(grace));
            obj["metadata"]["deletionGracePeriodSeconds"] = grace;
            if (strategy.tracksGeneration)
                obj["metadata"]["generation"] = intAt(obj, "metadata.generation", 1) + 1;
            changed = true;
        }
        if (opts.dryRun || !changed)
            return ApiResponse{{}, obj, 200, {}};
        int64_t rv = store_.update(r.groupResource(), obj);
        obj["metadata"]["resourceVersion"] = std::to_string(rv);
        logWrite(opts.actor, "delete", r, obj, rv, "graceful");
        return ApiResponse{{}, obj, 200, {}};
    }

    ApiResponse resp;
    if (strategy.returnDeletedObject) {
        resp.object = obj;
    } else {
        Status ok;
        StatusDetails d;
        d.name = name;
        d.group = r.group;
        d.kind = r.resource;
        d.uid = stringAt(obj, "metadata.uid");
        ok.withDetails(std::move(d));
        resp.object = ok.toJson();
    }
    if (opts.dryRun)
        return resp;
    int64_t rv = store_.remove(r.groupResource(), nsOf(obj), name);
    logWrite(opts.actor, "delete", r, obj, rv);
    if (strategy.returnDeletedObject)
        resp.object["metadata"]["resourceVersion"] = std::to_string(rv);
    return resp;
}

}  // namespace kp
