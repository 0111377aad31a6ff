// kubectl: the command table and the shared pieces of its commands (one file per verb).
// Commands: apply, create (-f and the generators), get, delete, patch, version, and the
// imperative run, expose, scale, autoscale, label, annotate, set, rollout.
#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "cli/command_result.h"
#include "cli/file_system.h"
#include "cli/kubectl/kubeconfig.h"
#include "cluster/cluster.h"

namespace kp::cli {

struct KubectlContext {
    // The rest has defaults; a constructor (not brace-initialisation of the first fields) keeps
    // clang's -Wmissing-field-initializers quiet wherever one is made.
    KubectlContext(Cluster& cluster, const FileSystem& fs, std::string stdinText = "",
                   std::string defaultNamespace = "default")
        : cluster(cluster), fs(fs), stdinText(std::move(stdinText)), defaultNamespace(std::move(defaultNamespace)) {}

    Cluster& cluster;
    const FileSystem& fs;
    std::string stdinText;            // what `-f -` reads
    std::string defaultNamespace = "default";
    // Where ~/.kube/config lives (kubeconfig.h); nullptr where there is none (inside a container).
    FileSystem* kubeconfigFs = nullptr;
    KubeconfigPaths kubeconfigPaths;  // which files of kubeconfigFs ($KUBECONFIG, --kubeconfig)
    // What the shell lends kubectl edit: running a command line ($KUBE_EDITOR on a file), reading
    // a variable, and the files its commands see. Unset where there is no shell.
    std::function<CommandResult(const std::string& commandLine)> runShell;
    std::function<std::string(const std::string& name)> getenv;
    FileSystem* shellFs = nullptr;
    bool clientDryRun = false;        // apply --dry-run=client: decide, but send nothing
    // kubectl's error when no server answers ("The connection to the server ... was refused");
    // set only for the commands that print their client-side part first (version).
    std::string serverUnreachable;
};

CommandResult runKubectl(KubectlContext& ctx, const std::vector<std::string>& args);
// kubectl's global flags may come before the command (`kubectl -n kube-system get pods`): `args`
// gets them moved to just after it, where every command parses them. False, with kubectl's
// error, for a flag there that is not a global one or lacks its value.
bool globalFlagsAfterCommand(const std::vector<std::string>& commandLine, std::vector<std::string>& args,
                             CommandResult& error);

// Shared helpers (kubectl_common.cpp).
// "deployment.apps/hello" (kubectl's name printer).
std::string resourceName(const ResourceInfo& r, const std::string& name);
// `Error from server (NotFound): deployments.apps "x" not found`, or the 422 text rebuilt from causes.
std::string serverErrorText(const Status& s, const std::string& verbContext = "");
// Reads the manifests of every -f argument (files, folders, "-"), in order, as kubectl would.
struct Manifest {
    Json object;
    std::string source;  // the file name as given ("-" for stdin)
};
// The apiserver's 413 for a body over 3 MiB, checked where kubectl would send it.
Status checkBodySize(const Json& obj);
bool readManifests(KubectlContext& ctx, const std::vector<std::string>& files, std::vector<Manifest>& out,
                   std::string& error);
// A manifest's resource and namespace (apply.cpp), or kubectl's error for it.
CommandResult applyOrCreateResolve(KubectlContext& ctx, const Manifest& m, const ResourceInfo*& r, std::string& ns);
// What applying one manifest did (client-side or server-side apply). `result` carries warnings
// and errors.
struct ApplyResult {
    enum class Action { Create, Configure, Unchanged } action = Action::Unchanged;
    Json live;      // the object before (null when it did not exist)
    Json object;    // what the server stored (or would store)
    CommandResult result;
    Status failure;  // the server's answer when it refused (server-side apply)
};
// Client-side apply of one manifest (apply.cpp), shared by `apply` and `diff`: create with the
// last-applied annotation, or the three-way strategic merge patch; with `serverDryRun` the
// server answers what it would store.
ApplyResult clientSideApply(KubectlContext& ctx, const Manifest& m, const ResourceInfo& r, const std::string& ns,
                            bool serverDryRun);
// Server-side apply of one manifest (apply.cpp), shared by `apply --server-side` and `diff
// --server-side`: the manifest goes to the server as an apply patch by `fieldManager`, which
// merges it and records who owns which field. `live` is not read (null).
struct ServerSideApplyOptions {
    std::string fieldManager = "kubectl";
    bool force = false;   // --force-conflicts
    bool dryRun = false;  // --dry-run=server
};
ApplyResult serverSideApply(KubectlContext& ctx, const Manifest& m, const ResourceInfo& r, const std::string& ns,
                            const ServerSideApplyOptions& options);

CommandResult kubectlApply(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlCreate(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlGet(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlDelete(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlPatch(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlVersion(KubectlContext& ctx, const std::vector<std::string>& args);
// The imperative commands (one file each; create's generators in create_<kind>.cpp).
CommandResult kubectlRun(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlExpose(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlScale(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlCordon(KubectlContext& ctx, const std::vector<std::string>& args);    // cordon.cpp
CommandResult kubectlUncordon(KubectlContext& ctx, const std::vector<std::string>& args);  // cordon.cpp
CommandResult kubectlDrain(KubectlContext& ctx, const std::vector<std::string>& args);     // drain.cpp
CommandResult kubectlReplace(KubectlContext& ctx, const std::vector<std::string>& args);   // replace.cpp
CommandResult kubectlDiff(KubectlContext& ctx, const std::vector<std::string>& args);      // diff.cpp
CommandResult kubectlEdit(KubectlContext& ctx, const std::vector<std::string>& args);      // edit.cpp
CommandResult kubectlAutoscale(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlLabel(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlAnnotate(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlSet(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlRollout(KubectlContext& ctx, const std::vector<std::string>& args);
// kubectl top pod|node (top.cpp), fed by the simulated metrics-server (metrics/usage.h).
CommandResult kubectlTop(KubectlContext& ctx, const std::vector<std::string>& args);
// What a command prints to stdout before it fails to reach the apiserver (cluster-info's
// closing hint), "" for the others.
std::string kubectlOutputBeforeConnectionError(const std::vector<std::string>& args);
// Cluster and kubeconfig commands (one file each).
CommandResult kubectlClusterInfo(KubectlContext& ctx, const std::vector<std::string>& args);    // cluster_info.cpp
CommandResult kubectlConfig(KubectlContext& ctx, const std::vector<std::string>& args);         // config.cpp
CommandResult kubectlApiResources(KubectlContext& ctx, const std::vector<std::string>& args);   // api_resources.cpp
CommandResult kubectlApiVersions(KubectlContext& ctx, const std::vector<std::string>& args);    // api_resources.cpp
CommandResult kubectlTaint(KubectlContext& ctx, const std::vector<std::string>& args);          // taint.cpp
CommandResult kubectlWait(KubectlContext& ctx, const std::vector<std::string>& args);           // wait.cpp
CommandResult kubectlExplain(KubectlContext& ctx, const std::vector<std::string>& args);        // explain.cpp

}  // namespace kp::cli
