// kubectl create serviceaccount NAME: a ServiceAccount with only a name (and the namespace
// when -n is given).
// Upstream: kubectl pkg/cmd/create/create_serviceaccount.go (createServiceAccount).
#include "cli/kubectl/create_generated.h"

namespace kp::cli {

CommandResult createServiceAccount(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl create serviceaccount");
    addGeneratorFlags(flags);
    GeneratorRun run;
    CommandResult failure;
    if (!prepareGenerator(ctx, flags, args, run, failure))
        return failure;
    Json sa = {
        {"apiVersion", "v1"},
        {"kind", "ServiceAccount"},
        {"metadata", {{"name", run.name}, {"creationTimestamp", nullptr}}},
    };
    if (run.enforceNamespace)
        sa["metadata"]["namespace"] = run.ns;
    return createGenerated(ctx, flags, run, std::move(sa), "failed to create serviceaccount: ");
}

}  // namespace kp::cli
