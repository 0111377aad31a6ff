// NamespaceController empties a namespace that is being deleted, then removes the `kubernetes`
// finalizer (PUT .../namespaces/<ns>/finalize) so the apiserver can drop it. While content
// remains it reports why in the namespace's conditions, as `kubectl describe ns` shows.
// Upstream: pkg/controller/namespace/deletion/namespaced_resources_deleter.go.
#pragma once
#include "client/client.h"
#include "controller/controller.h"

namespace kp::controller {

class NamespaceController final : public Controller {
public:
    explicit NamespaceController(ApiServer& server) : client_(server, "namespace-controller") {}

    std::string_view name() const override { return "namespace-controller"; }
    std::vector<std::string> watches() const override { return {}; }  // content of every kind
    void onEvent(const WatchEvent& event) override;
    ReconcileResult reconcile(const std::string& ns) override;

private:
    Client client_;
};

}  // namespace kp::controller
