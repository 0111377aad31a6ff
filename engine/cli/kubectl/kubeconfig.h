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

// Which files make up the kubeconfig, as client-go's loading rules pick them: the --kubeconfig
// file alone when given; else every file of $KUBECONFIG (colon-separated; empty entries and
// missing files skipped); else $HOME/.kube/config.
struct KubeconfigPaths {
    std::string explicitPath;            // --kubeconfig
    std::vector<std::string> envPaths;   // $KUBECONFIG
    std::string globalPath = "/root/.kube/config";

    static KubeconfigPaths resolve(const std::string& flagValue, const std::string& kubeconfigEnv,
                                   const std::string& home);
    // The files read, highest priority first.
    std::vector<std::string> precedence() const;
    // Where new entries and a new current-context are written (client-go GetDefaultFilename):
    // the --kubeconfig file; the only $KUBECONFIG file; the first of several that exists, else
    // the last; or the global file.
    std::string defaultFile(const FileSystem& fs) const;
    // The file minikube writes (its PathFromEnv: the first $KUBECONFIG entry, else the global
    // one; minikube has no --kubeconfig).
    std::string minikubeFile() const;
};

// The merged config of every file, or kubectl's empty config when there is none: clusters/
// contexts/users null, current-context "", preferences {}. An entry name in several files
// comes from the first; so does the current-context (the first file that sets one).
Json loadKubeconfig(const FileSystem& fs, const KubeconfigPaths& paths = {});
// One file (empty config when missing or when it does not parse).
Json loadKubeconfigFile(const FileSystem& fs, const std::string& path);
// The first file of the precedence whose `list` ("clusters", "contexts", "users") has an entry
// `name` (client-go's LocationOfOrigin); "" when none has.
std::string kubeconfigOrigin(const FileSystem& fs, const KubeconfigPaths& paths, const char* list, const std::string& name);
// Writes one file (lists sorted by name, as kubectl writes its maps).
bool saveKubeconfigFile(FileSystem& fs, const std::string& path, const Json& config);
// client-go's ModifyConfig: writes what changed between `starting` (as loadKubeconfig read it)
// and `updated` to the file each entry came from; new entries and a new current-context go to
// the default file. False, with `error` set, when a file cannot be written.
bool modifyKubeconfig(FileSystem& fs, const KubeconfigPaths& paths, const Json& starting, const Json& updated,
                      std::string& error);
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
// The value of one of kubectl's global flags (--context, --kubeconfig) in a command line (""
// when not given).
std::string globalFlagValue(const std::vector<std::string>& args, const std::string& flag);

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
    std::string profile = "minikube";  // names the cluster, context and user entries
    std::string home = "/root";
    Time now;
};
void applyMinikubeKubeconfigChange(FileSystem& fs, const std::string& path, const MinikubeKubeconfigChange& change);

}  // namespace kp::cli
