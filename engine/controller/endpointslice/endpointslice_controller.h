// EndpointSliceController keeps the EndpointSlices of every Service with a selector: pods grouped
// by the ports they resolve to, at most 100 endpoints a slice, each endpoint with its
// ready/serving/terminating conditions (terminating pods stay, not ready). A Service without
// backends keeps one placeholder slice. Slices are named <service>-<5 chars>.
// Upstream: pkg/controller/endpointslice (reconciler.go, utils.go podToEndpoint),
// staging/src/k8s.io/endpointslice.
#pragma once
#include <map>
#include <set>
#include <string>

#include "client/client.h"
#include "controller/controller.h"
#include "controller/endpoint/service_backends.h"

namespace kp::controller {

class EndpointSliceController final : public Controller {
public:
    explicit EndpointSliceController(ApiServer& server) : client_(server, "endpointslice-controller") {}

    std::string_view name() const override { return "endpointslice-controller"; }
    std::vector<std::string> watches() const override {
        return {"services", "pods", "endpointslices.discovery.k8s.io", "nodes"};
    }
    void onEvent(const WatchEvent& event) override;
    ReconcileResult reconcile(const std::string& key) override;

    static constexpr const char* kManagedBy = "endpointslice-controller.k8s.io";
    static constexpr size_t kMaxEndpointsPerSlice = 100;

private:
    Client client_;
    endpoint::PodServiceIndex podServices_;
};

}  // namespace kp::controller
