#include "apiserver/rest_reads.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <vector>

#include "api/codec/json_encode.h"
#include "api/codec/typed_json.h"
#include "base/json_text.h"
#include "base/text.h"

namespace kp {
namespace {

using Ordered = nlohmann::ordered_json;

// Go's encoding/json for a value built here in struct order (discovery documents, Status):
// Go's string escaping, MarshalIndent's layout.
void writeOrdered(std::string& out, const Ordered& v, int indent, int depth) {
    auto newline = [&](int d) {
        if (indent) {
            out += '\n';
            out.append(static_cast<size_t>(d * indent), ' ');
        }
    };
    if (v.is_object() || v.is_array()) {
        const bool object = v.is_object();
        if (v.empty()) {
            out += object ? "{}" : "[]";
            return;
        }
        out += object ? '{' : '[';
        bool first = true;
        for (auto it = v.begin(); it != v.end(); ++it) {
            out += first ? "" : ",";
            first = false;
            newline(depth + 1);
            if (object) {
                codec::appendJsonString(out, it.key());
                out += indent ? ": " : ":";
            }
            writeOrdered(out, it.value(), indent, depth + 1);
        }
        newline(depth);
        out += object ? '}' : ']';
        return;
    }
    if (v.is_string()) {
        codec::appendJsonString(out, v.get_ref<const std::string&>());
        return;
    }
    out += v.dump();  // numbers, booleans
}

struct Encoder {
    int indent;  // 2 when pretty, 0 compact

    RestReply reply(int code, std::string json) const {
        return {code, indent ? std::move(json) : json + "\n", "application/json"};
    }
    RestReply ordered(const Ordered& v, int code = 200) const {
        std::string out;
        writeOrdered(out, v, indent, 0);
        return reply(code, std::move(out));
    }
    RestReply object(Json obj) const {
        expandPackedJsonText(obj);
        return reply(200, codec::encodeTypedJson(obj, indent));
    }
    RestReply list(Json list) const {
        expandPackedJsonText(list);
        return reply(200, codec::encodeTypedList(list, indent));
    }
    // metav1.Status in its field order.
    RestReply status(const Status& s) const {
        Ordered o = {{"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", Ordered::object()}};
        o["status"] = s.ok() ? "Success" : "Failure";
        if (!s.message().empty())
            o["message"] = s.message();
        if (!s.reason().empty())
            o["reason"] = s.reason();
        if (s.hasDetails()) {
            const StatusDetails& d = s.details();
            Ordered details = Ordered::object();
            for (const auto& [key, value] : {std::pair<const char*, const std::string&>{"name", d.name},
                                             {"group", d.group}, {"kind", d.kind}, {"uid", d.uid}})
                if (!value.empty())
                    details[key] = value;
            if (!d.causes.empty()) {
                Ordered causes = Ordered::array();
                for (const StatusCause& c : d.causes) {
                    Ordered cause = Ordered::object();
                    if (!c.reason.empty())
                        cause["reason"] = c.reason;
                    if (!c.message.empty())
                        cause["message"] = c.message;
                    if (!c.field.empty())
                        cause["field"] = c.field;
                    causes.push_back(std::move(cause));
                }
                details["causes"] = std::move(causes);
            }
            if (d.retryAfterSeconds)
                details["retryAfterSeconds"] = d.retryAfterSeconds;
            o["details"] = std::move(details);
        }
        if (s.code())
            o["code"] = s.code();
        return ordered(o, s.ok() ? 200 : s.code());
    }
};

// The first value of `key` in a query string, decoded (nullopt when absent).
std::optional<std::string> queryParam(std::string_view query, std::string_view key) {
    for (size_t start = 0; start <= query.size();) {
        size_t end = query.find('&', start);
        if (end == std::string_view::npos)
            end = query.size();
        std::string_view pair = query.substr(start, end - start);
        const size_t eq = pair.find('=');
        if (queryUnescape(pair.substr(0, eq)) == key)
            return eq == std::string_view::npos ? std::string() : queryUnescape(pair.substr(eq + 1));
        start = end + 1;
    }
    return std::nullopt;
}

// A request's path and query, and whether the answer is indented: ?pretty= decides (Go's
// ParseBool), else the User-Agent.
struct RequestTarget {
    std::string_view path, query;
    bool pretty = false;

