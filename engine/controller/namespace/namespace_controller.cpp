#include "controller/namespace/namespace_controller.h"

#include <map>

namespace kp::controller {
namespace {

Json condition(const std::string& type, bool status, const std::string& reason, const std::string& message,
               const std::string& now) {
    Json c = {{"type", type}, {"status", status ? "True" : "False"}, {"lastTransitionTime", now}, {"reason", reason}};
    if (!message.empty())
        c["message"] = message;
    return c;
}

}  // namespace

void NamespaceController::onEvent(const WatchEvent& event) {
    const Json& obj = *event.object;
    if (event.resource == "namespaces") {
        if (findPath(obj, "metadata.deletionTimestamp"))
            queue().add(stringAt(obj, "metadata.name"));
        return;
    }
    // Content leaving a terminating namespace may let it finish.
    std::string ns = stringAt(obj, "metadata.namespace");
    if (ns.empty() || event.type != WatchEventType::Deleted)
        return;
    ObjectPtr nsObj = client_.server().store().get("namespaces", "", ns);
    if (nsObj && findPath(*nsObj, "metadata.deletionTimestamp"))
        queue().add(ns);
}

ReconcileResult NamespaceController::reconcile(const std::string& ns) {
    ObjectPtr nsObj = client_.server().store().get("namespaces", "", ns);
    if (!nsObj || !findPath(*nsObj, "metadata.deletionTimestamp"))
        return ReconcileResult::done();

    // 1. Delete everything namespaced (kinds in discovery order, objects by name).
    for (const ResourceInfo& r : client_.resources().all()) {
        if (!r.namespaced || !r.preferred)
            continue;
        for (const ObjectPtr& obj : client_.server().store().list(r.groupResource(), ns)) {
            if (findPath(*obj, "metadata.deletionTimestamp"))
                continue;
            DeleteOptions opts;
            opts.propagationPolicy = PropagationPolicy::Background;
            client_.remove(r, ns, stringAt(*obj, "metadata.name"), opts);
        }
    }

    // 2. Count what the deletions left and report it.
    std::map<std::string, int> remaining;       // resource -> count
    std::map<std::string, int> finalizersLeft;  // finalizer -> count
    for (const ResourceInfo& r : client_.resources().all()) {
        if (!r.namespaced || !r.preferred)
            continue;
        for (const ObjectPtr& obj : client_.server().store().list(r.groupResource(), ns)) {
            remaining[r.group.empty() ? r.resource + "." : r.groupResource()]++;
            if (const Json* f = findPath(*obj, "metadata.finalizers"); f && f->is_array())
                for (const Json& fin : *f)
                    finalizersLeft[fin.get<std::string>()]++;
        }
    }

    const std::string now = formatRFC3339(client_.server().clock().now());
    if (!remaining.empty()) {
        std::string resources, finals;
        for (const auto& [res, n] : remaining)
            resources += (resources.empty() ? "" : ", ") + res + " has " + std::to_string(n) + " resource instances";
        for (const auto& [f, n] : finalizersLeft)
            finals += (finals.empty() ? "" : ", ") + f + " in " + std::to_string(n) + " resource instances";
        Json updated = *nsObj;
        Json conds = Json::array();
        conds.push_back(condition("NamespaceDeletionDiscoveryFailure", false, "ResourcesDiscovered",
                                  "All resources successfully discovered", now));
        conds.push_back(condition("NamespaceDeletionGroupVersionParsingFailure", false, "ParsedGroupVersions",
                                  "All legacy kube types successfully parsed", now));
        conds.push_back(condition("NamespaceDeletionContentFailure", false, "ContentDeleted",
                                  "All content successfully deleted, may be waiting on finalization", now));
        conds.push_back(condition("NamespaceContentRemaining", true, "SomeResourcesRemain",
                                  "Some resources are remaining: " + resources, now));
        if (finals.empty())
            conds.push_back(condition("NamespaceFinalizersRemaining", false, "ContentHasNoFinalizers",
                                      "All content-preserving finalizers finished", now));
        else
            conds.push_back(condition("NamespaceFinalizersRemaining", true, "SomeFinalizersRemain",
                                      "Some content in the namespace has finalizers remaining: " + finals, now));
        // Keep transition times of conditions whose status did not change.
        if (const Json* old = findPath(*nsObj, "status.conditions"); old && old->is_array())
            for (Json& c : conds)
                for (const Json& o : *old)
                    if (stringAt(o, "type") == stringAt(c, "type") && stringAt(o, "status") == stringAt(c, "status"))
                        c["lastTransitionTime"] = o["lastTransitionTime"];
        updated["status"]["conditions"] = std::move(conds);
        client_.updateStatus(updated);
        return ReconcileResult::done();  // deletions of the remaining content bring us back
    }

    // 3. Empty: finalize.
    Json finalized = *nsObj;
    Json kept = Json::array();
    if (const Json* f = findPath(finalized, "spec.finalizers"); f && f->is_array())
        for (const Json& fin : *f)
            if (fin != "kubernetes")
                kept.push_back(fin);
    finalized["spec"]["finalizers"] = kept;
    WriteOptions opts;
    opts.actor = opts.fieldManager = "namespace-controller";
    client_.server().update(client_.resource("namespaces"), "", ns, finalized, opts, "finalize");
    return ReconcileResult::done();
}

}  // namespace kp::controller
