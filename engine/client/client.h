// Client: the typed client every component and command writes through (client-go's role).
// It names the actor for the event log and the field manager, resolves an object's resource
// from its apiVersion/kind, and fills the namespace like kubectl does ("default").
#pragma once
#include <string>
#include <string_view>

#include "apiserver/api_server.h"

namespace kp {

class Client {
public:
    Client(ApiServer& server, std::string actor);

    ApiServer& server() { return server_; }
    const std::string& actor() const { return actor_; }
    const ResourceRegistry& resources() const { return server_.resources(); }

    // The resource an object belongs to (nullptr when its apiVersion/kind is not served).
    const ResourceInfo* resourceOf(const Json& obj) const;
    const ResourceInfo& resource(std::string_view groupResource) const;  // e.g. "pods", "deployments.apps"

    ApiResponse create(const Json& obj, WriteOptions opts = {});
    ApiResponse get(const ResourceInfo& r, std::string_view ns, std::string_view name) const;
    ApiResponse list(const ResourceInfo& r, std::string_view ns = "", const ListOptions& opts = {}) const;
    ApiResponse update(const Json& obj, WriteOptions opts = {});
    ApiResponse updateStatus(const Json& obj, WriteOptions opts = {});
    ApiResponse patch(const ResourceInfo& r, std::string_view ns, std::string_view name, PatchType type,
                      std::string_view body, WriteOptions opts = {}, std::string_view subresource = "");
    ApiResponse remove(const ResourceInfo& r, std::string_view ns, std::string_view name, DeleteOptions opts = {});

private:
    WriteOptions withActor(WriteOptions opts) const;
    ApiServer& server_;
    std::string actor_;
};

}  // namespace kp
