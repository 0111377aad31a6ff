// The DaemonSet's update machinery: the rolling update step and its ControllerRevisions.
//
// [SECTION] rolling update   which old pods to delete (maxUnavailable) or new ones to add (maxSurge)
// [SECTION] history          ControllerRevision per template version, claimed, deduplicated, pruned
#include <algorithm>

#include "api/labels.h"
#include "api/owner_refs.h"
#include "api/pod_util.h"
#include "controller/controller_ref_manager.h"
#include "controller/daemon/daemon_controller.h"
#include "controller/daemon/daemonset_util.h"

namespace kp::daemon {
namespace {

// findUpdatedPodsOnNode: at most one new and one old pod among the node's live pods; false when
// there are more (the manage step prunes them first).
bool findUpdatedPodsOnNode(const std::vector<ObjectPtr>& pods, const std::string& hash,
                           std::optional<int64_t> generation, ObjectPtr& newPod, ObjectPtr& oldPod) {
    newPod = nullptr;
    oldPod = nullptr;
    for (const ObjectPtr& pod : pods) {
        if (pod::isTerminating(*pod))
            continue;
        ObjectPtr& slot = isPodUpdated(*pod, hash, generation) ? newPod : oldPod;
        if (slot) {
            newPod = oldPod = nullptr;
            return false;
        }
        slot = pod;
    }
    return true;
}

// getPatch: the template as a strategic merge patch that replaces spec.template wholesale.
Json getPatch(const Json& ds) {
    const Json* tmpl = findPath(ds, "spec.template");
    Json t = tmpl ? *tmpl : Json::object();
    t["$patch"] = "replace";
    return Json{{"spec", {{"template", t}}}};
}

bool match(const Json& ds, const Json& history) { return history.value("data", Json()) == getPatch(ds); }

std::string hashLabel(const Json& obj) {
    const Json* labels = findPath(obj, "metadata.labels");
    if (!labels || !labels->is_object())
        return "";
    auto it = labels->find(kControllerRevisionHashLabel);
    return it != labels->end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

// [SECTION] rolling update

// Upstream: update.go#rollingUpdate, updatedDesiredNodeCounts
// Without surge (the default, maxUnavailable 1): old pods that are already unavailable may all
// go; available ones only while fewer than maxUnavailable pods are unavailable. Example with 3
// nodes all running old ready pods: the first old pod (by node name) is deleted; its node counts
// as unavailable until the new pod there is available, then the next one goes.
bool DaemonSetsController::rollingUpdate(Sync& s) {
    const Json& ds = s.ds;
    NodeToPods nodeToPods = getNodesToDaemonPods(ds, false);
    int desired = 0;
    for (const ObjectPtr& node : s.nodes) {
        if (!nodeShouldRunDaemonPod(*node, s.placement).first)
            continue;
        ++desired;
        nodeToPods[stringAt(*node, "metadata.name")];  // a wanted node without a pod counts too
    }
    int maxUnavailable = unavailableCount(ds, desired);
    const int maxSurge = surgeCount(ds, desired);
    if (desired > 0 && maxUnavailable == 0 && maxSurge == 0)
        maxUnavailable = 1;  // an impossible configuration falls back to one at a time

    const Time now = clock_.now();
    const int64_t minReady = intAt(ds, "spec.minReadySeconds");
    const std::optional<int64_t> generation = templateGeneration(ds);
    auto available = [&](const ObjectPtr& p) { return pod::isAvailable(*p, minReady, now); };

    if (maxSurge == 0) {
        int numUnavailable = 0;
        std::vector<std::string> allowedReplacements, candidates;
        for (const auto& [nodeName, pods] : nodeToPods) {
            ObjectPtr newPod, oldPod;
            if (!findUpdatedPodsOnNode(pods, s.hash, generation, newPod, oldPod)) {
                ++numUnavailable;  // excess pods: manage cleans up first
                continue;
            }
            if ((!oldPod && !newPod) || (oldPod && newPod)) {
                ++numUnavailable;  // manage creates or deletes here
            } else if (newPod) {
                if (!available(newPod))
                    ++numUnavailable;
            } else if (!available(oldPod)) {
                allowedReplacements.push_back(stringAt(*oldPod, "metadata.name"));
                ++numUnavailable;
            } else if (numUnavailable < maxUnavailable) {
                candidates.push_back(stringAt(*oldPod, "metadata.name"));
            }
        }
        const int remaining = std::clamp(maxUnavailable - numUnavailable, 0, static_cast<int>(candidates.size()));
        std::vector<std::string> toDelete = allowedReplacements;
        toDelete.insert(toDelete.end(), candidates.begin(), candidates.begin() + remaining);
        return syncNodes(s, toDelete, {});
    }

    // With surge: a new pod is created next to the old one, which goes once the new one is
    // available.
    std::vector<std::string> oldPodsToDelete, shouldNotRunPodsToDelete, candidateNewNodes, allowedNewNodes;
    int numSurge = 0, numAvailable = 0;
    const ObjectStore& store = client_.server().store();
    for (const auto& [nodeName, pods] : nodeToPods) {
        ObjectPtr newPod, oldPod;
        if (!findUpdatedPodsOnNode(pods, s.hash, generation, newPod, oldPod)) {
            ++numSurge;
            continue;
        }
        if (oldPod ? available(oldPod) : (newPod && available(newPod)))
            ++numAvailable;
        if (!oldPod)
            continue;  // manage handles it
        if (!newPod) {
            ObjectPtr node = store.get("nodes", "", nodeName);
            if (!node)
                return false;
            const bool shouldRun = nodeShouldRunDaemonPod(*node, s.placement).first;
            if (!available(oldPod)) {
                if (!shouldRun)
                    oldPodsToDelete.push_back(stringAt(*oldPod, "metadata.name"));
                else
                    allowedNewNodes.push_back(nodeName);
                continue;
            }
            if (!shouldRun) {
                shouldNotRunPodsToDelete.push_back(stringAt(*oldPod, "metadata.name"));
                continue;
            }
            if (numSurge >= maxSurge)
                continue;
            candidateNewNodes.push_back(nodeName);
            continue;
        }
        if (!available(newPod)) {
            ++numSurge;  // waiting for the new pod
            continue;
        }
        oldPodsToDelete.push_back(stringAt(*oldPod, "metadata.name"));
    }
    // Pods on nodes that no longer fit go only while enough others are available.
    if (int deletable = numAvailable - desired; deletable > 0) {
        deletable = std::min(deletable, static_cast<int>(shouldNotRunPodsToDelete.size()));
        for (int i = 0; i < deletable; ++i)
            oldPodsToDelete.push_back(shouldNotRunPodsToDelete[i]);
    }
    const int remainingSurge = std::clamp(maxSurge - numSurge, 0, static_cast<int>(candidateNewNodes.size()));
    std::vector<std::string> newNodes = allowedNewNodes;
    newNodes.insert(newNodes.end(), candidateNewNodes.begin(), candidateNewNodes.begin() + remainingSurge);
    return syncNodes(s, oldPodsToDelete, newNodes);
}

// [SECTION] history

// Upstream: update.go#controlledHistories (ClaimControllerRevisions)
std::vector<Json> DaemonSetsController::controlledHistories(const Json& ds) {
    std::vector<Json> out;
    std::string error;
    const Json* selJson = findPath(ds, "spec.selector");
    std::optional<labels::Selector> sel = labels::labelSelectorAsSelector(selJson ? *selJson : Json(nullptr), &error);
    if (!sel)
        return out;
    const std::vector<ObjectPtr> revisions =
        client_.server().store().list("controllerrevisions.apps", stringAt(ds, "metadata.namespace"));
    for (const ObjectPtr& h : controller::claimObjects(client_, ds, *sel, "controllerrevisions.apps", revisions).claimed)
        out.push_back(*h);
    return out;
}

// Upstream: update.go#constructHistory
bool DaemonSetsController::constructHistory(const Json& ds, Json& cur, std::vector<Json>& old) {
    std::vector<Json> current;
    old.clear();
    for (Json h : controlledHistories(ds)) {
        if (hashLabel(h).empty()) {
            // Older revisions without the label get their name as hash.
            h["metadata"]["labels"][kControllerRevisionHashLabel] = stringAt(h, "metadata.name");
            ApiResponse r = client_.update(h);
            if (!r.ok())
                return false;
            h = r.object;
        }
        (match(ds, h) ? current : old).push_back(h);
    }
    int64_t maxRevision = 0;
    for (const Json& h : old)
        maxRevision = std::max(maxRevision, intAt(h, "revision"));
    const int64_t currRevision = maxRevision + 1;
    if (current.empty())
        return snapshot(ds, currRevision, cur);
    if (!dedupCurHistories(ds, current, cur))
        return false;
    if (intAt(cur, "revision") < currRevision) {
        // A rollback to an older template: it becomes the newest revision.
        Json toUpdate = cur;
        toUpdate["revision"] = currRevision;
        if (!client_.update(toUpdate).ok())
            return false;
    }
    return true;
}

// Upstream: update.go#snapshot
bool DaemonSetsController::snapshot(const Json& ds, int64_t revision, Json& out) {
    const Json* tmpl = findPath(ds, "spec.template");
    std::optional<int64_t> collisionCount;
    if (const Json* c = findPath(ds, "status.collisionCount"); c && c->is_number_integer())
        collisionCount = c->get<int64_t>();
    const std::string hash = computeHash(tmpl ? *tmpl : Json::object(), collisionCount);
    const std::string name = stringAt(ds, "metadata.name") + "-" + hash;
    const std::string ns = stringAt(ds, "metadata.namespace");
    Json labels = Json::object();
    if (const Json* l = findPath(ds, "spec.template.metadata.labels"); l && l->is_object())
        labels = *l;
    labels[kControllerRevisionHashLabel] = hash;
    Json meta = {{"name", name},
                 {"namespace", ns},
                 {"labels", labels},
                 {"ownerReferences", Json::array({owner::newControllerRef(ds)})}};
    if (const Json* a = findPath(ds, "metadata.annotations"); a && a->is_object() && !a->empty())
        meta["annotations"] = *a;
    Json history = {{"apiVersion", "apps/v1"},
                    {"kind", "ControllerRevision"},
                    {"metadata", meta},
                    {"data", getPatch(ds)},
                    {"revision", revision}};
    ApiResponse r = client_.create(history);
    if (r.ok()) {
        out = r.object;
        return true;
    }
    if (!r.status.isAlreadyExists())
        return false;
    ObjectPtr existing = client_.server().store().get("controllerrevisions.apps", ns, name);
    if (!existing)
        return false;
    if (match(ds, *existing)) {
        out = *existing;
        return true;
    }
    // A different template hashed to the same name: bump collisionCount and retry next sync.
    ObjectPtr fresh = client_.server().store().get("daemonsets.apps", ns, stringAt(ds, "metadata.name"));
    if (!fresh)
        return false;
    const Json* freshCount = findPath(*fresh, "status.collisionCount");
    const Json* usedCount = findPath(ds, "status.collisionCount");
    if ((freshCount == nullptr) != (usedCount == nullptr) || (freshCount && *freshCount != *usedCount))
        return false;  // stale collision count: just retry
    Json bumped = *fresh;
    bumped["status"]["collisionCount"] = intAt(*fresh, "status.collisionCount") + 1;
    client_.updateStatus(bumped);
    return false;
}

// Upstream: update.go#dedupCurHistories
bool DaemonSetsController::dedupCurHistories(const Json& ds, std::vector<Json>& current, Json& keep) {
    if (current.size() == 1) {
        keep = current.front();
        return true;
    }
    int64_t maxRevision = 0;
    for (const Json& h : current)
        if (intAt(h, "revision") >= maxRevision) {
            keep = h;
            maxRevision = intAt(h, "revision");
        }
    const std::string keepHash = hashLabel(keep);
    for (const Json& h : current) {
        if (stringAt(h, "metadata.name") == stringAt(keep, "metadata.name"))
            continue;
        for (const ObjectPtr& pod : getDaemonPods(ds)) {
            if (hashLabel(*pod) == keepHash)
                continue;
            Json relabelled = *pod;
            relabelled["metadata"]["labels"][kControllerRevisionHashLabel] = keepHash;
            if (!client_.update(relabelled).ok())
                return false;
        }
        ApiResponse r = client_.remove(client_.resource("controllerrevisions.apps"), stringAt(h, "metadata.namespace"),
                                       stringAt(h, "metadata.name"));
        if (!r.ok() && !r.status.isNotFound())
            return false;
    }
    return true;
}

// Upstream: update.go#cleanupHistory
// Keeps revisionHistoryLimit (10) old revisions plus any a live pod still uses; the oldest go first.
bool DaemonSetsController::cleanupHistory(const Json& ds, std::vector<Json> old) {
    const int64_t toKeep = intAt(ds, "spec.revisionHistoryLimit", 10);
    int64_t toKill = static_cast<int64_t>(old.size()) - toKeep;
    if (toKill <= 0)
        return true;
    std::set<std::string> liveHashes;
    for (const auto& [node, pods] : getNodesToDaemonPods(ds, true))
        for (const ObjectPtr& pod : pods)
            if (std::string h = hashLabel(*pod); !h.empty())
                liveHashes.insert(h);
    std::stable_sort(old.begin(), old.end(),
                     [](const Json& a, const Json& b) { return intAt(a, "revision") < intAt(b, "revision"); });
    for (const Json& h : old) {
        if (toKill <= 0)
            break;
        if (liveHashes.count(hashLabel(h)))
            continue;
        ApiResponse r = client_.remove(client_.resource("controllerrevisions.apps"), stringAt(h, "metadata.namespace"),
                                       stringAt(h, "metadata.name"));
        if (!r.ok() && !r.status.isNotFound())
            return false;
        --toKill;
    }
    return true;
}

}  // namespace kp::daemon
