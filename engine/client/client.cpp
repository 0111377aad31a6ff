#include "client/client.h"

#include <stdexcept>

namespace kp {

Client::Client(ApiServer& server, std::string actor) : server_(server), actor_(std::move(actor)) {}

const ResourceInfo* Client::resourceOf(const Json& obj) const {
    return resources().byKind(stringAt(obj, "apiVersion"), stringAt(obj, "kind"));
}

const ResourceInfo& Client::resource(std::string_view groupResource) const {
    const ResourceInfo* r = resources().byGroupResourceName(groupResource);
    if (!r)
        throw std::logic_error("unknown resource " + std::string(groupResource));
    return *r;
}

WriteOptions Client::withActor(WriteOptions opts) const {
    if (opts.actor.empty())
        opts.actor = actor_;
    if (opts.fieldManager.empty())
        opts.fieldManager = actor_;
    return opts;
}

ApiResponse Client::create(const Json& obj, WriteOptions opts) {
    const ResourceInfo* r = resourceOf(obj);
    if (!r)
        return ApiResponse::failure(Status::failure(404, "NotFound", "the server could not find the requested resource"));
    std::string ns = r->namespaced ? stringAt(obj, "metadata.namespace", "default") : "";
    return server_.create(*r, ns, obj, withActor(std::move(opts)));
}

ApiResponse Client::get(const ResourceInfo& r, std::string_view ns, std::string_view name) const {
    return server_.get(r, ns, name);
}

ApiResponse Client::list(const ResourceInfo& r, std::string_view ns, const ListOptions& opts) const {
    return server_.list(r, ns, opts);
}

ApiResponse Client::update(const Json& obj, WriteOptions opts) {
    const ResourceInfo* r = resourceOf(obj);
    if (!r)
        return ApiResponse::failure(Status::failure(404, "NotFound", "the server could not find the requested resource"));
    return server_.update(*r, stringAt(obj, "metadata.namespace"), stringAt(obj, "metadata.name"), obj,
                          withActor(std::move(opts)));
}

ApiResponse Client::updateStatus(const Json& obj, WriteOptions opts) {
    const ResourceInfo* r = resourceOf(obj);
    if (!r)
        return ApiResponse::failure(Status::failure(404, "NotFound", "the server could not find the requested resource"));
    return server_.update(*r, stringAt(obj, "metadata.namespace"), stringAt(obj, "metadata.name"), obj,
                          withActor(std::move(opts)), "status");
}

ApiResponse Client::patch(const ResourceInfo& r, std::string_view ns, std::string_view name, PatchType type,
                          std::string_view body, WriteOptions opts, std::string_view subresource) {
    return server_.patch(r, ns, name, type, body, withActor(std::move(opts)), subresource);
}

ApiResponse Client::remove(const ResourceInfo& r, std::string_view ns, std::string_view name, DeleteOptions opts) {
    if (opts.actor.empty())
        opts.actor = actor_;
    return server_.remove(r, ns, name, opts);
}

}  // namespace kp
