// kubectl set resources TYPE/NAME... [-c CONTAINERS] --limits=cpu=200m,memory=512Mi
// --requests=cpu=100m: sets the given limits and requests on every selected container (other
// resources kept), sends the strategic merge patch and prints
// `deployment.apps/hello resource requirements updated`.
// Upstream: kubectl pkg/cmd/set/set_resources.go (Complete, Validate, Run),
// pkg/generate/versioned/run.go (populateResourceListV1).
#include "api/quantity.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/set_common.h"

namespace kp::cli {
namespace {

// "cpu=200m,memory=512Mi" -> {"cpu":"200m","memory":"512Mi"} with quantities canonicalised.
std::string parseResourceList(const std::string& spec, Json& out) {
    out = Json::object();
    if (spec.empty())
        return "";
    size_t start = 0;
    while (true) {
        size_t comma = spec.find(',', start);
        const std::string statement = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        size_t eq = statement.find('=');
        if (eq == std::string::npos || statement.find('=', eq + 1) != std::string::npos)
            return "Invalid argument syntax " + statement + ", expected <resource>=<value>";
        std::string error;
        auto q = resource::Quantity::parse(statement.substr(eq + 1), &error);
        if (!q)
            return error;
        out[statement.substr(0, eq)] = q->toString();
        if (comma == std::string::npos)
            return "";
        start = comma + 1;
    }
}

}  // namespace

CommandResult setResources(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl set resources");
    addSetFlags(flags);
    flags.string("containers", "c", "*").string("limits").string("requests");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    DryRunStrategy dryRun;
    if (!getDryRunStrategy(ctx, flags, dryRun, res))
        return res;
    Printer printer;
    std::string err;
    if (!Printer::make(flags, "resource requirements updated", dryRun, printer, err))
        return res.append(CommandResult::failure(err));
    if (flags.on("local") || !flags.list("filename").empty())
        return res.append(errorResult("kubectl set resources -f/--local is not available in kubeplay yet"));

    ResourceQuery q;
    q.args = flags.args();
    q.ns = commandNamespace(ctx, flags);
    q.all = flags.on("all");
    q.labelSelector = flags.str("selector");
    ResourceResult found = resolveResources(ctx, q);
    if (!found.ok())
        return res.append(CommandResult::failure(found.error));
    if (!found.itemErrors.empty())
        return res.append(CommandResult::failure(found.itemErrors.front()));
    // Complete reads the objects before Validate looks at the flags.
    if (flags.on("all") && !flags.str("selector").empty())
        return res.append(errorResult("cannot set --all and --selector at the same time"));
    if (flags.str("limits").empty() && flags.str("requests").empty())
        return res.append(
            errorResult("you must specify an update to requests or limits (in the form of --requests/--limits)"));
    Json limits, requests;
    if (std::string e = parseResourceList(flags.str("limits"), limits); !e.empty())
        return res.append(errorResult(e));
    if (std::string e = parseResourceList(flags.str("requests"), requests); !e.empty())
        return res.append(errorResult(e));
    const std::string selector = flags.str("containers");
    ErrorList errors;
    for (const ResourceTarget& t : found.targets) {
        Json after = t.object;
        std::string specError;
        Json* spec = podSpecOf(after, specError);
        if (!spec) {
            errors.plain("error: " + infoObjectName(t) + " " + specError + "\n");
            continue;
        }
        bool any = false;
        for (const char* field : {"initContainers", "containers"}) {
            if (!spec->contains(field) || !(*spec)[field].is_array())
                continue;
            for (Json& c : (*spec)[field]) {
                if (!selectContainer(c.value("name", ""), selector))
                    continue;
                any = true;
                for (auto it = limits.begin(); it != limits.end(); ++it)
                    c["resources"]["limits"][it.key()] = it.value();
                for (auto it = requests.begin(); it != requests.end(); ++it)
                    c["resources"]["requests"][it.key()] = it.value();
            }
        }
        if (!any) {
            errors.plain("error: unable to find container named " + selector);
            continue;
        }
        Json patch = calculatePatch(t.object, after);
        if (patch.empty())
            continue;
        if (dryRun == DryRunStrategy::Client) {
            res.out += printer.print(after);
            continue;
        }
        Json actual;
        if (std::string e = sendSetPatch(ctx, t, patch, dryRun, flags.str("field-manager"), actual); !e.empty()) {
            errors.plain("failed to patch resources update to pod template " + e);
            continue;
        }
        res.out += printer.print(actual);
    }
    ctx.cluster.runUntilIdle();
    return res.append(errors.result());
}

}  // namespace kp::cli
