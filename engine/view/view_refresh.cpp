// Rebuilding the view of a big cluster from scratch decodes every pod: about 20 µs each, so
// seconds at 150,000 pods, during which the page does not draw. Between two views a cluster
// usually changes a few pods (a rollout, a restart), and the event log names every object the
// API wrote: refresh() reads again only those. Everything small (machine, control plane,
// services, recent events) is rebuilt as snapshot() does.
#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "cluster/cluster.h"
#include "view/cluster_view.h"

namespace kp::view {
namespace {

using PodKey = std::pair<std::string, std::string>;  // namespace, name: the store's order

// Owners whose creation or removal changes pods' ownership chains without writing the pods.
bool isOwnerResource(const Symbol& resource) {
    for (const char* r : {"replicasets.apps", "deployments.apps", "statefulsets.apps", "daemonsets.apps", "jobs.batch",
                          "cronjobs.batch", "replicationcontrollers"})
        if (resource == r)
            return true;
    return false;
}

// What the API wrote after `since`, read from the log's end back to it.
struct Changes {
    bool complete = false;           // every revision after `since` is in the log, none needs a rebuild
    std::set<PodKey> pods;
    std::set<std::string> nodes;
    bool events = false;             // a Kubernetes Event was written
};

Changes changesSince(const Cluster& cluster, int64_t since) {
    Changes c;
    const int64_t now = cluster.store().resourceVersion();
    int64_t revisions = 0, last = 0;
    const EventLog::Records& records = cluster.eventLog().records();
    for (auto r = records.rbegin(); r != records.rend(); ++r) {
        if (!(r->type == "api-write"))
            continue;
        if (r->resourceVersion <= since)
            break;
        if (r->resourceVersion != last)
            ++revisions;
        last = r->resourceVersion;
        if (r->resource == "events") {
            c.events = true;
        } else if (r->resource == "pods") {
            c.pods.emplace(r->namespace_.str(), r->name.str());
        } else if (r->resource == "nodes") {
            if (!(r->verb == "update") && !(r->verb == "patch"))
                return c;  // a machine joined or left: the node list itself changed
            c.nodes.insert(r->name.str());
        } else if (isOwnerResource(r->resource) && !(r->verb == "update") && !(r->verb == "patch")) {
            return c;
        }
    }
    // A revision the log does not hold (a restored store, a write not logged): unknown changes.
    c.complete = revisions == now - since;
    return c;
}

}  // namespace

ClusterView refresh(const Cluster& cluster, ClusterView previous, bool* rebuilt) {
    if (rebuilt)
        *rebuilt = true;
    const ObjectStore& store = cluster.store();
    const int64_t since = previous.resourceVersion;
    if (since <= 0 || since > store.resourceVersion())
        return snapshot(cluster);
    const Changes changes = changesSince(cluster, since);
    // Past a quarter of the pods, one pass over all of them is cheaper than finding each.
    if (!changes.complete || changes.pods.size() * 4 > previous.podCount() + 16)
        return snapshot(cluster);

    ClusterView v = std::move(previous);
    if (rebuilt)
        *rebuilt = false;
    v.now = cluster.now();
    v.resourceVersion = store.resourceVersion();
    // CoreDNS and kube-proxy are counted from every kube-system pod (one kube-proxy per node):
    // keep the previous counts unless one of those pods was written or the machine changed.
    bool systemPodsWritten = false;
    for (const PodKey& key : changes.pods)
        systemPodsWritten = systemPodsWritten || key.first == "kube-system";
    const std::string machine = toString(cluster.machineState());
    if (systemPodsWritten || v.machine != machine || v.controlPlane.size() < kPodBackedFrom) {
        v.controlPlane = controlPlane(cluster);
    } else {
        std::vector<ComponentView> podBacked(v.controlPlane.begin() + kPodBackedFrom, v.controlPlane.end());
        v.controlPlane = controlPlane(cluster, &podBacked);
    }
    v.machine = machine;
    auto byName = [](const NodeView& n, const std::string& name) { return n.name < name; };
    for (const std::string& name : changes.nodes) {
        auto it = std::lower_bound(v.nodes.begin(), v.nodes.end(), name, byName);
        if (it == v.nodes.end() || it->name != name) {
            if (rebuilt)
                *rebuilt = true;
            return snapshot(cluster);
        }
        if (ObjectPtr node = store.get("nodes", "", name)) {
            std::vector<PodView> pods = std::move(it->pods);
            *it = nodeView(*node);
            it->pods = std::move(pods);
        }
    }
    // Out with every written pod, then in again where it is now (if it still exists).
    // Names first: a lookup without building a key for each of the cluster's pods.
    std::set<std::string, std::less<>> names;
    for (const PodKey& key : changes.pods)
        names.insert(key.second);
    auto written = [&](const PodView& p) {
        return names.count(p.name) > 0 && changes.pods.count(PodKey(p.namespace_, p.name)) > 0;
    };
    for (NodeView& n : v.nodes)
        n.pods.erase(std::remove_if(n.pods.begin(), n.pods.end(), written), n.pods.end());
    v.unscheduledPods.erase(std::remove_if(v.unscheduledPods.begin(), v.unscheduledPods.end(), written),
                            v.unscheduledPods.end());
    auto inOrder = [](const PodView& p, const PodKey& key) {
        return p.namespace_ != key.first ? p.namespace_ < key.first : p.name < key.second;
    };
    for (const PodKey& key : changes.pods) {
        ObjectPtr pod = store.get("pods", key.first, key.second);
        if (!pod)
            continue;
        PodView p = podView(cluster, *pod);
        std::vector<PodView>* bucket = &v.unscheduledPods;
        if (!p.node.empty())
            if (auto it = std::lower_bound(v.nodes.begin(), v.nodes.end(), p.node, byName);
                it != v.nodes.end() && it->name == p.node)
                bucket = &it->pods;
        bucket->insert(std::lower_bound(bucket->begin(), bucket->end(), key, inOrder), std::move(p));
    }
    v.services = services(cluster);
    if (changes.events)
        v.events = recentEvents(cluster, ClusterView::kMaxEvents);
    return v;
}

}  // namespace kp::view
