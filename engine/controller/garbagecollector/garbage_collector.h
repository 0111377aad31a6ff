// GarbageCollector deletes objects whose owners are gone, and carries out the Foreground and
// Orphan propagation policies (finalizers `foregroundDeletion` and `orphan` on the owner).
//
// Like upstream's GraphBuilder it keeps a graph of ownerReferences by uid, built from watch
// events on every resource; reconcile(uid) then decides for one object:
//  1. being deleted with `orphan`: strip its uid from every dependent's ownerReferences, then
//     remove the finalizer;
//  2. being deleted with `foregroundDeletion`: delete every dependent (Foreground again), and
//     remove the finalizer once no dependent with blockOwnerDeletion is left;
//  3. all owners absent: delete it (Background); some absent: drop those references;
//     an owner waiting for its dependents (foreground) and blockOwnerDeletion: delete it
//     in the foreground too.
// Upstream: pkg/controller/garbagecollector/garbagecollector.go (attemptToDeleteItem,
// processDeletingDependentsItem, orphanDependents).
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "client/client.h"
#include "controller/controller.h"

namespace kp::controller {

class GarbageCollector final : public Controller {
public:
    explicit GarbageCollector(ApiServer& server);

    std::string_view name() const override { return "garbage-collector-controller"; }
    std::vector<std::string> watches() const override { return {}; }  // every resource
    void onEvent(const WatchEvent& event) override;
    ReconcileResult reconcile(const std::string& uid) override;

    size_t graphSize() const { return nodes_.size(); }

private:
    struct OwnerRef {
        std::string uid, apiVersion, kind, name;
        bool blockOwnerDeletion = false;
    };
    struct Node {
        std::string resource, namespace_, name;
        std::vector<OwnerRef> owners;
        bool deleting = false;
        std::set<std::string> finalizers;
    };

    ObjectPtr fetch(const Node& node);
    bool ownerWaitsForDependents(const std::string& ownerUid) const;
    ReconcileResult orphanDependents(const std::string& uid, const Node& node);
    ReconcileResult deleteDependentsInForeground(const std::string& uid, const Node& node);
    ReconcileResult checkOwners(const std::string& uid, const Node& node, const Json& obj);
    ReconcileResult removeFinalizer(const Node& node, const std::string& finalizer);

    Client client_;
    std::map<std::string, Node> nodes_;                      // by uid
    std::map<std::string, std::set<std::string>> dependents_;  // owner uid -> dependent uids
};

}  // namespace kp::controller
