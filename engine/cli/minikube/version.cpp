// `minikube version [--short] [-o json|yaml]` (cmd/minikube/cmd/version.go).
#include "cli/minikube/commands.h"

namespace kp::cli::minikube {

int runVersion(Invocation& inv) {
    int code = 0;
    if (!inv.parse({{"output", 'o', FlagType::String, ""},
                    {"short", 0, FlagType::Bool, "false"},
                    {"components", 0, FlagType::Bool, "false"}},
                   code))
        return code;
    Output& out = inv.out;
    const std::string output = inv.flags.get("output");
    if (output.empty()) {
        if (inv.flags.getBool("short")) {
            out.ln(kMinikubeVersion);
            return 0;
        }
        out.ln(std::string("minikube version: ") + kMinikubeVersion);
        out.ln(std::string("commit: ") + kMinikubeCommit);
        // SIMPLIFICATION: --components (versions of the runtimes inside the node) is not listed.
        return 0;
    }
    if (output == "json") {
        out.ln(std::string("{\"commit\":\"") + kMinikubeCommit + "\",\"minikubeVersion\":\"" + kMinikubeVersion + "\"}");
        return 0;
    }
    if (output == "yaml") {
        out.ln(std::string("commit: ") + kMinikubeCommit + "\nminikubeVersion: " + kMinikubeVersion + "\n");
        return 0;
    }
    return out.exitMessage(reason::kind("MK_OUTPUT_USAGE", 10), "error: --output must be 'yaml' or 'json'");
}

}  // namespace kp::cli::minikube
