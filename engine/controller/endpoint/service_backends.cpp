#include "controller/endpoint/service_backends.h"

#include "api/labels.h"
#include "api/pod_util.h"

namespace kp::controller::endpoint {

bool selects(const Json& service, const Json& pod) {
    const Json* selector = findPath(service, "spec.selector");
    if (!selector || !selector->is_object() || selector->empty())
        return false;  // no selector: endpoints are managed by someone else
    if (stringAt(service, "metadata.namespace") != stringAt(pod, "metadata.namespace"))
        return false;
    return labels::Selector::fromSet(labels::setFromJson(*selector)).matchesLabelsOf(pod);
}

std::set<std::string> servicesSelecting(const ObjectStore& store, const Json& pod) {
    std::set<std::string> keys;
    const std::string ns = stringAt(pod, "metadata.namespace");
    for (const ObjectPtr& svc : store.list("services", ns))
        if (selects(*svc, pod))
            keys.insert(ns + "/" + stringAt(*svc, "metadata.name"));
    return keys;
}

std::vector<ObjectPtr> backendPods(const ObjectStore& store, const Json& service, bool includeTerminating) {
    std::vector<ObjectPtr> out;
    for (const ObjectPtr& pod : store.list("pods", stringAt(service, "metadata.namespace"))) {
        if (!selects(service, *pod) || stringAt(*pod, "status.podIP").empty())
            continue;
        // A finished pod never serves again (restartPolicy Never/OnFailure pods end here).
        if (pod::isTerminal(*pod))
            continue;
        if (!includeTerminating && pod::isTerminating(*pod))
            continue;
        out.push_back(pod);
    }
    return out;
}

std::optional<int64_t> resolveTargetPort(const Json& servicePort, const Json& pod) {
    const Json target = servicePort.value("targetPort", Json());
    if (target.is_number_integer())
        return target.get<int64_t>();
    if (!target.is_string())
        return servicePort.value("port", int64_t{0});
    const std::string name = target.get<std::string>();
    const std::string protocol = servicePort.value("protocol", std::string("TCP"));
    for (const Json& c : pod.value("spec", Json::object()).value("containers", Json::array()))
        for (const Json& p : c.value("ports", Json::array()))
            if (p.value("name", std::string("")) == name && p.value("protocol", std::string("TCP")) == protocol)
                return p.value("containerPort", int64_t{0});
    return std::nullopt;
}

std::string lastChangeTriggerTime(const Json& service, const std::vector<ObjectPtr>& pods) {
    std::string latest = stringAt(service, "metadata.creationTimestamp");
    for (const ObjectPtr& pod : pods) {
        std::string t = stringAt(*pod, "metadata.creationTimestamp");
        if (const Json* ready = pod::condition(*pod, "Ready"))
            t = ready->value("lastTransitionTime", t);
        if (t > latest)  // RFC 3339 UTC strings of one width order like times
            latest = t;
    }
    return latest;
}

Json podReference(const Json& pod) {
    return Json{{"kind", "Pod"},
                {"name", stringAt(pod, "metadata.name")},
                {"namespace", stringAt(pod, "metadata.namespace")},
                {"uid", stringAt(pod, "metadata.uid")}};
}

bool isHeadless(const Json& service) { return stringAt(service, "spec.clusterIP") == "None"; }

std::set<std::string> PodServiceIndex::servicesToSync(const ObjectStore& store, const WatchEvent& podEvent) {
    const Json& pod = *podEvent.object;
    const std::string podKey = stringAt(pod, "metadata.namespace") + "/" + stringAt(pod, "metadata.name");
    std::set<std::string> now =
        podEvent.type == WatchEventType::Deleted ? std::set<std::string>{} : servicesSelecting(store, pod);
    std::set<std::string> all = now;
    if (auto it = podServices_.find(podKey); it != podServices_.end())
        all.insert(it->second.begin(), it->second.end());
    if (now.empty())
        podServices_.erase(podKey);
    else
        podServices_[podKey] = std::move(now);
    return all;
}

Json endpointLabels(const Json& service) {
    Json labels = service.value("metadata", Json::object()).value("labels", Json::object());
    if (isHeadless(service))
        labels["service.kubernetes.io/headless"] = "";
    return labels;
}

}  // namespace kp::controller::endpoint
