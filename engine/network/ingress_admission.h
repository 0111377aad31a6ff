// ingress-nginx's validating admission webhook: the controller (--validating-webhook=:8443)
// answers the apiserver's AdmissionReview for each Ingress created or updated, by building
// its nginx configuration with the Ingress added and checking it:
//
//  - Ingresses it does not serve (another class) and Ingresses being deleted are accepted;
//  - a host and path (rules without a host are server "_", an empty path is "/") already
//    routed by an older Ingress with the same pathType is a conflict, unless both, or only the
//    new one, are canaries: `host "_" and path "/" is already defined in ingress default/web`;
//  - warnings (sent even when accepted): `path /api(/|$)(.*) cannot be used with pathType
//    Prefix` for paths that are not plain /segments with a pathType other than
//    ImplementationSpecific, `annotation ... is deprecated` for the influxdb annotations.
//
// Denials come back with status code 400, reason BadRequest; the controller logs each review
// (klog from main.go: "successfully validated configuration, accepting" or "invalid ingress
// configuration").
// SIMPLIFICATION: nginx -t on the rendered configuration and the annotation parsers'
// validation (--enable-annotation-validation) are not run: only the checks above reject.
// Upstream: kubernetes/ingress-nginx controller-v1.11.3 internal/admission/controller/main.go,
// internal/ingress/controller/controller.go (CheckIngress, CheckWarning, checkOverlap,
// getBackendServers), internal/ingress/inspector (ValidatePathType).
#pragma once
#include <string>
#include <vector>

#include "base/json.h"
#include "store/object_store.h"

namespace kp::network {

struct IngressCheck {
    bool allowed = true;
    std::string message;  // why not
    std::vector<std::string> warnings;
};

// CheckIngress and CheckWarning for `ingress` as it would be stored (create or update).
IngressCheck checkIngress(const ObjectStore& store, const Json& ingress);

}  // namespace kp::network
