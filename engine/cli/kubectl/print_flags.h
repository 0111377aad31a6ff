// What kubectl's mutating commands print, and their --dry-run flag (cli-runtime PrintFlags +
// kubectl cmdutil dry-run helpers):
//   - no -o: the name printer's one-liner "<kind>.<group>/<name> <operation>", e.g.
//     "deployment.apps/hello-minikube created", "service/hello exposed", with " (dry run)" or
//     " (server dry run)" appended for --dry-run=client|server;
//   - -o name: "<kind>.<group>/<name>" only;
//   - -o yaml: the object as YAML (keys sorted, as Go's yaml printer does);
//   - -o json: typed objects (generators, typed clients) in Go struct order, unstructured ones
//     with sorted keys.
//   --dry-run=client: nothing is sent, the generated object is printed (creationTimestamp: null,
//   status: {} ... exactly as kubectl builds it); --dry-run=server: the request carries
//   dryRun=All; --dry-run alone or =true/false is accepted with kubectl's deprecation warning.
// Upstream: cli-runtime pkg/genericclioptions/print_flags.go, pkg/printers/name.go,
// kubectl pkg/cmd/util/helpers.go (GetDryRunStrategy, PrintFlagsWithDryRunStrategy).
#pragma once
#include <memory>
#include <string>

#include "base/json.h"
#include "cli/command_result.h"
#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/kubectl.h"
#include "cli/kubectl/template_printer.h"

namespace kp::cli {

enum class DryRunStrategy { None, Client, Server };

// Declares --dry-run (default "none"; bare --dry-run means the deprecated "unchanged").
void addDryRunFlag(CommandFlags& flags);
// Declares -o/--output and the template flags PrintFlags adds.
void addPrintFlags(CommandFlags& flags);

// cmdutil.GetDryRunStrategy. Deprecation warnings are appended to `out.err`; on a bad value
// returns false with the error in `out`.
bool getDryRunStrategy(KubectlContext& ctx, const CommandFlags& flags, DryRunStrategy& strategy, CommandResult& out);

class Printer {
public:
    Printer() = default;
    // `operation` is the verb of the one-liner ("created", "exposed"). Fails (kubectl's
    // message in `error`) for an output format it does not know.
    static bool make(const CommandFlags& flags, const std::string& operation, DryRunStrategy dryRun, Printer& printer,
                     std::string& error);

    // One object. `typed` selects Go struct order for -o json.
    std::string print(const Json& object, bool typed = true) const;
    // Same, with another operation (label prints "labeled" or "not labeled" per object).
    std::string print(const Json& object, const std::string& operation, bool typed = true) const;

    const std::string& format() const { return format_; }
    // What the last print() reported on stderr: a go-template or jsonpath that failed while
    // running ("error: error executing template ...").
    // SIMPLIFICATION: only the create generators report it (exit code 1); the other commands
    // print the template's report on stdout and keep their exit code.
    const std::string& lastError() const { return lastError_; }
    bool namesOnly() const { return format_.empty() || format_ == "name"; }

private:
    std::string format_;     // "", "name", "yaml", "json", or a template format
    std::shared_ptr<const TemplatePrinter> template_;  // -o go-template|template
    std::string jsonPath_;                              // -o jsonpath
    mutable std::string lastError_;
    // The YAML printer separates objects it printed with "---" (cli-runtime YAMLPrinter).
    mutable int yamlCount_ = 0;
    bool showManagedFields_ = false;
    std::string operation_;
    DryRunStrategy dryRun_ = DryRunStrategy::None;
};

// "deployment.apps/hello" for an object (from its apiVersion and kind).
std::string objectName(const Json& object);

}  // namespace kp::cli
