// `minikube kubectl -- ARGS`: runs the kubectl matching the cluster's version with ARGS
// (cmd/minikube/cmd/kubectl.go). It works whatever the machine's state: kubectl itself then
// reports that the server cannot be reached.
#include "cli/minikube/commands.h"

namespace kp::cli::minikube {

int runKubectl(Invocation& inv) {
    int code = 0;
    if (!inv.parse({{"ssh", 0, FlagType::Bool, "false"}}, code))
        return code;
    // SIMPLIFICATION: minikube inserts --cluster=<profile> before the first flag and downloads
    // the matching kubectl on first use ("    > kubectl.sha256: ..."); the simulation's kubectl
    // has one cluster and is always there.
    if (!inv.ctx.kubectl) {
        inv.out.stderrText("Error caching kubectl: kubectl is not available\n");
        return 1;
    }
    CommandResult r = inv.ctx.kubectl(inv.flags.positional);
    inv.out.stdoutText(r.out);
    inv.out.stderrText(r.err);
    return r.exitCode;
}

}  // namespace kp::cli::minikube
