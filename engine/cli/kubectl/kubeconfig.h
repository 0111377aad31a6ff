// The learner's kubeconfig (~/.kube/config): which cluster kubectl talks to, as whom, and in
// which namespace by default. `minikube start` writes the "minikube" cluster, context and user
// (with minikube's cluster_info/context_info extensions), `minikube stop` and `minikube delete`
// remove them again (minikube v1.35's DeleteContext); `kubectl config ...` reads and edits it.
// The file holds the clientcmd v1 Config as YAML, as kubectl writes it:
//   apiVersion: v1
//   clusters: [{name, cluster: {server, certificate-authority, extensions}}]
//   contexts: [{name, context: {cluster, user, namespace, extensions}}]
//   current-context: minikube
//   kind: Config
//   preferences: {}
//   users: [{name, user: {client-certificate, client-key}}]
// Upstream: client-go tools/clientcmd/api/v1/types.go (Config), minikube
// pkg/minikube/kubeconfig/{settings,context}.go (PopulateFromSettings, DeleteContext).
#pragma once
#include <string>
#include <vector>

#include "base/json.h"
#include "base/time.h"
#include "cli/file_system.h"

namespace kp::cli {

// SIMPLIFICATION: one kubeconfig at $HOME/.kube/config for the root user of the laptop;
// $KUBECONFIG and --kubeconfig are not read.
inline constexpr const char* kKubeconfigPath = "/root/.kube/config";

// The config in the file, or kubectl's empty config when there is none (or it does not parse):
// clusters/contexts/users null, current-context "", preferences {}.
Json loadKubeconfig(const FileSystem& fs);
// Writes the config back (lists sorted by name, as kubectl writes its maps).
bool saveKubeconfig(FileSystem& fs, const Json& config);
// The YAML text kubectl writes and `kubectl config view --raw` prints.
std::string kubeconfigYaml(const Json& config);

// Named entries: the entry object ({"name":..., "context": {...}}) or nullptr.
// `list` is "clusters", "contexts" or "users".
const Json* findNamedEntry(const Json& config, const std::string& list, const std::string& name);
Json& upsertNamedEntry(Json& config, const std::string& list, const std::string& name);

std::string currentContext(const Json& config);
// The namespace of a context, by default the current one ("" when it has none or there is no
// such context).
std::string contextNamespace(const Json& config, const std::string& context = "");
// The server URL of a context's cluster, by default the current context's ("" when none).
std::string currentServer(const Json& config, const std::string& context = "");
// The value of kubectl's global --context flag in a command line ("" when not given).
std::string contextFlag(const std::vector<std::string>& args);

// What the minikube commands did to the kubeconfig, applied after them:
//   - `started`: add or refresh the minikube cluster/context/user (last-update = now) and make
//     minikube the current context (unless keepContext);
//   - `activated` (profile switched to minikube): current-context = minikube;
//   - `deactivated` (stop, delete): the minikube entries are removed, and the current context
//     unset when it was minikube.
struct MinikubeKubeconfigChange {
    bool started = false;
    bool keepContext = false;  // `minikube start --keep-context`: current-context stays as it is
    bool activated = false;
    bool deactivated = false;
    std::string server;     // "https://192.168.49.2:8443"
    std::string home = "/root";
    Time now;
};
void applyMinikubeKubeconfigChange(FileSystem& fs, const MinikubeKubeconfigChange& change);

}  // namespace kp::cli