    static RequestTarget parse(std::string_view target, bool prettyByAgent) {
        const size_t q = target.find('?');
        RequestTarget t{target.substr(0, q), q == std::string_view::npos ? std::string_view() : target.substr(q + 1),
                        prettyByAgent};
        if (std::optional<std::string> p = queryParam(t.query, "pretty"); p && !p->empty())
            t.pretty = *p == "true" || *p == "1" || *p == "t" || *p == "T" || *p == "TRUE" || *p == "True";
        return t;
    }
};

// Upstream: k8s.io/apimachinery/pkg/version.Info, as the v1.32.0 release binaries report it.
Ordered versionInfo(const std::string& gitVersion) {
    // "v1.28.15" -> major "1", minor "28".
    const size_t dot = gitVersion.find('.');
    const size_t dot2 = gitVersion.find('.', dot + 1);
    const std::string major = dot == std::string::npos ? "1" : gitVersion.substr(1, dot - 1);
    const std::string minor = dot == std::string::npos ? "32" : gitVersion.substr(dot + 1, dot2 - dot - 1);
    // SIMPLIFICATION: another release (minikube start --kubernetes-version) keeps v1.32.0's
    // commit, build date and Go version; only its version numbers are its own.
    return {{"major", major},
            {"minor", minor},
            {"gitVersion", gitVersion},
            {"gitCommit", "70d3cc986aa8221cd1dfb1121852688902d3bf53"},
            {"gitTreeState", "clean"},
            {"buildDate", "2024-12-11T17:59:15Z"},
            {"goVersion", "go1.23.3"},
            {"compiler", "gc"},
            {"platform", "linux/amd64"}};
}

Ordered groupVersion(const std::string& group, const std::string& version) {
    return {{"groupVersion", group + "/" + version}, {"version", version}};
}

// /apis: the groups in discovery order, each with its versions (preferred first).
Ordered apiGroupList(const ResourceRegistry& registry) {
    Ordered groups = Ordered::array();
    std::vector<std::string> seen;
    for (const ResourceInfo& r : registry.all()) {
        if (r.group.empty() || std::find(seen.begin(), seen.end(), r.group) != seen.end())
            continue;
        seen.push_back(r.group);
        std::vector<std::string> versions;
        std::string preferred;
        for (const ResourceInfo& other : registry.all()) {
            if (other.group != r.group)
                continue;
            if (std::find(versions.begin(), versions.end(), other.version) == versions.end())
                versions.push_back(other.version);
            if (other.preferred && preferred.empty())
                preferred = other.version;
        }
        std::stable_partition(versions.begin(), versions.end(), [&](const std::string& v) { return v == preferred; });
        Ordered list = Ordered::array();
        for (const std::string& v : versions)
            list.push_back(groupVersion(r.group, v));
        groups.push_back({{"name", r.group}, {"versions", list}, {"preferredVersion", groupVersion(r.group, preferred)}});
    }
    return {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}};
}

// /api/v1, /apis/G/V: the resources of one group version and their subresources, by name.
// SIMPLIFICATION: no storageVersionHash (the apiserver's hash of the storage version).
std::optional<Ordered> apiResourceList(const ResourceRegistry& registry, const std::string& group,
                                       const std::string& version) {
    std::vector<std::pair<std::string, Ordered>> entries;
    for (const ResourceInfo& r : registry.all()) {
        if (r.group != group || r.version != version)
            continue;
        Ordered e = {{"name", r.resource}, {"singularName", r.singular}, {"namespaced", r.namespaced},
                     {"kind", r.kind}, {"verbs", r.verbs}};
        if (!r.shortNames.empty())
            e["shortNames"] = r.shortNames;
        if (!r.categories.empty())
            e["categories"] = r.categories;
        entries.emplace_back(r.resource, std::move(e));
        for (const SubresourceInfo& sub : r.subresources) {
            Ordered s = {{"name", r.resource + "/" + sub.name}, {"singularName", ""}, {"namespaced", r.namespaced}};
            if (sub.group != group || sub.version != version) {
                s["group"] = sub.group;
                s["version"] = sub.version;
            }
            s["kind"] = sub.kind;
            s["verbs"] = sub.verbs;
            entries.emplace_back(r.resource + "/" + sub.name, std::move(s));
        }
    }
    if (entries.empty())
        return std::nullopt;
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    Ordered resources = Ordered::array();
    for (auto& [name, e] : entries)
        resources.push_back(std::move(e));
    return Ordered{{"kind", "APIResourceList"},
                   {"groupVersion", group.empty() ? version : group + "/" + version},
                   {"resources", resources}};
}

const ResourceInfo* findResource(const ResourceRegistry& registry, const std::string& group,
                                 const std::string& version, const std::string& resource) {
    for (const ResourceInfo& r : registry.all())
        if (r.group == group && r.version == version && r.resource == resource)
            return &r;
    return nullptr;
}

}  // namespace

