#include "cli/kubectl/kubeconfig.h"

#include <algorithm>

#include "api/codec/yaml_decode.h"
#include "api/codec/yaml_encode.h"

namespace kp::cli {
namespace {

const char* const kLists[] = {"clusters", "contexts", "users"};

Json emptyConfig() {
    return Json{{"apiVersion", "v1"},  {"kind", "Config"},    {"preferences", Json::object()},
                {"clusters", nullptr}, {"contexts", nullptr}, {"users", nullptr},
                {"current-context", ""}};
}

// kubectl holds clusters, contexts and users in maps and writes them sorted by name; an empty
// map is written as null.
void normalize(Json& config) {
    for (const char* list : kLists) {
        Json& l = config[list];
        if (!l.is_array() || l.empty()) {
            l = nullptr;
            continue;
        }
        std::stable_sort(l.begin(), l.end(),
                         [](const Json& a, const Json& b) { return a.value("name", "") < b.value("name", ""); });
    }
    if (!config.contains("current-context") || !config["current-context"].is_string())
        config["current-context"] = "";
    if (!config.contains("preferences") || !config["preferences"].is_object())
        config["preferences"] = Json::object();
    config["apiVersion"] = "v1";
    config["kind"] = "Config";
}

// "Fri, 27 Nov 2026 04:49:27 UTC": Go's time.RFC1123 in the laptop's zone, which is UTC.
std::string rfc1123(Time t) {
    std::string s = formatRFC1123Z(t);
    return s.substr(0, s.size() - 5) + "UTC";
}

void removeNamedEntry(Json& config, const std::string& list, const std::string& name) {
    Json& l = config[list];
    if (!l.is_array())
        return;
    l.erase(std::remove_if(l.begin(), l.end(), [&](const Json& e) { return e.value("name", "") == name; }), l.end());
}

}  // namespace

Json loadKubeconfig(const FileSystem& fs) {
    std::optional<std::string> text = fs.readFile(kKubeconfigPath);
    if (!text)
        return emptyConfig();
    codec::DecodeResult doc = codec::decodeYamlDocument(*text);
    // SIMPLIFICATION: a kubeconfig that does not parse reads as empty (kubectl reports the
    // YAML error and stops).
    if (!doc.ok() || doc.documents.empty() || !doc.documents[0].value.is_object())
        return emptyConfig();
    Json config = doc.documents[0].value;
    normalize(config);
    return config;
}

std::string kubeconfigYaml(const Json& config) {
    return codec::toYamlText(config);
}

bool saveKubeconfig(FileSystem& fs, const Json& config) {
    Json c = config;
    normalize(c);
    return fs.writeFile(kKubeconfigPath, kubeconfigYaml(c));
}

const Json* findNamedEntry(const Json& config, const std::string& list, const std::string& name) {
    const Json* l = findPath(config, list);
    if (!l || !l->is_array())
        return nullptr;
    for (const Json& e : *l)
        if (e.value("name", "") == name)
            return &e;
    return nullptr;
}

Json& upsertNamedEntry(Json& config, const std::string& list, const std::string& name) {
    Json& l = config[list];
    if (!l.is_array())
        l = Json::array();
    for (Json& e : l)
        if (e.value("name", "") == name)
            return e;
    l.push_back(Json{{"name", name}});
    return l.back();
}

std::string currentContext(const Json& config) {
    return config.value("current-context", "");
}

std::string contextNamespace(const Json& config, const std::string& context) {
    const Json* ctx = findNamedEntry(config, "contexts", context.empty() ? currentContext(config) : context);
    return ctx ? stringAt(*ctx, "context.namespace") : "";
}

std::string currentServer(const Json& config, const std::string& context) {
    const Json* ctx = findNamedEntry(config, "contexts", context.empty() ? currentContext(config) : context);
    if (!ctx)
        return "";
    const Json* cluster = findNamedEntry(config, "clusters", stringAt(*ctx, "context.cluster"));
    return cluster ? stringAt(*cluster, "cluster.server") : "";
}

std::string contextFlag(const std::vector<std::string>& args) {
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--")
            break;
        if (args[i].rfind("--context=", 0) == 0)
            return args[i].substr(10);
        if (args[i] == "--context" && i + 1 < args.size())
            return args[i + 1];
    }
    return "";
}

// Upstream: minikube pkg/minikube/kubeconfig/settings.go (PopulateFromSettings, Update),
// context.go (DeleteContext), cmd/minikube/cmd/stop.go (stopProfile: DeleteContext unless
// --keep-context-active).
void applyMinikubeKubeconfigChange(FileSystem& fs, const MinikubeKubeconfigChange& change) {
    if (!change.started && !change.activated && !change.deactivated)
        return;
    const std::string name = "minikube";
    Json config = loadKubeconfig(fs);
    if (change.started) {
        // minikube writes the same extension on the cluster and the context.
        const Json extension = {{"last-update", rfc1123(change.now)},
                                {"provider", "minikube.sigs.k8s.io"},
                                {"version", "v1.35.0"}};
        Json& cluster = upsertNamedEntry(config, "clusters", name)["cluster"];
        cluster = Json{{"certificate-authority", change.home + "/.minikube/ca.crt"},
                       {"extensions", Json::array({{{"name", "cluster_info"}, {"extension", extension}}})},
                       {"server", change.server}};
        Json& user = upsertNamedEntry(config, "users", name)["user"];
        user = Json{{"client-certificate", change.home + "/.minikube/profiles/minikube/client.crt"},
                    {"client-key", change.home + "/.minikube/profiles/minikube/client.key"}};
        Json& context = upsertNamedEntry(config, "contexts", name)["context"];
        context = Json{{"cluster", name},
                       {"extensions", Json::array({{{"name", "context_info"}, {"extension", extension}}})},
                       {"namespace", "default"},
                       {"user", name}};
        // SIMPLIFICATION: the context's namespace is "default" (minikube start --namespace is not
        // passed down here).
        if (!change.keepContext)
            config["current-context"] = name;
    } else if (change.activated) {
        config["current-context"] = name;
    } else if (change.deactivated) {
        // minikube v1.35's stop and delete both call DeleteContext: the entries go away.
        if (currentContext(config) == name)
            config["current-context"] = "";
        for (const char* list : kLists)
            removeNamedEntry(config, list, name);
    }
    saveKubeconfig(fs, config);
}

}  // namespace kp::cli
