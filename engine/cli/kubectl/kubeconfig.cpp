#include "cli/kubectl/kubeconfig.h"

#include <algorithm>
#include <functional>

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

KubeconfigPaths KubeconfigPaths::resolve(const std::string& flagValue, const std::string& kubeconfigEnv,
                                         const std::string& home) {
    KubeconfigPaths paths;
    paths.explicitPath = flagValue;
    size_t start = 0;
    while (start <= kubeconfigEnv.size()) {
        size_t colon = kubeconfigEnv.find(':', start);
        if (colon == std::string::npos)
            colon = kubeconfigEnv.size();
        std::string path = kubeconfigEnv.substr(start, colon - start);
        // client-go drops empty entries and repeats.
        if (!path.empty() && std::find(paths.envPaths.begin(), paths.envPaths.end(), path) == paths.envPaths.end())
            paths.envPaths.push_back(path);
        start = colon + 1;
    }
    paths.globalPath = (home.empty() ? std::string("/root") : home) + "/.kube/config";
    return paths;
}

std::vector<std::string> KubeconfigPaths::precedence() const {
    if (!explicitPath.empty())
        return {explicitPath};
    if (!envPaths.empty())
        return envPaths;
    return {globalPath};
}

std::string KubeconfigPaths::defaultFile(const FileSystem& fs) const {
    if (!explicitPath.empty())
        return explicitPath;
    if (envPaths.size() == 1)
        return envPaths[0];
    for (const std::string& path : envPaths)
        if (fs.readFile(path))
            return path;
    return envPaths.empty() ? globalPath : envPaths.back();
}

std::string KubeconfigPaths::minikubeFile() const {
    return envPaths.empty() ? globalPath : envPaths.front();
}

namespace {

// A file of the precedence, read once: nullopt when it does not exist.
std::optional<Json> readKubeconfigFile(const FileSystem& fs, const std::string& path) {
    std::optional<std::string> text = fs.readFile(path);
    if (!text)
        return std::nullopt;
    codec::DecodeResult doc = codec::decodeYamlDocument(*text);
    // SIMPLIFICATION: a kubeconfig that does not parse reads as empty (kubectl reports the
    // YAML error and stops).
    if (!doc.ok() || doc.documents.empty() || !doc.documents[0].value.is_object())
        return emptyConfig();
    Json config = doc.documents[0].value;
    normalize(config);
    return config;
}

}  // namespace

Json loadKubeconfigFile(const FileSystem& fs, const std::string& path) {
    std::optional<Json> config = readKubeconfigFile(fs, path);
    return config ? *config : emptyConfig();
}

Json loadKubeconfig(const FileSystem& fs, const KubeconfigPaths& paths) {
    Json merged = emptyConfig();
    for (const std::string& path : paths.precedence()) {
        const std::optional<Json> read = readKubeconfigFile(fs, path);
        if (!read)
            continue;
        const Json& file = *read;
        for (const char* list : kLists)
            if (file[list].is_array())
                for (const Json& entry : file[list])
                    if (!findNamedEntry(merged, list, entry.value("name", "")))
                        upsertNamedEntry(merged, list, entry.value("name", "")) = entry;
        if (currentContext(merged).empty())
            merged["current-context"] = currentContext(file);
        if (merged["preferences"].empty())
            merged["preferences"] = file["preferences"];
    }
    normalize(merged);
    return merged;
}

std::string kubeconfigYaml(const Json& config) {
    return codec::toYamlText(config);
}

bool saveKubeconfigFile(FileSystem& fs, const std::string& path, const Json& config) {
    Json c = config;
    normalize(c);
    return fs.writeFile(path, kubeconfigYaml(c));
}

std::string kubeconfigOrigin(const FileSystem& fs, const KubeconfigPaths& paths, const char* list, const std::string& name) {
    for (const std::string& path : paths.precedence())
        if (std::optional<Json> file = readKubeconfigFile(fs, path); file && findNamedEntry(*file, list, name))
            return path;
    return "";
}