bool prettyForUserAgent(std::string_view userAgent) {
    for (std::string_view prefix : {"curl", "Wget", "Mozilla/5.0"})
        if (userAgent.substr(0, prefix.size()) == prefix)
            return true;
    return false;
}

std::string versionBody(const std::string& gitVersion) {
    return Encoder{2}.ordered(versionInfo(gitVersion)).body;  // WriteRawJSON: always indented, for any client
}

std::optional<RestReply> serveRestRead(const ApiServer& api, std::string_view target, bool prettyByAgent) {
    const RequestTarget t = RequestTarget::parse(target, prettyByAgent);
    const std::string_view path = t.path, query = t.query;
    const Encoder enc{t.pretty ? 2 : 0};

    std::vector<std::string> parts = splitPathSegments(path);
    if (parts.size() == 1 && (parts[0] == "healthz" || parts[0] == "livez" || parts[0] == "readyz"))
        return RestReply{200, "ok", "text/plain; charset=utf-8"};
    if (parts.size() == 1 && parts[0] == "version")
        return RestReply{200, versionBody(api.gitVersion())};
    if (parts.empty() || (parts[0] != "api" && parts[0] != "apis"))
        return std::nullopt;
    const ResourceRegistry& registry = api.resources();
    if (parts.size() == 1 && parts[0] == "api")
        return enc.ordered({{"kind", "APIVersions"},
                            {"versions", {"v1"}},
                            {"serverAddressByClientCIDRs", {{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", "192.168.49.2:8443"}}}}});
    if (parts.size() == 1)
        return enc.ordered(apiGroupList(registry));

    // /api/v1/... or /apis/GROUP/VERSION/...
    const bool core = parts[0] == "api";
    if (!core && parts.size() < 3)
        return std::nullopt;  // SIMPLIFICATION: no APIGroup document for /apis/GROUP
    const std::string group = core ? "" : parts[1];
    const std::string version = core ? parts[1] : parts[2];
    std::vector<std::string> rest(parts.begin() + (core ? 2 : 3), parts.end());
    if (rest.empty()) {
        std::optional<Ordered> list = apiResourceList(registry, group, version);
        if (!list)
            return std::nullopt;
        return enc.ordered(*list);
    }
    if (!apiResourceList(registry, group, version))
        return std::nullopt;

    // [namespaces NS] RESOURCE [NAME [SUBRESOURCE]]; "namespaces/NS" alone is the Namespace.
    std::string ns;
    if (rest.size() >= 3 && rest[0] == "namespaces") {
        ns = rest[1];
        rest.erase(rest.begin(), rest.begin() + 2);
    }
    // Subresources that are not objects (log, exec, attach, portforward, proxy) are the caller's.
    // SIMPLIFICATION: pods/NAME/log is not served here.
    if (rest.size() >= 3 && rest[2] != "status" && rest[2] != "scale")
        return std::nullopt;
    const ResourceInfo* r = findResource(registry, group, version, rest[0]);
    if (!r || (r->namespaced == false && !ns.empty()) || rest.size() > 3)
        return std::nullopt;
    if (rest.size() == 1) {
        ListOptions opts;
        opts.labelSelector = queryParam(query, "labelSelector").value_or("");
        opts.fieldSelector = queryParam(query, "fieldSelector").value_or("");
        opts.limit = std::atoll(queryParam(query, "limit").value_or("0").c_str());
        opts.continueToken = queryParam(query, "continue").value_or("");
        if (queryParam(query, "watch").value_or("") == "true" || queryParam(query, "watch").value_or("") == "1")
            return std::nullopt;  // SIMPLIFICATION: watches are not streamed over HTTP
        ApiResponse resp = api.list(*r, ns, opts);
        return resp.status.ok() ? enc.list(std::move(resp.object)) : enc.status(resp.status);
    }
    if (r->namespaced && ns.empty())
        return std::nullopt;  // /api/v1/pods/NAME: no such route
    const std::string subresource = rest.size() == 3 ? rest[2] : "";
    if (!subresource.empty() && !r->hasSubresource(subresource))
        return std::nullopt;
    ApiResponse resp = api.get(*r, ns, rest[1], subresource);
    return resp.status.ok() ? enc.object(std::move(resp.object)) : enc.status(resp.status);
}

}  // namespace kp

namespace kp {
namespace {

std::string queryValue(std::string_view query, std::string_view key) {
    std::optional<std::string> v = queryParam(query, key);
    return v ? *v : std::string();
}

}  // namespace

// Upstream: apiserver/pkg/endpoints/request/requestinfo.go (NewRequestInfo) for the attributes,
// pkg/endpoints/handlers/responsewriters/errors.go (forbiddenMessage) for the wording, and the
// system:public-info-viewer ClusterRole for what anonymous users may get.
RestReply serveAnonymousRequest(const ApiServer& api, std::string_view method, std::string_view target,
                                bool prettyByAgent) {
    const RequestTarget t = RequestTarget::parse(target, prettyByAgent);
    const std::string_view path = t.path, query = t.query;
    const Encoder enc{t.pretty ? 2 : 0};
    const std::string user = "User \"system:anonymous\" cannot ";

    std::vector<std::string> parts = splitPathSegments(path);
    const bool groupless = !parts.empty() && parts[0] == "api";
    const bool resourceRequest =
        parts.size() >= 3 && (parts[0] == "api" || parts[0] == "apis") && (groupless || parts.size() >= 4);
    if (!resourceRequest) {
        std::string verb(method);
        for (char& c : verb)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const std::string p(path);
        if (verb == "get" && (p == "/healthz" || p == "/livez" || p == "/readyz" || p == "/version" || p == "/version/")) {
            if (std::optional<RestReply> r = serveRestRead(api, p == "/version/" ? "/version" : target, prettyByAgent))
                return *r;
        }
        Status s = Status::failure(403, "Forbidden", "forbidden: " + user + verb + " path \"" + p + "\"");
        s.withDetails(StatusDetails{});
        return enc.status(s);
    }
    std::string group, version;
    size_t i = 1;
    if (!groupless)
        group = parts[i++];
    version = parts[i++];
    std::vector<std::string> rest(parts.begin() + static_cast<long>(i), parts.end());
    std::string verb;
    if (!rest.empty() && (rest[0] == "watch" || rest[0] == "proxy")) {
        verb = rest[0];
        rest.erase(rest.begin());
    } else if (method == "POST") {
        verb = "create";
    } else if (method == "PUT") {
        verb = "update";
    } else if (method == "PATCH") {
        verb = "patch";
    } else if (method == "DELETE") {
        verb = "delete";
    } else {
        verb = "get";
    }
    std::string ns;
    if (!rest.empty() && rest[0] == "namespaces" && rest.size() > 1) {
        ns = rest[1];
        if (rest.size() > 2 && rest[2] != "status" && rest[2] != "finalize")
            rest.erase(rest.begin(), rest.begin() + 2);
    }
    std::string resource, name, subresource;
    if (rest.size() >= 3 && verb != "proxy")
        subresource = rest[2];
    if (rest.size() >= 2)
        name = rest[1];
    if (!rest.empty())
        resource = rest[0];
    if (name.empty() && verb == "get") {
        const std::string watch = queryValue(query, "watch");
        verb = watch == "true" || watch == "1" ? "watch" : "list";
        const std::string fs = queryValue(query, "fieldSelector");
        if (fs.rfind("metadata.name=", 0) == 0 && fs.find(',') == std::string::npos)
            name = fs.substr(14);
    }
    if (name.empty() && verb == "delete")
        verb = "deletecollection";
    const std::string qualified = group.empty() ? resource : resource + "." + group;
    std::string message = user + verb + " resource \"" + (subresource.empty() ? resource : resource + "/" + subresource) +
                          "\" in API group \"" + group + "\"" +
                          (ns.empty() ? " at the cluster scope" : " in the namespace \"" + ns + "\"");
    message = (name.empty() ? qualified : qualified + " \"" + name + "\"") + " is forbidden: " + message;
    Status s = Status::failure(403, "Forbidden", message);
    StatusDetails d;
    d.name = name;
    d.group = group;
    d.kind = resource;
    s.withDetails(std::move(d));
    return enc.status(s);
}

}  // namespace kp
