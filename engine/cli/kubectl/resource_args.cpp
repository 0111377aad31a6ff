#include "cli/kubectl/resource_args.h"

namespace kp::cli {
namespace {

std::vector<std::string> splitComma(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        size_t comma = s.find(',', start);
        std::string part = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!part.empty())
            out.push_back(part);
        if (comma == std::string::npos)
            return out;
        start = comma + 1;
    }
}

constexpr const char* kCombinedTypeError =
    "error: there is no need to specify a resource type as a separate argument when passing arguments in "
    "resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource "
    "resource/<resource_name>'\n";

std::string unknownType(const std::string& type) {
    return "error: the server doesn't have a resource type \"" + type + "\"\n";
}

// Reads one object into `out` (or records its error).
void fetchOne(KubectlContext& ctx, const ResourceInfo& r, const std::string& ns, const std::string& name, bool fetch,
              ResourceResult& out) {
    ResourceTarget t{&r, r.namespaced ? ns : "", name, Json()};
    if (!fetch) {
        out.targets.push_back(std::move(t));
        return;
    }
    ApiResponse resp = ctx.cluster.apiServer().get(r, t.ns, name);
    if (!resp.ok()) {
        out.itemErrors.push_back(serverErrorText(resp.status));
        return;
    }
    t.object = std::move(resp.object);
    out.targets.push_back(std::move(t));
}

}  // namespace

std::string noResourcesError() {
    return "error: You must provide one or more resources by argument or filename.\n"
           "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
           "   '<resource> <name>'\n   '<resource>'\n";
}

ResourceResult resolveResources(KubectlContext& ctx, const ResourceQuery& q) {
    ResourceResult out;
    const ResourceRegistry& reg = ctx.cluster.apiServer().resources();
    if (q.args.empty()) {
        out.error = noResourcesError();
        return out;
    }
    bool slashed = false, plain = false;
    for (const std::string& a : q.args)
        (a.find('/') != std::string::npos ? slashed : plain) = true;
    if (slashed && plain) {
        out.error = kCombinedTypeError;
        return out;
    }

    if (slashed) {
        // TYPE/NAME ...: resolve every type first, as the builder maps before it visits.
        std::vector<std::pair<const ResourceInfo*, std::string>> pairs;
        for (const std::string& a : q.args) {
            size_t slash = a.find('/');
            const ResourceInfo* r = reg.lookup(a.substr(0, slash));
            if (!r) {
                out.error = unknownType(a.substr(0, slash));
                return out;
            }
            pairs.emplace_back(r, a.substr(slash + 1));
        }
        out.singleItemImplied = pairs.size() == 1;
        for (const auto& [r, name] : pairs)
            fetchOne(ctx, *r, q.ns, name, q.fetch, out);
        return out;
    }

    std::vector<const ResourceInfo*> types;
    for (const std::string& t : splitComma(q.args[0])) {
        const ResourceInfo* r = reg.lookup(t);
        if (!r) {
            out.error = unknownType(t);
            return out;
        }
        types.push_back(r);
    }
    std::vector<std::string> names(q.args.begin() + 1, q.args.end());
    if (!names.empty()) {
        out.singleItemImplied = types.size() == 1 && names.size() == 1;
        for (const ResourceInfo* r : types)
            for (const std::string& n : names)
                fetchOne(ctx, *r, q.ns, n, q.fetch, out);
        return out;
    }
    if (!q.all && q.labelSelector.empty() && !q.allowEmptySelector) {
        out.error = "error: resource(s) were provided, but no name was specified\n";
        return out;
    }
    for (const ResourceInfo* r : types) {
        ListOptions lo;
        lo.labelSelector = q.labelSelector;
        ApiResponse list = ctx.cluster.apiServer().list(*r, r->namespaced ? q.ns : "", lo);
        if (!list.ok()) {
            out.itemErrors.push_back(serverErrorText(list.status));
            continue;
        }
        for (const Json& item : list.object.value("items", Json::array())) {
            Json obj = item;
            // List items carry no apiVersion/kind; the builder sets them from the mapping.
            obj["apiVersion"] = r->apiVersion();
            obj["kind"] = r->kind;
            out.targets.push_back({r, r->namespaced ? q.ns : "", stringAt(obj, "metadata.name"), std::move(obj)});
        }
    }
    return out;
}

}  // namespace kp::cli
