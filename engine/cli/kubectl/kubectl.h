// kubectl: the command table and the shared pieces of its commands (one file per verb).
// This first cut serves what the API machinery can do: apply, create, get (-o yaml|json|name),
// delete, patch, version. The command-layer issue grows it to kubectl's whole surface.
#pragma once
#include <string>
#include <vector>

#include "cli/command_result.h"
#include "cli/file_system.h"
#include "cluster/cluster.h"

namespace kp::cli {

struct KubectlContext {
    Cluster& cluster;
    const FileSystem& fs;
    std::string stdinText;            // what `-f -` reads
    std::string defaultNamespace = "default";
};

CommandResult runKubectl(KubectlContext& ctx, const std::vector<std::string>& args);

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

CommandResult kubectlApply(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlCreate(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlGet(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlDelete(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlPatch(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult kubectlVersion(KubectlContext& ctx, const std::vector<std::string>& args);

}  // namespace kp::cli
