#include "controller/endpointslice/endpointslice_controller.h"

#include <algorithm>

#include "api/owner_refs.h"
#include "api/pod_util.h"
#include "controller/endpoint/service_backends.h"

namespace kp::controller {
namespace {

struct Group {
    Json ports = Json::array();
    std::vector<Json> endpoints;
};

Json podToEndpoint(const ObjectStore& store, const Json& svc, const Json& pod) {
    const bool publishNotReady = svc.value("spec", Json::object()).value("publishNotReadyAddresses", false);
    const bool terminating = pod::isTerminating(pod);
    const bool serving = publishNotReady || pod::isReady(pod);
    Json ep = Json::object();
    ep["addresses"] = Json::array({stringAt(pod, "status.podIP")});
    ep["conditions"] = Json{{"ready", serving && !terminating}, {"serving", serving}, {"terminating", terminating}};
    if (std::string host = stringAt(pod, "spec.hostname");
        !host.empty() && stringAt(pod, "spec.subdomain") == stringAt(svc, "metadata.name"))
        ep["hostname"] = host;
    if (std::string node = stringAt(pod, "spec.nodeName"); !node.empty()) {
        ep["nodeName"] = node;
        if (ObjectPtr n = store.get("nodes", "", node))
            if (std::string zone = n->value("metadata", Json::object()).value("labels", Json::object())
                                       .value("topology.kubernetes.io/zone", std::string(""));
                !zone.empty())
                ep["zone"] = zone;
    }
    ep["targetRef"] = endpoint::podReference(pod);
    return ep;
}

std::vector<Group> desiredGroups(const ObjectStore& store, const Json& svc) {
    std::map<std::string, Group> byPorts;
    const Json svcPorts = svc.value("spec", Json::object()).value("ports", Json::array());
    for (const ObjectPtr& pod : endpoint::backendPods(store, svc, true)) {
        Json ports = Json::array();
        for (const Json& sp : svcPorts) {
            auto port = endpoint::resolveTargetPort(sp, *pod);
            if (!port)
                continue;
            Json p = {{"name", sp.value("name", std::string(""))}, {"port", *port},
                      {"protocol", sp.value("protocol", std::string("TCP"))}};
            if (sp.contains("appProtocol"))
                p["appProtocol"] = sp["appProtocol"];
            ports.push_back(p);
        }
        if (ports.empty() && !svcPorts.empty())
            continue;
        Group& g = byPorts[ports.dump()];
        g.ports = ports;
        g.endpoints.push_back(podToEndpoint(store, svc, *pod));
    }
    std::vector<Group> out;
    for (auto& [key, g] : byPorts) {
        std::sort(g.endpoints.begin(), g.endpoints.end(), [](const Json& a, const Json& b) {
            return a["addresses"][0].get<std::string>() < b["addresses"][0].get<std::string>();
        });
        // Split into slices of at most kMaxEndpointsPerSlice endpoints.
        for (size_t i = 0; i < g.endpoints.size(); i += EndpointSliceController::kMaxEndpointsPerSlice) {
            Group part;
            part.ports = g.ports;
            part.endpoints.assign(g.endpoints.begin() + static_cast<long>(i),
                                  g.endpoints.begin() + static_cast<long>(std::min(g.endpoints.size(), i + EndpointSliceController::kMaxEndpointsPerSlice)));
            out.push_back(std::move(part));
        }
    }
    return out;
}

}  // namespace

void EndpointSliceController::onEvent(const WatchEvent& event) {
    const Json& obj = *event.object;
    const std::string ns = stringAt(obj, "metadata.namespace");
    if (event.resource == "services") {
        queue().add(ns + "/" + stringAt(obj, "metadata.name"));
        return;
    }
    if (event.resource == "endpointslices.discovery.k8s.io") {
        const Json labels = obj.value("metadata", Json::object()).value("labels", Json::object());
        if (labels.value("endpointslice.kubernetes.io/managed-by", std::string("")) == kManagedBy)
            queue().add(ns + "/" + labels.value("kubernetes.io/service-name", std::string("")));
        return;
    }
    if (event.resource == "nodes")
        return;  // SIMPLIFICATION: zone changes of a node are picked up on the next pod change
    for (const std::string& k : podServices_.servicesToSync(client_.server().store(), event))
        queue().add(k);
}

ReconcileResult EndpointSliceController::reconcile(const std::string& key) {
    const size_t slash = key.find('/');
    const std::string ns = key.substr(0, slash), name = key.substr(slash + 1);
    ObjectStore& store = client_.server().store();
    const ResourceInfo& slices = client_.resource("endpointslices.discovery.k8s.io");
    ObjectPtr svc = store.get("services", ns, name);
    std::vector<ObjectPtr> existing;
    for (const ObjectPtr& s : store.list("endpointslices.discovery.k8s.io", ns)) {
        const Json labels = s->value("metadata", Json::object()).value("labels", Json::object());
        if (labels.value("kubernetes.io/service-name", std::string("")) == name &&
            labels.value("endpointslice.kubernetes.io/managed-by", std::string("")) == kManagedBy)
            existing.push_back(s);
    }
    const Json* selector = svc ? findPath(*svc, "spec.selector") : nullptr;
    if (!svc || !selector || !selector->is_object() || selector->empty()) {
        // Slices of a deleted Service go with it (ownerReferences, garbage collector).
        return ReconcileResult::done();
    }
    // ExternalName Services get no endpoints from this controller (upstream issue 105986).
    if (stringAt(*svc, "spec.type") == "ExternalName")
        return ReconcileResult::done();
    std::vector<Group> groups = desiredGroups(store, *svc);
    if (groups.empty())
        groups.push_back(Group{Json(), {}});  // the placeholder: no ports, no endpoints

    Json labels = endpoint::endpointLabels(*svc);
    labels["endpointslice.kubernetes.io/managed-by"] = kManagedBy;
    labels["kubernetes.io/service-name"] = name;
    const std::string trigger = endpoint::lastChangeTriggerTime(*svc, endpoint::backendPods(store, *svc, true));
    bool failed = false;
    auto fill = [&](Json& slice, const Group& g) {
        slice["addressType"] = "IPv4";
        slice["endpoints"] = g.endpoints.empty() ? Json() : Json(g.endpoints);
        if (g.ports.is_null())
            slice.erase("ports");
        else
            slice["ports"] = g.ports;
        slice["metadata"]["labels"] = labels;
        slice["metadata"]["annotations"]["endpoints.kubernetes.io/last-change-trigger-time"] = trigger;
    };
    // Reuse existing slices in order (first those whose ports already match).
    std::vector<bool> used(existing.size(), false);
    for (const Group& g : groups) {
        int pick = -1;
        for (size_t i = 0; i < existing.size() && pick < 0; ++i)
            if (!used[i] && existing[i]->value("ports", Json()) == g.ports)
                pick = static_cast<int>(i);
        for (size_t i = 0; i < existing.size() && pick < 0; ++i)
            if (!used[i])
                pick = static_cast<int>(i);
        if (pick >= 0) {
            used[static_cast<size_t>(pick)] = true;
            Json slice = *existing[static_cast<size_t>(pick)];
            Json before = slice;
            fill(slice, g);
            // Only endpoints/ports/labels count as a change; the trigger time follows them.
            Json a = before, b = slice;
            a["metadata"].erase("annotations");
            b["metadata"].erase("annotations");
            if (a == b)
                continue;
            failed = !client_.update(slice).ok() || failed;
            continue;
        }
        Json slice = {{"apiVersion", "discovery.k8s.io/v1"},
                      {"kind", "EndpointSlice"},
                      {"metadata",
                       {{"generateName", name + "-"},
                        {"namespace", ns},
                        {"ownerReferences", Json::array({owner::newControllerRef(*svc)})}}}};
        fill(slice, g);
        failed = !client_.create(slice).ok() || failed;
    }
    for (size_t i = 0; i < existing.size(); ++i)
        if (!used[i]) {
            ApiResponse r = client_.remove(slices, ns, stringAt(*existing[i], "metadata.name"));
            failed = (!r.ok() && !r.status.isNotFound()) || failed;
        }
    return failed ? ReconcileResult::requeue() : ReconcileResult::done();
}

}  // namespace kp::controller
