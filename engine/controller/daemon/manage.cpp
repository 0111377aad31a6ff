// manage: which nodes need a daemon pod and which pods must go, then the creates and deletes.
#include <algorithm>

#include "api/owner_refs.h"
#include "api/pod_util.h"
#include "controller/daemon/daemon_controller.h"
#include "controller/daemon/daemonset_util.h"

namespace kp::daemon {
namespace {

constexpr int kSlowStartInitialBatchSize = 1;  // controller.SlowStartInitialBatchSize

bool olderScheduledFirst(const ObjectPtr& a, const ObjectPtr& b) { return scheduledAndOlder(*a, *b); }

bool namespaceTerminating(const Status& s) {
    const std::string suffix = "because it is being terminated";
    const std::string& m = s.message();
    return m.size() >= suffix.size() && m.compare(m.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

// Upstream: daemon_controller.go#manage
bool DaemonSetsController::manage(Sync& s) {
    const NodeToPods nodeToPods = getNodesToDaemonPods(s.ds, false);
    std::vector<std::string> nodesNeedingPods, podsToDelete;
    std::set<std::string> existing;
    for (const ObjectPtr& node : s.nodes) {
        existing.insert(stringAt(*node, "metadata.name"));
        podsShouldBeOnNode(s, *node, nodeToPods, nodesNeedingPods, podsToDelete);
    }
    // Unscheduled pods aimed at a node that is gone: the pod GC never sees them (no nodeName).
    for (const auto& [node, pods] : nodeToPods) {
        if (existing.count(node))
            continue;
        for (const ObjectPtr& pod : pods)
            if (stringAt(*pod, "spec.nodeName").empty())
                podsToDelete.push_back(stringAt(*pod, "metadata.name"));
    }
    return syncNodes(s, podsToDelete, nodesNeedingPods);
}

// Upstream: daemon_controller.go#podsShouldBeOnNode
void DaemonSetsController::podsShouldBeOnNode(Sync& s, const Json& node, const NodeToPods& nodeToPods,
                                              std::vector<std::string>& nodesNeedingPods,
                                              std::vector<std::string>& podsToDelete) {
    const std::string nodeName = stringAt(node, "metadata.name");
    const auto [shouldRun, shouldContinueRunning] = nodeShouldRunDaemonPod(node, s.placement);
    auto it = nodeToPods.find(nodeName);
    const bool exists = it != nodeToPods.end();

    if (shouldRun && !exists) {
        nodesNeedingPods.push_back(nodeName);
        return;
    }
    if (!exists)
        return;
    const std::vector<ObjectPtr>& daemonPods = it->second;
    if (!shouldContinueRunning) {
        // Not wanted here any more: delete every pod of ours on the node.
        for (const ObjectPtr& pod : daemonPods)
            if (!pod::isTerminating(*pod))
                podsToDelete.push_back(stringAt(*pod, "metadata.name"));
        return;
    }

    // Failed pods are deleted (with back-off: the kubelet may keep rejecting them), succeeded
    // ones too; the rest are "running".
    const std::string dsNs = stringAt(s.ds, "metadata.namespace");
    std::vector<ObjectPtr> running;
    for (const ObjectPtr& pod : daemonPods) {
        if (pod::isTerminating(*pod))
            continue;
        const std::string phase = stringAt(*pod, "status.phase");
        const std::string podName = stringAt(*pod, "metadata.name");
        if (phase == "Failed") {
            const std::string backoffKey = stringAt(s.ds, "metadata.uid") + "/" +
                                           std::to_string(intAt(s.ds, "status.observedGeneration")) + "/" + nodeName;
            const Time now = clock_.now();
            if (failedPodsBackoff_.inBackoffSinceUpdate(backoffKey, now)) {
                s.requeueIn(failedPodsBackoff_.get(backoffKey));
                continue;
            }
            failedPodsBackoff_.next(backoffKey, now);
            recorder_.event(s.ds, "Warning", "FailedDaemonPod",
                            "Found failed daemon pod " + dsNs + "/" + podName + " on node " + nodeName +
                                ", will try to kill it");
            podsToDelete.push_back(podName);
        } else if (phase == "Succeeded") {
            recorder_.event(s.ds, "Normal", "SucceededDaemonPod",
                            "Found succeeded daemon pod " + dsNs + "/" + podName + " on node " + nodeName +
                                ", will try to delete it");
            podsToDelete.push_back(podName);
        } else {
            running.push_back(pod);
        }
    }

    std::sort(running.begin(), running.end(), olderScheduledFirst);
    if (surgeCount(s.ds, 1) <= 0) {
        // One pod per node: keep the oldest.
        for (size_t i = 1; i < running.size(); ++i)
            podsToDelete.push_back(stringAt(*running[i], "metadata.name"));
        return;
    }
    if (running.size() <= 1) {
        if (running.empty() && shouldRun)
            nodesNeedingPods.push_back(nodeName);
        return;
    }
    // Surging: keep the oldest new pod and the oldest old pod; the old one goes when it is not
    // ready or once the new one is available.
    const std::optional<int64_t> generation = templateGeneration(s.ds);
    ObjectPtr oldestNew, oldestOld;
    for (const ObjectPtr& pod : running) {
        ObjectPtr& slot = isPodUpdated(*pod, s.hash, generation) ? oldestNew : oldestOld;
        if (!slot) {
            slot = pod;
            continue;
        }
        podsToDelete.push_back(stringAt(*pod, "metadata.name"));
    }
    if (oldestNew && oldestOld) {
        if (!pod::isReady(*oldestOld) ||
            pod::isAvailable(*oldestNew, intAt(s.ds, "spec.minReadySeconds"), clock_.now()))
            podsToDelete.push_back(stringAt(*oldestOld, "metadata.name"));
    }
}

// Upstream: daemon_controller.go#syncNodes, controller_utils.go#RealPodControl (CreatePods,
// DeletePod). Creates go in slow-start batches (1, 2, 4, ...) that stop at the first failure.
bool DaemonSetsController::syncNodes(Sync& s, const std::vector<std::string>& podsToDelete,
                                     const std::vector<std::string>& nodesNeedingPods) {
    const Json& ds = s.ds;
    const std::string ns = stringAt(ds, "metadata.namespace");
    const int createDiff = std::min(static_cast<int>(nodesNeedingPods.size()), kBurstReplicas);
    const int deleteDiff = std::min(static_cast<int>(podsToDelete.size()), kBurstReplicas);
    int errors = 0;

    const Json* tmpl = findPath(ds, "spec.template");
    const Json podTemplate =
        createPodTemplate(tmpl ? *tmpl : Json::object(), templateGeneration(ds), s.hash);
    int batchSize = std::min(createDiff, kSlowStartInitialBatchSize);
    for (int pos = 0; pos < createDiff;) {
        const int errorsBefore = errors;
        for (int i = pos; i < pos + batchSize; ++i) {
            // GetPodFromTemplate: labels, annotations, finalizers and spec; generateName
            // "<ds>-"; the DaemonSet as controller.
            Json meta = {{"generateName", stringAt(ds, "metadata.name") + "-"}, {"namespace", ns}};
            for (const char* field : {"labels", "annotations", "finalizers"})
                if (const Json* v = findPath(podTemplate, std::string("metadata.") + field); v && !v->empty())
                    meta[field] = *v;
            meta["ownerReferences"] = Json::array({owner::newControllerRef(ds)});
            Json pod = {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", meta}, {"spec", podTemplate["spec"]}};
            replaceNodeNameNodeAffinity(pod["spec"], nodesNeedingPods[i]);
            if (!meta.contains("labels")) {
                ++errors;  // "unable to create pods, no labels"
                continue;
            }
            ApiResponse r = client_.create(pod);
            if (!r.ok()) {
                if (namespaceTerminating(r.status))
                    continue;
                recorder_.event(ds, "Warning", "FailedCreate", "Error creating: " + r.status.message());
                ++errors;
                continue;
            }
            ++s.writes;
            recorder_.event(ds, "Normal", "SuccessfulCreate", "Created pod: " + stringAt(r.object, "metadata.name"));
        }
        const int skipped = createDiff - (pos + batchSize);
        if (errors > errorsBefore && skipped > 0)
            break;  // the rest would likely fail the same way; retried on a later sync
        pos += batchSize;
        batchSize = std::min(2 * batchSize, createDiff - pos);
    }

    for (int i = 0; i < deleteDiff; ++i) {
        ApiResponse r = client_.remove(client_.resource("pods"), ns, podsToDelete[i]);
        if (!r.ok()) {
            if (r.status.isNotFound())
                continue;
            recorder_.event(ds, "Warning", "FailedDelete", "Error deleting: " + r.status.message());
            ++errors;
            continue;
        }
        ++s.writes;
        recorder_.event(ds, "Normal", "SuccessfulDelete", "Deleted pod: " + podsToDelete[i]);
    }
    return errors == 0;
}

}  // namespace kp::daemon
