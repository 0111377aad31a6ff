#include "controller/serviceaccount/service_account_controller.h"

namespace kp::controller {

std::string ServiceAccountController::caBundle() {
    // SIMPLIFICATION: a fixed, well-formed but fake PEM block: nothing in the simulation verifies TLS.
    return "-----BEGIN CERTIFICATE-----\n"
           "MIIDBjCCAe6gAwIBAgIBATANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwptaW5p\n"
           "a3ViZUNBMB4XDTI0MDEwMTAwMDAwMFoXDTM0MDEwMTAwMDAwMFowFTETMBEGA1UE\n"
           "AxMKbWluaWt1YmVDQTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAKP1\n"
           "a3VicGxheSBzaW11bGF0ZWQgY2x1c3RlciBDQSwgbm90IGEgcmVhbCBrZXkuLi4u\n"
           "-----END CERTIFICATE-----\n";
}

void ServiceAccountController::onEvent(const WatchEvent& event) {
    const Json& obj = *event.object;
    if (event.resource == "namespaces") {
        if (event.type != WatchEventType::Deleted)
            queue().add(stringAt(obj, "metadata.name"));
        return;
    }
    // Someone deleted the default ServiceAccount or the CA ConfigMap: put it back.
    std::string name = stringAt(obj, "metadata.name");
    if (event.type == WatchEventType::Deleted && (name == "default" || name == "kube-root-ca.crt"))
        queue().add(stringAt(obj, "metadata.namespace"));
}

ReconcileResult ServiceAccountController::reconcile(const std::string& ns) {
    ObjectPtr nsObj = client_.server().store().get("namespaces", "", ns);
    if (!nsObj || stringAt(*nsObj, "status.phase") != "Active")
        return ReconcileResult::done();
    ObjectStore& store = client_.server().store();
    bool failed = false;
    if (!store.get("serviceaccounts", ns, "default")) {
        Json sa = {{"apiVersion", "v1"}, {"kind", "ServiceAccount"}, {"metadata", {{"name", "default"}, {"namespace", ns}}}};
        ApiResponse resp = client_.create(sa);
        failed = failed || (!resp.ok() && !resp.status.isAlreadyExists());
    }
    if (!store.get("configmaps", ns, "kube-root-ca.crt")) {
        Json cm = {{"apiVersion", "v1"},
                   {"kind", "ConfigMap"},
                   {"metadata",
                    {{"name", "kube-root-ca.crt"},
                     {"namespace", ns},
                     {"annotations",
                      {{"kubernetes.io/description",
                        "Contains a CA bundle that can be used to verify the kube-apiserver when using internal "
                        "endpoints such as the internal service IP or kubernetes.default.svc. No other usage is "
                        "guaranteed across distributions of Kubernetes clusters."}}}}},
                   {"data", {{"ca.crt", caBundle()}}}};
        ApiResponse resp = publisher_.create(cm);
        failed = failed || (!resp.ok() && !resp.status.isAlreadyExists());
    }
    return failed ? ReconcileResult::requeue() : ReconcileResult::done();
}

}  // namespace kp::controller
