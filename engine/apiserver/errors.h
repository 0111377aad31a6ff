// Constructors for the API errors a learner meets, with apimachinery's exact texts
// (apimachinery/pkg/api/errors/errors.go). `resource` is an api ResourceInfo; messages use
// its group resource ("deployments.apps"), 422 uses the group kind ("Deployment.apps").
#pragma once
#include <string>

#include "api/resources.h"
#include "base/status.h"

namespace kp::apierrors {

Status notFound(const ResourceInfo& r, const std::string& name);
Status alreadyExists(const ResourceInfo& r, const std::string& name);
Status conflict(const ResourceInfo& r, const std::string& name, const std::string& why);
// The optimistic-concurrency conflict: "...: the object has been modified; please apply your
// changes to the latest version and try again".
Status conflictModified(const ResourceInfo& r, const std::string& name);
Status forbidden(const ResourceInfo& r, const std::string& name, const std::string& why);
Status badRequest(const std::string& message);
Status methodNotSupported(const ResourceInfo& r, const std::string& verb);
Status namespaceNotFound(const std::string& ns);
Status gone(const std::string& message);
Status internal(const std::string& message);
Status requestEntityTooLarge(const std::string& message);
Status unsupportedMediaType(const std::string& contentType);

}  // namespace kp::apierrors
