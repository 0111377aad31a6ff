// kubectl create namespace NAME: a Namespace with an empty spec and status. A failed create
// is reported as the API error itself (Error from server (AlreadyExists): ...).
// Upstream: kubectl pkg/cmd/create/create_namespace.go (createNamespace).
#include "cli/kubectl/create_generated.h"

namespace kp::cli {

CommandResult createNamespace(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl create namespace");
    addGeneratorFlags(flags);
    GeneratorRun run;
    CommandResult failure;
    if (!prepareGenerator(ctx, flags, args, run, failure))
        return failure;
    Json ns = {
        {"apiVersion", "v1"},
        {"kind", "Namespace"},
        {"metadata", {{"name", run.name}, {"creationTimestamp", nullptr}}},
        {"spec", Json::object()},
        {"status", Json::object()},
    };
    return createGenerated(ctx, flags, run, std::move(ns), "");
}

}  // namespace kp::cli
