#include "visualizer/ingress_routes.h"

#include <algorithm>

namespace kp::web {
namespace {

IngressRoute routeTo(const Json& backend, std::string host, std::string path) {
    IngressRoute r{std::move(host), std::move(path), "", ""};
    const Json* service = findPath(backend, "service");
    if (!service || !service->is_object())
        return r;
    r.service = service->value("name", std::string(""));
    if (const Json* number = findPath(*service, "port.number"); number && number->is_number_integer())
        r.port = std::to_string(number->get<int64_t>());
    else
        r.port = stringAt(*service, "port.name");
    return r;
}

}  // namespace

std::vector<IngressView> ingressViews(const Cluster& cluster) {
    std::vector<IngressView> out;
    for (const ObjectPtr& ing : cluster.store().list("ingresses.networking.k8s.io")) {
        if (findPath(*ing, "metadata.deletionTimestamp"))
            continue;
        IngressView v;
        v.namespace_ = stringAt(*ing, "metadata.namespace");
        v.name = stringAt(*ing, "metadata.name");
        v.className = stringAt(*ing, "spec.ingressClassName");
        if (const Json* fallback = findPath(*ing, "spec.defaultBackend"); fallback && fallback->is_object())
            v.routes.push_back(routeTo(*fallback, "", ""));
        const Json* rules = findPath(*ing, "spec.rules");
        for (const Json& rule : rules && rules->is_array() ? *rules : Json::array()) {
            const std::string host = rule.value("host", std::string(""));
            const Json* paths = findPath(rule, "http.paths");
            for (const Json& p : paths && paths->is_array() ? *paths : Json::array())
                if (const Json* backend = findPath(p, "backend"); backend && backend->is_object())
                    v.routes.push_back(routeTo(*backend, host, p.value("path", std::string("/"))));
        }
        out.push_back(std::move(v));
    }
    std::sort(out.begin(), out.end(), [](const IngressView& a, const IngressView& b) {
        return a.namespace_ != b.namespace_ ? a.namespace_ < b.namespace_ : a.name < b.name;
    });
    return out;
}

}  // namespace kp::web
