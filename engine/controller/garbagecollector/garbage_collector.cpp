#include "controller/garbagecollector/garbage_collector.h"

#include <algorithm>

namespace kp::controller {
namespace {

std::vector<std::string> finalizersOf(const Json& obj) {
    std::vector<std::string> out;
    if (const Json* f = findPath(obj, "metadata.finalizers"); f && f->is_array())
        for (const Json& v : *f)
            if (v.is_string())
                out.push_back(v.get<std::string>());
    return out;
}

}  // namespace

GarbageCollector::GarbageCollector(ApiServer& server) : client_(server, "generic-garbage-collector") {}

void GarbageCollector::onEvent(const WatchEvent& event) {
    // Events stay out of the graph, as upstream's GraphBuilder ignores them (graph_builder.go
    // ignoredResources): they own nothing, and a cluster writes more of them than anything else.
    if (event.resource == "events" || event.resource == "events.events.k8s.io")
        return;
    const Json& obj = *event.object;
    const std::string uid = stringAt(obj, "metadata.uid");
    if (uid.empty())
        return;
    if (event.type == WatchEventType::Deleted) {
        auto it = nodes_.find(uid);
        if (it != nodes_.end()) {
            for (const OwnerRef& o : it->second.owners) {
                auto d = dependents_.find(o.uid);
                if (d != dependents_.end())
                    d->second.erase(uid);
                // An owner waiting for its dependents may now be free to go.
                if (ownerWaitsForDependents(o.uid))
                    queue().add(o.uid);
            }
            nodes_.erase(it);
        }
        // Dependents of a vanished owner must check their remaining owners.
        if (auto d = dependents_.find(uid); d != dependents_.end())
            for (const std::string& dep : d->second)
                queue().add(dep);
        return;
    }

    Node node;
    node.resource = event.resource;
    node.namespace_ = stringAt(obj, "metadata.namespace");
    node.name = stringAt(obj, "metadata.name");
    node.deleting = findPath(obj, "metadata.deletionTimestamp") != nullptr;
    for (const std::string& f : finalizersOf(obj))
        node.finalizers.insert(f);
    if (const Json* refs = findPath(obj, "metadata.ownerReferences"); refs && refs->is_array() && !refs->empty()) {
        std::vector<OwnerRef> parsed;
        for (const Json& ref : *refs) {
            OwnerRef o{stringAt(ref, "uid"), stringAt(ref, "apiVersion"), stringAt(ref, "kind"), stringAt(ref, "name"),
                       boolAt(ref, "blockOwnerDeletion")};
            parsed.push_back(std::move(o));
        }
        node.owners = sharedOwners(*refs, std::move(parsed));
    }
    // Re-index owner edges.
    if (auto old = nodes_.find(uid); old != nodes_.end())
        for (const OwnerRef& o : old->second.owners)
            if (auto d = dependents_.find(o.uid); d != dependents_.end())
                d->second.erase(uid);
    for (const OwnerRef& o : node.owners)
        dependents_[o.uid].insert(uid);

    bool startsDeleting = node.deleting;
    bool hasOwners = !node.owners.empty();
    nodes_[uid] = std::move(node);
    if (hasOwners || startsDeleting)
        queue().add(uid);
    // An owner that started a foreground deletion makes its dependents act.
    if (startsDeleting)
        if (auto d = dependents_.find(uid); d != dependents_.end())
            for (const std::string& dep : d->second)
                queue().add(dep);
}

GarbageCollector::Owners GarbageCollector::sharedOwners(const Json& refs, std::vector<OwnerRef> parsed) {
    const size_t hash = std::hash<Json>{}(refs);
    if (auto it = ownersByHash_.find(hash); it != ownersByHash_.end())
        if (std::shared_ptr<const std::vector<OwnerRef>> held = it->second.lock(); held && *held == parsed)
            return Owners(std::move(held));
    auto made = std::make_shared<const std::vector<OwnerRef>>(std::move(parsed));
    ownersByHash_[hash] = made;
    if (ownersByHash_.size() >= ownersSweepAt_) {
        std::erase_if(ownersByHash_, [](const auto& e) { return e.second.expired(); });
        ownersSweepAt_ = std::max<size_t>(64, ownersByHash_.size() * 2);
    }
    return Owners(std::move(made));
}

ObjectPtr GarbageCollector::fetch(const Node& node) {
    return client_.server().store().get(node.resource, node.namespace_, node.name);
}

bool GarbageCollector::ownerWaitsForDependents(const std::string& ownerUid) const {
    auto it = nodes_.find(ownerUid);
    return it != nodes_.end() && it->second.deleting && it->second.finalizers.count("foregroundDeletion");
}

ReconcileResult GarbageCollector::reconcile(const std::string& uid) {
    auto it = nodes_.find(uid);
    if (it == nodes_.end())
        return ReconcileResult::done();
    const Node node = it->second;  // copy: writes below re-enter onEvent only on the next round
    ObjectPtr obj = fetch(node);
    if (!obj || stringAt(*obj, "metadata.uid") != uid)
        return ReconcileResult::done();

    if (node.deleting && node.finalizers.count("orphan"))
        return orphanDependents(uid, node);
    if (node.deleting && node.finalizers.count("foregroundDeletion"))
        return deleteDependentsInForeground(uid, node);
    if (!node.owners.empty())
        return checkOwners(uid, node, *obj);
    return ReconcileResult::done();
}

ReconcileResult GarbageCollector::orphanDependents(const std::string& uid, const Node& node) {
    std::set<std::string> deps = dependents_.count(uid) ? dependents_[uid] : std::set<std::string>{};
    for (const std::string& depUid : deps) {
        auto d = nodes_.find(depUid);
        if (d == nodes_.end())
            continue;
        ObjectPtr dep = fetch(d->second);
        if (!dep)
            continue;
        Json updated = *dep;
        Json kept = Json::array();
        for (const Json& ref : updated["metadata"]["ownerReferences"])
            if (stringAt(ref, "uid") != uid)
                kept.push_back(ref);
        if (kept.empty())
            updated["metadata"].erase("ownerReferences");
        else
            updated["metadata"]["ownerReferences"] = std::move(kept);
        ApiResponse resp = client_.update(updated);
        if (!resp.ok() && !resp.status.isNotFound())
            return ReconcileResult::requeue();
    }
    return removeFinalizer(node, "orphan");
}

ReconcileResult GarbageCollector::deleteDependentsInForeground(const std::string& uid, const Node& node) {
    bool blocked = false;
    std::set<std::string> deps = dependents_.count(uid) ? dependents_[uid] : std::set<std::string>{};
    for (const std::string& depUid : deps) {
        auto d = nodes_.find(depUid);
        if (d == nodes_.end())
            continue;
        const Node& dep = d->second;
        bool blocks = std::any_of(dep.owners.begin(), dep.owners.end(),
                                  [&](const OwnerRef& o) { return o.uid == uid && o.blockOwnerDeletion; });
        blocked = blocked || blocks;
        if (dep.deleting)
            continue;
        const ResourceInfo* r = client_.resources().byGroupResourceName(dep.resource);
        if (!r)
            continue;
        DeleteOptions opts;
        opts.propagationPolicy = PropagationPolicy::Foreground;
        opts.preconditionUid = depUid;
        client_.remove(*r, dep.namespace_, dep.name, opts);
    }
    if (blocked)
        return ReconcileResult::done();  // the dependents' deletion events bring us back
    return removeFinalizer(node, "foregroundDeletion");
}

ReconcileResult GarbageCollector::checkOwners(const std::string& uid, const Node& node, const Json& obj) {
    std::vector<std::string> absent;
    bool anyWaiting = false, anyPresent = false;
    for (const OwnerRef& o : node.owners) {
        if (!nodes_.count(o.uid)) {
            absent.push_back(o.uid);
            continue;
        }
        anyPresent = true;
        if (ownerWaitsForDependents(o.uid) && o.blockOwnerDeletion)
            anyWaiting = true;
    }
    const ResourceInfo* r = client_.resources().byGroupResourceName(node.resource);
    if (!r)
        return ReconcileResult::done();

    if (!anyPresent) {
        if (node.deleting)
            return ReconcileResult::done();
        DeleteOptions opts;
        opts.propagationPolicy = PropagationPolicy::Background;
        opts.preconditionUid = uid;
        ApiResponse resp = client_.remove(*r, node.namespace_, node.name, opts);
        return resp.ok() || resp.status.isNotFound() || resp.status.isConflict() ? ReconcileResult::done()
                                                                                  : ReconcileResult::requeue();
    }
    if (!absent.empty()) {
        Json updated = obj;
        Json kept = Json::array();
        for (const Json& ref : updated["metadata"]["ownerReferences"])
            if (std::find(absent.begin(), absent.end(), stringAt(ref, "uid")) == absent.end())
                kept.push_back(ref);
        updated["metadata"]["ownerReferences"] = std::move(kept);
        ApiResponse resp = client_.update(updated);
        if (!resp.ok() && !resp.status.isNotFound())
            return ReconcileResult::requeue();
    }
    if (anyWaiting && !node.deleting) {
        DeleteOptions opts;
        opts.propagationPolicy = PropagationPolicy::Foreground;
        opts.preconditionUid = uid;
        client_.remove(*r, node.namespace_, node.name, opts);
    }
    return ReconcileResult::done();
}

ReconcileResult GarbageCollector::removeFinalizer(const Node& node, const std::string& finalizer) {
    ObjectPtr current = fetch(node);
    if (!current)
        return ReconcileResult::done();
    Json updated = *current;
    Json kept = Json::array();
    for (const std::string& f : finalizersOf(updated))
        if (f != finalizer)
            kept.push_back(f);
    if (kept.empty())
        updated["metadata"].erase("finalizers");
    else
        updated["metadata"]["finalizers"] = std::move(kept);
    ApiResponse resp = client_.update(updated);
    if (!resp.ok() && !resp.status.isNotFound())
        return ReconcileResult::requeue();
    return ReconcileResult::done();
}

}  // namespace kp::controller
