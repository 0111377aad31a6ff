// The node lifecycle controller's periodic pass: heartbeats -> conditions -> taints -> zone
// disruption state, and the rate-limited NoExecute tainting.
//
// [SECTION] monitorNodeHealth      one pass over every node
// [SECTION] tryUpdateNodeHealth    heartbeat bookkeeping and the Unknown transition
// [SECTION] taint-based eviction   queueing nodes for NoExecute taints, removing them
// [SECTION] disruption             zone states and their tainting rates
#include <algorithm>

#include "controller/nodelifecycle/node_lifecycle_controller.h"
#include "controller/nodelifecycle/taints.h"

namespace kp::nodelifecycle {
namespace {

constexpr int kNodeHealthUpdateRetry = 5;  // scheduler.NodeHealthUpdateRetry
constexpr const char* kNodeLeaseNamespace = "kube-node-lease";
constexpr const char* kExcludeDisruptionLabel = "node.kubernetes.io/exclude-disruption";

const Json* conditionIn(const Json& status, const std::string& type) {
    const Json* conds = findPath(status, "conditions");
    if (!conds || !conds->is_array())
        return nullptr;
    for (const Json& c : *conds)
        if (stringAt(c, "type") == type)
            return &c;
    return nullptr;
}

// What NodeHealth keeps of an observed status: its conditions, the only part read back. A
// node's whole status (its images list above all) is kilobytes, and there is one per node.
Json conditionsOf(const Json& status) {
    Json kept = Json::object();
    if (const Json* conds = findPath(status, "conditions"))
        kept["conditions"] = *conds;
    return kept;
}

Time leaseRenewTime(const ObjectPtr& lease) {
    if (!lease)
        return {};
    return parseRFC3339(stringAt(*lease, "spec.renewTime")).value_or(Time{});
}

bool excludedFromDisruptionChecks(const Json& node) {
    const Json* labels = findPath(node, "metadata.labels");
    return labels && labels->is_object() && labels->contains(kExcludeDisruptionLabel);
}

}  // namespace

std::string zoneKey(const Json& node) {
    const Json* labels = findPath(node, "metadata.labels");
    if (!labels || !labels->is_object())
        return "";
    auto label = [&](const char* primary, const char* fallback) {
        if (auto it = labels->find(primary); it != labels->end() && it->is_string())
            return it->get<std::string>();
        if (auto it = labels->find(fallback); it != labels->end() && it->is_string())
            return it->get<std::string>();
        return std::string();
    };
    const std::string zone = label("failure-domain.beta.kubernetes.io/zone", "topology.kubernetes.io/zone");
    const std::string region = label("failure-domain.beta.kubernetes.io/region", "topology.kubernetes.io/region");
    if (region.empty() && zone.empty())
        return "";
    return region + std::string(":\0:", 3) + zone;
}

// Upstream: node_lifecycle_controller.go#ComputeZoneState
std::pair<int, ZoneState> computeZoneState(const std::vector<std::string>& readyStatuses, double unhealthyThreshold) {
    int ready = 0, notReady = 0;
    for (const std::string& s : readyStatuses)
        (s == "True" ? ready : notReady)++;
    if (ready == 0 && notReady > 0)
        return {notReady, ZoneState::FullDisruption};
    if (notReady > 2 && static_cast<double>(notReady) / (notReady + ready) >= unhealthyThreshold)
        return {notReady, ZoneState::PartialDisruption};
    return {notReady, ZoneState::Normal};
}

// [SECTION] monitorNodeHealth

// Upstream: node_lifecycle_controller.go#monitorNodeHealth
// 1. Classify nodes as added / deleted / representatives of a new zone; record events.
// 2. Per node (by name): update its health; queue or clear NoExecute taints; on a Ready ->
//    not Ready transition record NodeNotReady and mark its pods not ready.
// 3. Recompute the zones' disruption states.
void NodeLifecycleController::monitorNodeHealth() {
    ObjectStore& store = client_.server().store();
    const std::vector<ObjectPtr> nodes = store.list("nodes");

    // 1. classifyNodes
    std::vector<ObjectPtr> added, newZoneRepresentatives;
    std::set<std::string> present;
    for (const ObjectPtr& n : nodes) {
        const std::string name = stringAt(*n, "metadata.name");
        present.insert(name);
        if (!knownNodeSet_.count(name))
            added.push_back(n);
        else if (!zoneStates_.count(zoneKey(*n)))
            newZoneRepresentatives.push_back(n);
    }
    std::vector<std::pair<std::string, std::string>> deleted;
    for (const auto& [name, uid] : knownNodeSet_)
        if (!present.count(name))
            deleted.emplace_back(name, uid);
    for (const ObjectPtr& n : newZoneRepresentatives)
        addPodEvictorForNewZone(*n);
    for (const ObjectPtr& n : added) {
        const std::string name = stringAt(*n, "metadata.name");
        recordNodeEvent(*n, "RegisteredNode", "Registered Node " + name + " in Controller");
        knownNodeSet_[name] = stringAt(*n, "metadata.uid");
        addPodEvictorForNewZone(*n);
        markNodeAsReachable(*n);
    }
    for (const auto& [name, uid] : deleted) {
        Json gone = {{"metadata", {{"name", name}, {"uid", uid}}}};
        recordNodeEvent(gone, "RemovingNode", "Removing Node " + name + " from Controller");
        knownNodeSet_.erase(name);
    }

    // 2. Per node.
    std::map<std::string, std::vector<std::string>> zoneToReadyStatuses;
    for (const ObjectPtr& n : nodes) {
        const std::string name = stringAt(*n, "metadata.name");
        ObjectPtr nodePtr = n;
        HealthResult health;
        // A write may meet a newer node (our own taint change above): re-read and retry.
        for (int attempt = 0; attempt < kNodeHealthUpdateRetry; ++attempt) {
            health = tryUpdateNodeHealth(nodePtr);
            if (health.ok)
                break;
            nodePtr = store.get("nodes", "", name);
            if (!nodePtr)
                break;
        }
        if (!health.ok || !nodePtr)
            continue;  // "Skipping - no pods will be evicted"
        const Json& node = *nodePtr;

        if (!excludedFromDisruptionChecks(node))
            zoneToReadyStatuses[zoneKey(node)].push_back(health.currentReady ? stringAt(*health.currentReady, "status")
                                                                             : "");
        if (health.currentReady) {
            processTaintBaseEviction(node, health.observedReady);
            const std::string current = stringAt(*health.currentReady, "status");
            const std::string observed = stringAt(health.observedReady, "status");
            bool mark = false;
            if (current != "True" && observed == "True") {
                // Reported once, on the transition.
                recordNodeStatusChange(node, "NodeNotReady");
                mark = true;
            } else if (nodesToRetry_.count(name) && observed != "True") {
                mark = true;
            }
            if (mark) {
                const std::set<std::string>& onNode = pods_.podsOn(name);
                if (!markPodsNotReady(std::vector<std::string>(onNode.begin(), onNode.end()), name)) {
                    nodesToRetry_.insert(name);
                    continue;
                }
            }
        }
        nodesToRetry_.erase(name);
    }

    // 3.
    handleDisruption(zoneToReadyStatuses, nodes);
}

// [SECTION] tryUpdateNodeHealth

// Upstream: node_lifecycle_controller.go#tryUpdateNodeHealth
// The heartbeat is the later of: the Ready condition's lastHeartbeatTime changing, or the Lease's
// renewTime moving forward. probeTimestamp is *our* clock at the pass that saw it (not the
// kubelet's timestamp), so clock skew does not matter. When now reaches probeTimestamp + grace,
// Ready and the pressure conditions become Unknown.
//
// Example (defaults): the last renewal at 10:00:00 is seen by the pass at 10:00:03; the pass at
// 10:00:53 (= 10:00:03 + 50 s) writes Ready=Unknown.
// SIMPLIFICATION: upstream's test is now.After(probe + grace); a real pass starts a little later
// every period (it takes time), so the pass at probe + grace already qualifies. Virtual passes
// take no time, hence >=.
// The node is only copied when it has to be written (this runs for every node every 5 s).
NodeLifecycleController::HealthResult NodeLifecycleController::tryUpdateNodeHealth(ObjectPtr& nodePtr) {
    const Json& node = *nodePtr;
    const std::string name = stringAt(node, "metadata.name");
    const Time now = clock_.now();
    const std::string creation = stringAt(node, "metadata.creationTimestamp");
    const Time creationTime = parseRFC3339(creation).value_or(now);
    static const Json kNoStatus = Json::object();
    const Json* statusPtr = findPath(node, "status");
    const Json& status = statusPtr && statusPtr->is_object() ? *statusPtr : kNoStatus;

    auto it = nodeHealth_.find(name);
    NodeHealth* health = it == nodeHealth_.end() ? nullptr : &it->second;

    HealthResult result;
    Duration gracePeriod;
    const Json* current = conditionIn(status, "Ready");
    if (!current) {
        // Never posted: a stand-in Unknown condition dated at creation, and the startup grace.
        result.observedReady = Json{{"type", "Ready"},
                                    {"status", "Unknown"},
                                    {"lastHeartbeatTime", creation},
                                    {"lastTransitionTime", creation}};
        gracePeriod = config_.nodeStartupGracePeriod;
        if (health)
            health->status = conditionsOf(status);
        else
            health = &(nodeHealth_[name] = NodeHealth{creationTime, creationTime, conditionsOf(status), nullptr});
    } else {
        result.observedReady = *current;
        gracePeriod = config_.nodeMonitorGracePeriod;
    }

    const Json* saved = health ? conditionIn(health->status, "Ready") : nullptr;
    const ObjectPtr savedLease = health ? health->lease : nullptr;
    if (!health) {
        health = &(nodeHealth_[name] = NodeHealth{now, now, conditionsOf(status), nullptr});
    } else if ((!saved && current) || (saved && !current)) {
        // First sight of a Ready condition (restart with the node known), or it was removed.
        *health = NodeHealth{now, now, conditionsOf(status), nullptr};
    } else if (saved && current && stringAt(*saved, "lastHeartbeatTime") != stringAt(*current, "lastHeartbeatTime")) {
        const Time transition = stringAt(*saved, "lastTransitionTime") != stringAt(*current, "lastTransitionTime")
                                    ? now
                                    : health->readyTransitionTimestamp;
        *health = NodeHealth{now, transition, conditionsOf(status), nullptr};
    }
    // A renewed Lease is a heartbeat too (and, with lease-based heartbeats, the usual one).
    ObjectPtr observedLease = client_.server().store().get("leases.coordination.k8s.io", kNodeLeaseNamespace, name);
    if (observedLease && (!savedLease || leaseRenewTime(savedLease) < leaseRenewTime(observedLease))) {
        health->lease = observedLease;
        health->probeTimestamp = now;
    }
    if (const Json* c = conditionIn(status, "Ready"))
        result.currentReady = *c;
    if (now < health->probeTimestamp + gracePeriod)
        return result;

    // Ready and the pressure conditions go Unknown; NetworkUnavailable is the network's.
    Json updated = node;
    Json& st = ensureObject(updated, "status");
    if (!st["conditions"].is_array())
        st["conditions"] = Json::array();
    for (const char* type : {"Ready", "MemoryPressure", "DiskPressure", "PIDPressure"}) {
        Json* cond = nullptr;
        for (Json& c : st["conditions"])
            if (stringAt(c, "type") == type)
                cond = &c;
        if (!cond) {
            st["conditions"].push_back(Json{{"type", type},
                                            {"status", "Unknown"},
                                            {"reason", "NodeStatusNeverUpdated"},
                                            {"message", "Kubelet never posted node status."},
                                            {"lastHeartbeatTime", creation},
                                            {"lastTransitionTime", formatRFC3339(now)}});
        } else if (stringAt(*cond, "status") != "Unknown") {
            (*cond)["status"] = "Unknown";
            (*cond)["reason"] = "NodeStatusUnknown";
            (*cond)["message"] = "Kubelet stopped posting node status.";
            (*cond)["lastTransitionTime"] = formatRFC3339(now);
        }
    }
    const Json* ready = conditionIn(st, "Ready");
    if (*ready == result.observedReady)
        return result;  // already Unknown
    ApiResponse r = client_.updateStatus(updated);
    if (!r.ok()) {
        result.ok = false;
        return result;
    }
    // Later taint writes of this pass start from the version just written.
    nodePtr = std::make_shared<const Json>(std::move(r.object));
    *health = NodeHealth{health->probeTimestamp, now, conditionsOf((*nodePtr)["status"]), observedLease};
    result.currentReady = *conditionIn((*nodePtr)["status"], "Ready");
    return result;
}

// [SECTION] taint-based eviction

// Upstream: node_lifecycle_controller.go#processTaintBaseEviction
// Reads the Ready status as it was *before* this pass: a node that just went Unknown is queued
// for its NoExecute taint by the next pass, 5 s later.
void NodeLifecycleController::processTaintBaseEviction(const Json& node, const Json& observedReady) {
    const std::string name = stringAt(node, "metadata.name");
    const Json* nodeTaints = findPath(node, "spec.taints");
    const Json noTaints = Json::array();
    const Json& list = nodeTaints ? *nodeTaints : noTaints;
    const Json unreachable = taints::make(taints::kUnreachable, "NoExecute");
    const Json notReady = taints::make(taints::kNotReady, "NoExecute");
    const std::string status = stringAt(observedReady, "status");
    if (status == "False") {
        // Already tainted unreachable: switch at once instead of waiting for the rate limiter.
        if (taints::exists(list, unreachable))
            swapNodeControllerTaint(name, {notReady}, {unreachable});
        else
            markNodeForTainting(node, "False");
        return;
    }
    if (status == "Unknown") {
        if (taints::exists(list, notReady))
            swapNodeControllerTaint(name, {unreachable}, {notReady});
        else
            markNodeForTainting(node, "Unknown");
        return;
    }
    if (status == "True")
        markNodeAsReachable(node);
}

// Upstream: node_lifecycle_controller.go#markNodeForTainting
bool NodeLifecycleController::markNodeForTainting(const Json& node, const std::string& status) {
    auto it = zoneNoExecuteTainter_.find(zoneKey(node));
    if (it == zoneNoExecuteTainter_.end())
        return false;
    const std::string name = stringAt(node, "metadata.name");
    const Json* list = findPath(node, "spec.taints");
    const Json empty = Json::array();
    const Json& taintList = list ? *list : empty;
    // Not tainted yet: queue afresh (a node processed earlier is otherwise never queued again).
    if (status == "False" && !taints::exists(taintList, taints::make(taints::kNotReady, "NoExecute")))
        it->second->remove(name);
    if (status == "Unknown" && !taints::exists(taintList, taints::make(taints::kUnreachable, "NoExecute")))
        it->second->remove(name);
    return it->second->add(name, stringAt(node, "metadata.uid"), clock_.now());
}

// Upstream: node_lifecycle_controller.go#markNodeAsReachable
bool NodeLifecycleController::markNodeAsReachable(const Json& node) {
    const std::string name = stringAt(node, "metadata.name");
    const Json* list = findPath(node, "spec.taints");
    std::vector<Json> toRemove;
    for (const char* key : {taints::kUnreachable, taints::kNotReady}) {
        Json t = taints::make(key, "NoExecute");
        if (list && taints::exists(*list, t))
            toRemove.push_back(t);
    }
    if (!toRemove.empty() && !swapNodeControllerTaint(name, {}, toRemove))
        return false;
    auto it = zoneNoExecuteTainter_.find(zoneKey(node));
    return it != zoneNoExecuteTainter_.end() && it->second->remove(name);
}

// Upstream: node_lifecycle_controller.go#doNoExecuteTaintingPass
// Unreachable and not-ready NoExecute taints are kept mutually exclusive, mirroring Ready.
void NodeLifecycleController::doNoExecuteTaintingPass() {
    const ObjectStore& store = client_.server().store();
    for (auto& [zone, tainter] : zoneNoExecuteTainter_) {
        tainter->tryProcess(clock_.now(), [&](const TimedValue& v) -> std::pair<bool, Duration> {
            ObjectPtr node = store.get("nodes", "", v.value);
            if (!node)
                return {true, {}};  // gone
            const Json* nodeStatus = findPath(*node, "status");
            const Json* ready = nodeStatus ? conditionIn(*nodeStatus, "Ready") : nullptr;
            if (!ready)
                return {false, Duration::millis(50)};
            const std::string status = stringAt(*ready, "status");
            Json add, opposite;
            if (status == "False") {
                add = taints::make(taints::kNotReady, "NoExecute");
                opposite = taints::make(taints::kUnreachable, "NoExecute");
            } else if (status == "Unknown") {
                add = taints::make(taints::kUnreachable, "NoExecute");
                opposite = taints::make(taints::kNotReady, "NoExecute");
            } else {
                return {true, {}};  // ready again: nothing to taint
            }
            return {swapNodeControllerTaint(v.value, {add}, {opposite}), {}};
        });
    }
}

void NodeLifecycleController::scheduleNoExecutePass() {
    const Time now = clock_.now();
    std::optional<Time> next;
    for (const auto& [zone, tainter] : zoneNoExecuteTainter_)
        if (auto at = tainter->nextAttemptAt(now); at && (!next || *at < *next))
            next = *at;
    if (!next)
        return;
    // Never sooner than the upstream polling period.
    next = std::max(*next, now + Duration::millis(100));
    if (noExecutePassAt_ && *noExecutePassAt_ <= *next)
        return;
    noExecutePassAt_ = next;
    clock_.schedule(*next, [this] { queue().add(kNoExecuteKey); });
}

// [SECTION] disruption

// Upstream: node_lifecycle_controller.go#addPodEvictorForNewZone
void NodeLifecycleController::addPodEvictorForNewZone(const Json& node) {
    const std::string zone = zoneKey(node);
    if (zoneStates_.count(zone))
        return;
    zoneStates_[zone] = ZoneState::Initial;
    zoneNoExecuteTainter_[zone] = std::make_unique<RateLimitedTimedQueue>(config_.evictionLimiterQPS, clock_.now());
}

// Upstream: node_lifecycle_controller.go#setLimiterInZone (HealthyQPSFunc / ReducedQPSFunc)
void NodeLifecycleController::setLimiterInZone(const std::string& zone, int zoneSize, ZoneState state) {
    auto it = zoneNoExecuteTainter_.find(zone);
    if (it == zoneNoExecuteTainter_.end())
        return;
    switch (state) {
    case ZoneState::Normal:
        it->second->swapLimiter(config_.evictionLimiterQPS, clock_.now());
        break;
    case ZoneState::PartialDisruption:
        // Large zones slow down; small ones stop tainting altogether.
        it->second->swapLimiter(zoneSize > config_.largeClusterThreshold ? config_.secondaryEvictionLimiterQPS : 0,
                                clock_.now());
        break;
    case ZoneState::FullDisruption:
        it->second->swapLimiter(config_.evictionLimiterQPS, clock_.now());
        break;
    case ZoneState::Initial:
        break;
    }
}

// Upstream: node_lifecycle_controller.go#handleDisruption
// Example: a single-node minikube whose node stops: its only zone has no ready node, so every
// zone is fully disrupted -> NoExecute taints are removed and tainting stops (the pods stay).
// With two nodes and one down, the zone is Normal and the dead node is tainted.
void NodeLifecycleController::handleDisruption(const std::map<std::string, std::vector<std::string>>& zoneToReadyStatuses,
                                               const std::vector<ObjectPtr>& nodes) {
    std::map<std::string, ZoneState> newZoneStates;
    bool allAreFullyDisrupted = true;
    for (const auto& [zone, statuses] : zoneToReadyStatuses) {
        ZoneState state = computeZoneState(statuses, config_.unhealthyZoneThreshold).second;
        if (state != ZoneState::FullDisruption)
            allAreFullyDisrupted = false;
        newZoneStates[zone] = state;
        if (!zoneStates_.count(zone))
            zoneStates_[zone] = ZoneState::Initial;
    }

    bool allWasFullyDisrupted = true;
    for (auto it = zoneStates_.begin(); it != zoneStates_.end();) {
        if (!zoneToReadyStatuses.count(it->first)) {
            it = zoneStates_.erase(it);
            continue;
        }
        if (it->second != ZoneState::FullDisruption) {
            allWasFullyDisrupted = false;
            break;
        }
        ++it;
    }

    if (allAreFullyDisrupted && allWasFullyDisrupted)
        return;
    if (allAreFullyDisrupted) {
        // Entering master disruption mode: the problem is probably ours, not the nodes'.
        for (const ObjectPtr& n : nodes)
            markNodeAsReachable(*n);
        for (auto& [zone, state] : zoneStates_) {
            if (auto t = zoneNoExecuteTainter_.find(zone); t != zoneNoExecuteTainter_.end())
                t->second->swapLimiter(0, clock_.now());
            state = ZoneState::FullDisruption;
        }
        return;
    }
    if (allWasFullyDisrupted) {
        // Leaving it: every node gets a fresh grace period.
        const Time now = clock_.now();
        for (const ObjectPtr& n : nodes) {
            auto h = nodeHealth_.find(stringAt(*n, "metadata.name"));
            if (h == nodeHealth_.end())
                continue;
            h->second.probeTimestamp = now;
            h->second.readyTransitionTimestamp = now;
        }
        for (auto& [zone, state] : zoneStates_) {
            auto sizeIt = zoneToReadyStatuses.find(zone);
            const int size = sizeIt == zoneToReadyStatuses.end() ? 0 : static_cast<int>(sizeIt->second.size());
            setLimiterInZone(zone, size, newZoneStates[zone]);
            state = newZoneStates[zone];
        }
        return;
    }
    for (auto& [zone, state] : zoneStates_) {
        const ZoneState next = newZoneStates[zone];
        if (state == next)
            continue;
        auto sizeIt = zoneToReadyStatuses.find(zone);
        const int size = sizeIt == zoneToReadyStatuses.end() ? 0 : static_cast<int>(sizeIt->second.size());
        setLimiterInZone(zone, size, next);
        state = next;
    }
}

}  // namespace kp::nodelifecycle
