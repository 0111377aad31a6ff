// EndpointsController keeps one Endpoints object per Service with a selector: the ready pods'
// addresses, the not-ready ones apart, and the ports each pod really listens on (named
// targetPorts resolved per pod). Terminating pods leave at once.
// Upstream: pkg/controller/endpoint/endpoints_controller.go (syncService), pkg/api/v1/endpoints
// (RepackSubsets).
#pragma once
#include <map>
#include <set>
#include <string>

#include "client/client.h"
#include "controller/controller.h"
#include "controller/endpoint/service_backends.h"

namespace kp::controller {

class EndpointsController final : public Controller {
public:
    explicit EndpointsController(ApiServer& server) : client_(server, "endpoint-controller") {}

    std::string_view name() const override { return "endpoints-controller"; }
    std::vector<std::string> watches() const override { return {"services", "pods", "endpoints"}; }
    void onEvent(const WatchEvent& event) override;
    ReconcileResult reconcile(const std::string& key) override;

private:
    Client client_;
    endpoint::PodServiceIndex podServices_;
};

}  // namespace kp::controller