namespace {

// Reads one file, lets `edit` change it and writes it back.
bool editFile(FileSystem& fs, const std::string& path, std::string& error, const std::function<void(Json&)>& edit) {
    Json config = loadKubeconfigFile(fs, path);
    edit(config);
    if (saveKubeconfigFile(fs, path, config))
        return true;
    error = "open " + path + ": permission denied";
    return false;
}

}  // namespace

bool modifyKubeconfig(FileSystem& fs, const KubeconfigPaths& paths, const Json& starting, const Json& updated,
                      std::string& error) {
    if (starting == updated)
        return true;
    const std::string newCurrent = currentContext(updated);
    if (currentContext(starting) != newCurrent) {
        std::string target;
        if (!paths.explicitPath.empty() || !newCurrent.empty()) {
            target = paths.defaultFile(fs);
        } else {
            // Clearing it: the first file that sets one.
            for (const std::string& path : paths.precedence())
                if (std::optional<Json> file = readKubeconfigFile(fs, path); file && !currentContext(*file).empty()) {
                    target = path;
                    break;
                }
            if (target.empty()) {
                error = "no config found to write context";
                return false;
            }
        }
        if (!editFile(fs, target, error, [&](Json& c) { c["current-context"] = newCurrent; }))
            return false;
    }
    // Preferences go to the --kubeconfig file, else to the first file whose preferences differ.
    if (starting["preferences"] != updated["preferences"]) {
        std::string target = paths.explicitPath;
        for (const std::string& path : paths.precedence())
            if (target.empty() && loadKubeconfigFile(fs, path)["preferences"] != updated["preferences"])
                target = path;
        if (target.empty()) {
            error = "no config found to write preferences";
            return false;
        }
        if (!editFile(fs, target, error, [&](Json& c) { c["preferences"] = updated["preferences"]; }))
            return false;
    }
    for (const char* list : kLists) {
        if (updated[list].is_array())
            for (const Json& entry : updated[list]) {
                const std::string name = entry.value("name", "");
                const Json* before = findNamedEntry(starting, list, name);
                if (before && *before == entry)
                    continue;
                std::string target = before ? kubeconfigOrigin(fs, paths, list, name) : "";
                if (target.empty())
                    target = paths.defaultFile(fs);
                if (!editFile(fs, target, error, [&](Json& c) { upsertNamedEntry(c, list, name) = entry; }))
                    return false;
            }
        if (starting[list].is_array())
            for (const Json& entry : starting[list]) {
                const std::string name = entry.value("name", "");
                if (findNamedEntry(updated, list, name))
                    continue;
                const std::string origin = kubeconfigOrigin(fs, paths, list, name);
                if (!origin.empty() && !editFile(fs, origin, error, [&](Json& c) { removeNamedEntry(c, list, name); }))
                    return false;
            }
    }
    return true;
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

std::string globalFlagValue(const std::vector<std::string>& args, const std::string& flag) {
    const std::string dashed = "--" + flag;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--")
            break;
        if (args[i].rfind(dashed + "=", 0) == 0)
            return args[i].substr(dashed.size() + 1);
        if (args[i] == dashed && i + 1 < args.size())
            return args[i + 1];
    }
    return "";
}

// Upstream: minikube pkg/minikube/kubeconfig/settings.go (PopulateFromSettings, Update),
// context.go (DeleteContext), cmd/minikube/cmd/stop.go (stopProfile: DeleteContext unless
// --keep-context-active).
void applyMinikubeKubeconfigChange(FileSystem& fs, const std::string& path, const MinikubeKubeconfigChange& change) {
    if (!change.started && !change.activated && !change.deactivated)
        return;
    const std::string& name = change.profile;
    Json config = loadKubeconfigFile(fs, path);
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
        user = Json{{"client-certificate", change.home + "/.minikube/profiles/" + name + "/client.crt"},
                    {"client-key", change.home + "/.minikube/profiles/" + name + "/client.key"}};
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
    saveKubeconfigFile(fs, path, config);
}

}  // namespace kp::cli
