#include "apiserver/errors.h"

namespace kp::apierrors {
namespace {

Status withResourceDetails(Status s, const ResourceInfo& r, const std::string& name) {
    StatusDetails d;
    d.name = name;
    d.group = r.group;
    d.kind = r.resource;
    s.withDetails(std::move(d));
    return s;
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

Status notFound(const ResourceInfo& r, const std::string& name) {
    return withResourceDetails(Status::failure(404, "NotFound", r.groupResource() + " " + quoted(name) + " not found"),
                               r, name);
}

Status alreadyExists(const ResourceInfo& r, const std::string& name) {
    return withResourceDetails(
        Status::failure(409, "AlreadyExists", r.groupResource() + " " + quoted(name) + " already exists"), r, name);
}

Status conflict(const ResourceInfo& r, const std::string& name, const std::string& why) {
    return withResourceDetails(
        Status::failure(409, "Conflict",
                        "Operation cannot be fulfilled on " + r.groupResource() + " " + quoted(name) + ": " + why),
        r, name);
}

Status conflictModified(const ResourceInfo& r, const std::string& name) {
    // Upstream: apiserver/pkg/registry/generic/registry/store.go (OptimisticLockErrorMsg)
    return conflict(r, name, "the object has been modified; please apply your changes to the latest version and try again");
}

Status forbidden(const ResourceInfo& r, const std::string& name, const std::string& why) {
    std::string subject = name.empty() ? r.groupResource() : r.groupResource() + " " + quoted(name);
    return withResourceDetails(Status::failure(403, "Forbidden", subject + " is forbidden: " + why), r, name);
}

Status badRequest(const std::string& message) { return Status::failure(400, "BadRequest", message); }

Status methodNotSupported(const ResourceInfo& r, const std::string& verb) {
    Status s = Status::failure(405, "MethodNotAllowed",
                               verb + " is not supported on resources of kind " + quoted(r.groupResource()));
    StatusDetails d;
    d.group = r.group;
    d.kind = r.resource;
    s.withDetails(std::move(d));
    return s;
}

Status namespaceNotFound(const std::string& ns) {
    Status s = Status::failure(404, "NotFound", "namespaces " + quoted(ns) + " not found");
    StatusDetails d;
    d.name = ns;
    d.kind = "namespaces";
    s.withDetails(std::move(d));
    return s;
}

Status gone(const std::string& message) { return Status::failure(410, "Expired", message); }

Status internal(const std::string& message) {
    return Status::failure(500, "InternalError", "Internal error occurred: " + message);
}

Status requestEntityTooLarge(const std::string& message) {
    return Status::failure(413, "RequestEntityTooLarge", "Request entity too large: " + message);
}

Status unsupportedMediaType(const std::string& contentType) {
    return Status::failure(415, "UnsupportedMediaType",
                           "the body of the request was in an unknown format - accepted media types include: "
                           "application/json, application/yaml, application/vnd.kubernetes.protobuf");
}

}  // namespace kp::apierrors
