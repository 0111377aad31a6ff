// `kubectl create <generator>`: the subcommands that build an object from flags (deployment,
// namespace, configmap, secret, service, serviceaccount, job, cronjob, ingress), one file each
// as upstream (kubectl pkg/cmd/create/create_<kind>.go). They share the same steps:
//   flags (cobra/pflag errors) -> exactly one NAME -> --dry-run / -o -> build the object
//   -> --dry-run=client: print it; else POST it (fieldManager kubectl-create, fieldValidation
//   from --validate, dryRun=All for server) and print the server's answer.
// A failed create is reported as the subcommand wraps it, e.g.
//   error: failed to create deployment: deployments.apps "x" already exists
// while `create namespace` passes the API error through (Error from server (AlreadyExists): ...).
// SIMPLIFICATION: kubectl 1.32 sends these bodies as protobuf; the engine receives the object
// directly, which is the same object.
#pragma once
#include <string>
#include <vector>

#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/kubectl.h"
#include "cli/kubectl/print_flags.h"

namespace kp::cli {

// The options every generator subcommand shares, filled by prepareGenerator.
struct GeneratorRun {
    std::string name;             // the NAME argument
    std::string ns;               // -n or the context's namespace
    bool enforceNamespace = false;  // -n given: the object carries metadata.namespace
    DryRunStrategy dryRun = DryRunStrategy::None;
    Printer printer;
    CommandResult out;            // warnings gathered so far (deprecated --dry-run forms)
};

// Declares the flags every generator has (-o, --dry-run, --validate, --save-config,
// --field-manager, templates).
void addGeneratorFlags(CommandFlags& flags);

// Parses flags, takes exactly one NAME and sets up dry-run and printing. Returns false with
// what to print in `failure`.
bool prepareGenerator(KubectlContext& ctx, CommandFlags& flags, const std::vector<std::string>& args,
                      GeneratorRun& run, CommandResult& failure);

// Sends (or, for --dry-run=client, only prints) a generated object. `failurePrefix` wraps API
// errors as the subcommand does ("failed to create deployment: "); empty = pass them through.
CommandResult createGenerated(KubectlContext& ctx, const CommandFlags& flags, GeneratorRun& run, Json object,
                              const std::string& failurePrefix);

// The subcommands (args are what follows "kubectl create <sub>").
CommandResult createDeployment(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult createNamespace(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult createConfigMap(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult createSecret(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult createService(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult createServiceAccount(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult createJob(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult createCronJob(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult createIngress(KubectlContext& ctx, const std::vector<std::string>& args);

// Shared by configmap and secret: --from-literal / --from-file / --from-env-file sources,
// with kubectl's key checks. `add(key, value)` returns "" or the error for a duplicate/bad key.
struct DataSource {
    std::string key;
    std::string value;
};
std::string parseLiteralSource(const std::string& source, DataSource& out);
std::string readFileSources(const KubectlContext& ctx, const std::string& source, std::vector<DataSource>& out);
std::string readEnvFileSource(const KubectlContext& ctx, const std::string& path, std::vector<DataSource>& out);
// Standard base64 with padding (Secret data, docker auth).
std::string base64Encode(const std::string& bytes);

}  // namespace kp::cli
