#include "controller/endpoint/endpoints_controller.h"

#include <algorithm>

#include "api/pod_util.h"
#include "controller/endpoint/service_backends.h"

namespace kp::controller {
namespace {

struct Address {
    std::string ip;
    Json json;
    bool ready = false;
};

// Subsets grouped by identical port lists, addresses sorted by IP (RepackSubsets/SortSubsets).
Json buildSubsets(const Json& svc, const std::vector<ObjectPtr>& pods, bool publishNotReady) {
    std::map<std::string, std::pair<Json, std::vector<Address>>> byPorts;  // ports JSON text -> (ports, addresses)
    const Json svcPorts = svc.value("spec", Json::object()).value("ports", Json::array());
    for (const ObjectPtr& pod : pods) {
        Address a;
        a.ip = stringAt(*pod, "status.podIP");
        a.json = Json{{"ip", a.ip}};
        if (std::string host = stringAt(*pod, "spec.hostname");
            !host.empty() && stringAt(*pod, "spec.subdomain") == stringAt(svc, "metadata.name"))
            a.json["hostname"] = host;
        if (std::string node = stringAt(*pod, "spec.nodeName"); !node.empty())
            a.json["nodeName"] = node;
        a.json["targetRef"] = endpoint::podReference(*pod);
        a.ready = publishNotReady || pod::isReady(*pod);
        Json ports = Json::array();
        for (const Json& sp : svcPorts) {
            auto port = endpoint::resolveTargetPort(sp, *pod);
            if (!port)
                continue;
            Json p = Json::object();
            if (std::string n = sp.value("name", std::string("")); !n.empty())
                p["name"] = n;
            p["port"] = *port;
            p["protocol"] = sp.value("protocol", std::string("TCP"));
            if (sp.contains("appProtocol"))
                p["appProtocol"] = sp["appProtocol"];
            ports.push_back(p);
        }
        if (ports.empty() && !svcPorts.empty())
            continue;  // no port resolves on this pod
        std::sort(ports.begin(), ports.end(), [](const Json& x, const Json& y) {
            return x.value("name", std::string("")) < y.value("name", std::string(""));
        });
        auto& group = byPorts[ports.dump()];
        group.first = ports;
        group.second.push_back(std::move(a));
    }
    Json subsets = Json::array();
    for (auto& [key, group] : byPorts) {
        auto& addrs = group.second;
        std::sort(addrs.begin(), addrs.end(), [](const Address& x, const Address& y) { return x.ip < y.ip; });
        Json subset = Json::object();
        Json ready = Json::array(), notReady = Json::array();
        for (const Address& a : addrs)
            (a.ready ? ready : notReady).push_back(a.json);
        if (!ready.empty())
            subset["addresses"] = ready;
        if (!notReady.empty())
            subset["notReadyAddresses"] = notReady;
        if (!group.first.empty())
            subset["ports"] = group.first;
        subsets.push_back(subset);
    }
    return subsets;
}

}  // namespace

void EndpointsController::onEvent(const WatchEvent& event) {
    const Json& obj = *event.object;
    const std::string ns = stringAt(obj, "metadata.namespace");
    if (event.resource == "services" || event.resource == "endpoints") {
        queue().add(ns + "/" + stringAt(obj, "metadata.name"));
        return;
    }
    for (const std::string& k : podServices_.servicesToSync(client_.server().store(), event))
        queue().add(k);
}

ReconcileResult EndpointsController::reconcile(const std::string& key) {
    const size_t slash = key.find('/');
    const std::string ns = key.substr(0, slash), name = key.substr(slash + 1);
    ObjectStore& store = client_.server().store();
    const ResourceInfo& endpoints = client_.resource("endpoints");
    ObjectPtr svc = store.get("services", ns, name);
    ObjectPtr current = store.get("endpoints", ns, name);
    const Json* selector = svc ? findPath(*svc, "spec.selector") : nullptr;
    if (!svc || !selector || !selector->is_object() || selector->empty()) {
        // The Service is gone (or has no selector: someone else owns its Endpoints).
        if (!svc && current) {
            ApiResponse r = client_.remove(endpoints, ns, name);
            if (!r.ok() && !r.status.isNotFound())
                return ReconcileResult::requeue();
        }
        return ReconcileResult::done();
    }
    // ExternalName Services get no endpoints from this controller (upstream issue 105986).
    if (stringAt(*svc, "spec.type") == "ExternalName")
        return ReconcileResult::done();
    const bool publishNotReady = svc->value("spec", Json::object()).value("publishNotReadyAddresses", false);
    std::vector<ObjectPtr> pods = endpoint::backendPods(store, *svc, publishNotReady);
    Json subsets = buildSubsets(*svc, pods, publishNotReady);
    Json labels = endpoint::endpointLabels(*svc);
    if (current && current->value("subsets", Json::array()) == subsets &&
        current->value("metadata", Json::object()).value("labels", Json::object()) == labels)
        return ReconcileResult::done();
    Json ep = current ? *current : Json{{"apiVersion", "v1"}, {"kind", "Endpoints"}, {"metadata", {{"name", name}, {"namespace", ns}}}};
    ep["metadata"]["labels"] = labels;
    ep["metadata"]["annotations"]["endpoints.kubernetes.io/last-change-trigger-time"] =
        endpoint::lastChangeTriggerTime(*svc, pods);
    if (subsets.empty())
        ep.erase("subsets");
    else
        ep["subsets"] = subsets;
    ApiResponse r = current ? client_.update(ep) : client_.create(ep);
    if (!r.ok() && !r.status.isConflict() && !r.status.isAlreadyExists())
        return ReconcileResult::requeue();
    return r.ok() ? ReconcileResult::done() : ReconcileResult::requeue();
}

}  // namespace kp::controller
