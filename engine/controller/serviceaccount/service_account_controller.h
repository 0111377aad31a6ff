// ServiceAccountsController makes sure every active namespace has the `default`
// ServiceAccount, and the root-ca-cert-publisher gives every namespace the kube-root-ca.crt
// ConfigMap that pods' kube-api-access volumes project. Both are why a fresh namespace can run
// pods within moments of being created.
// Upstream: pkg/controller/serviceaccount/serviceaccounts_controller.go,
// pkg/controller/certificates/rootcacertpublisher/publisher.go.
#pragma once
#include "client/client.h"
#include "controller/controller.h"

namespace kp::controller {

class ServiceAccountController final : public Controller {
public:
    explicit ServiceAccountController(ApiServer& server) : client_(server, "service-account-controller"),
                                                          publisher_(server, "root-ca-cert-publisher") {}

    std::string_view name() const override { return "serviceaccount-controller"; }
    std::vector<std::string> watches() const override { return {"namespaces", "serviceaccounts", "configmaps"}; }
    void onEvent(const WatchEvent& event) override;
    ReconcileResult reconcile(const std::string& ns) override;

    // The cluster CA bundle published in every namespace.
    static std::string caBundle();

private:
    Client client_;
    Client publisher_;
};

}  // namespace kp::controller
