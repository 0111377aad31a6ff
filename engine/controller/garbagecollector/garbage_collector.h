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
#include <memory>
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
        bool operator==(const OwnerRef&) const = default;
    };
    // An object's ownerReferences, shared by the objects that have equal ones (a ReplicaSet's
    // pods): the graph holds every object of the cluster, and a copy each adds up at 150,000 pods.
    class Owners {
    public:
        Owners() = default;
        explicit Owners(std::shared_ptr<const std::vector<OwnerRef>> refs) : refs_(std::move(refs)) {}
        std::vector<OwnerRef>::const_iterator begin() const { return refs_ ? refs_->begin() : none().begin(); }
        std::vector<OwnerRef>::const_iterator end() const { return refs_ ? refs_->end() : none().end(); }
        bool empty() const { return !refs_ || refs_->empty(); }

    private:
        static const std::vector<OwnerRef>& none() {
            static const std::vector<OwnerRef> empty;
            return empty;
        }
        std::shared_ptr<const std::vector<OwnerRef>> refs_;
    };
    struct Node {
        std::string resource, namespace_, name;
        Owners owners;
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
    // Owners shared by value, by the hash of their ownerReferences JSON (weak: swept as it grows).
    Owners sharedOwners(const Json& refs, std::vector<OwnerRef> parsed);
    std::map<size_t, std::weak_ptr<const std::vector<OwnerRef>>> ownersByHash_;
    size_t ownersSweepAt_ = 64;
};

}  // namespace kp::controller
