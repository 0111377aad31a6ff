// The kube-aggregator's availability check, run inside kube-apiserver: every APIService gets an
// Available condition. Local ones (served by the apiserver itself) are always available; one
// backed by a Service (metrics-server's v1beta1.metrics.k8s.io) is available once that Service
// exists and its Endpoints have a ready address on the Service's port.
// Concrete example: `minikube addons enable metrics-server` -> False (MissingEndpoints) until the
// metrics-server pod is ready, then True (Passed).
// Upstream: kube-aggregator pkg/controllers/status/local/local_available_controller.go and
// remote/remote_available_controller.go.
// SIMPLIFICATION: the remote check stops at the Endpoints; the discovery request upstream sends
// to the extension server (FailedDiscoveryCheck) is not made.
#pragma once
#include <string>
#include <vector>

#include "base/clock.h"
#include "client/client.h"
#include "controller/controller.h"

namespace kp::apiservice {

class AvailableConditionController final : public Controller {
public:
    AvailableConditionController(ApiServer& server, VirtualClock& clock)
        : client_(server, "kube-apiserver"), clock_(clock) {}

    std::string_view name() const override { return "APIServiceAvailableConditionController"; }
    std::vector<std::string> watches() const override { return {"apiservices.apiregistration.k8s.io", "services", "endpoints"}; }
    void onEvent(const WatchEvent& event) override;
    // Key: the APIService's name ("v1beta1.metrics.k8s.io").
    ReconcileResult reconcile(const std::string& key) override;

private:
    Client client_;
    VirtualClock& clock_;
};

}  // namespace kp::apiservice
