#include "controller/apiservice/available_condition_controller.h"

#include "base/time.h"

namespace kp::apiservice {
namespace {

struct Availability {
    std::string status, reason, message;
};

bool hasReadyAddressOnPort(const Json& endpoints, const std::string& portName) {
    const Json* subsets = findPath(endpoints, "subsets");
    if (!subsets || !subsets->is_array())
        return false;
    for (const Json& subset : *subsets) {
        const Json* addresses = findPath(subset, "addresses");
        if (!addresses || !addresses->is_array() || addresses->empty())
            continue;
        if (const Json* ports = findPath(subset, "ports"); ports && ports->is_array())
            for (const Json& p : *ports)
                if (stringAt(p, "name") == portName)
                    return true;
    }
    return false;
}

Availability check(const ObjectStore& store, const Json& apiService) {
    const Json* ref = findPath(apiService, "spec.service");
    if (!ref || !ref->is_object())
        return {"True", "Local", "Local APIServices are always available"};
    const std::string ns = stringAt(*ref, "namespace"), name = stringAt(*ref, "name");
    const int64_t port = intAt(*ref, "port", 443);
    ObjectPtr service = store.get("services", ns, name);
    if (!service)
        return {"False", "ServiceNotFound", "service/" + name + " in \"" + ns + "\" is not present"};
    // The Endpoints port carries the name of the Service port the APIService points at.
    std::string portName;
    if (const Json* ports = findPath(*service, "spec.ports"); ports && ports->is_array())
        for (const Json& p : *ports)
            if (intAt(p, "port") == port)
                portName = stringAt(p, "name");
    ObjectPtr endpoints = store.get("endpoints", ns, name);
    if (!endpoints || !hasReadyAddressOnPort(*endpoints, portName))
        return {"False", "MissingEndpoints",
                "endpoints for service/" + name + " in \"" + ns + "\" have no addresses with port name \"" + portName + "\""};
    return {"True", "Passed", "all checks passed"};
}

}  // namespace

void AvailableConditionController::onEvent(const WatchEvent& event) {
    const Json& obj = *event.object;
    if (event.resource == "apiservices.apiregistration.k8s.io") {
        queue().add(stringAt(obj, "metadata.name"));
        return;
    }
    // A Service or its Endpoints changed: every APIService behind it is checked again.
    const std::string ns = stringAt(obj, "metadata.namespace"), name = stringAt(obj, "metadata.name");
    for (const ObjectPtr& a : client_.server().store().list("apiservices.apiregistration.k8s.io"))
        if (stringAt(*a, "spec.service.namespace") == ns && stringAt(*a, "spec.service.name") == name)
            queue().add(stringAt(*a, "metadata.name"));
}

ReconcileResult AvailableConditionController::reconcile(const std::string& key) {
    ObjectPtr current = client_.server().store().get("apiservices.apiregistration.k8s.io", "", key);
    if (!current)
        return ReconcileResult::done();
    const Availability a = check(client_.server().store(), *current);
    Json updated = *current;
    Json& conditions = updated["status"]["conditions"];
    if (!conditions.is_array())
        conditions = Json::array();
    Json* available = nullptr;
    for (Json& c : conditions)
        if (stringAt(c, "type") == "Available")
            available = &c;
    if (!available) {
        conditions.push_back(Json{{"type", "Available"}});
        available = &conditions.back();
    }
    if (stringAt(*available, "status") != a.status)
        (*available)["lastTransitionTime"] = formatRFC3339(clock_.now());
    (*available)["status"] = a.status;
    (*available)["reason"] = a.reason;
    (*available)["message"] = a.message;
    if (updated == *current)
        return ReconcileResult::done();
    ApiResponse r = client_.updateStatus(updated);
    return r.ok() || r.status.isNotFound() ? ReconcileResult::done() : ReconcileResult::requeue();
}

}  // namespace kp::apiservice
