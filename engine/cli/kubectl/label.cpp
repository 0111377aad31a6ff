// kubectl label TYPE NAME | TYPE/NAME ... key=value... key-... [--overwrite] [--all | -l sel]
// [--list] [--resource-version=V] [--dry-run] [-o]
// A key that already has another value is refused without --overwrite
// ("'version' already has a value (v1), and --overwrite is false"); values are checked as
// label values; each object prints "labeled", "unlabeled" or "not labeled".
// Upstream: kubectl pkg/cmd/label/label.go (Complete, Validate, RunLabel, parseLabels,
// labelFunc, updateDataChangeMsg).
#include <map>

#include "apiserver/validation/name_validation.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/metadata_update.h"

namespace kp::cli {
namespace {

// parseLabels: new labels and removals, or the error.
std::string parseLabels(const std::vector<std::string>& specs, std::map<std::string, std::string>& labels,
                        std::vector<std::string>& remove) {
    for (const std::string& spec : specs) {
        size_t eq = spec.find('=');
        if (eq != std::string::npos) {
            if (spec.find('=', eq + 1) != std::string::npos)
                return "invalid label spec: " + spec;
            const std::string value = spec.substr(eq + 1);
            validation::Messages errs = validation::isValidLabelValue(value);
            if (!errs.empty()) {
                std::string joined;
                for (const std::string& e : errs)
                    joined += (joined.empty() ? "" : ";") + e;
                return "invalid label value: \"" + spec + "\": " + joined;
            }
            labels[spec.substr(0, eq)] = value;
        } else if (spec.back() == '-') {
            remove.push_back(spec.substr(0, spec.size() - 1));
        } else {
            return "unknown label spec: " + spec;
        }
    }
    for (const std::string& r : remove)
        if (labels.count(r))
            return "can not both modify and remove a label in the same command";
    return "";
}

}  // namespace

CommandResult kubectlLabel(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl label");
    addPrintFlags(flags);
    addDryRunFlag(flags);
    flags.boolean("overwrite").boolean("list").boolean("local").boolean("all").boolean("all-namespaces", "A");
    flags.string("selector", "l").string("field-selector").string("resource-version").stringSlice("filename", "f");
    flags.boolean("recursive", "R").string("kustomize", "k").boolean("record").string("field-manager", "", "kubectl-label");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    DryRunStrategy dryRun;
    if (!getDryRunStrategy(ctx, flags, dryRun, res))
        return res;
    std::vector<std::string> resources, pairs;
    if (std::string e = splitResourcesAndPairs(flags.args(), "label", resources, pairs); !e.empty())
        return res.append(errorResult(e));
    std::map<std::string, std::string> labels;
    std::vector<std::string> remove;
    if (std::string e = parseLabels(pairs, labels, remove); !e.empty())
        return res.append(errorResult(e));
    const bool list = flags.on("list");
    if (list && !flags.str("output").empty())
        return res.append(errorResult("--list and --output may not be specified together"));
    if (flags.on("all") && !flags.str("selector").empty())
        return res.append(errorResult("cannot set --all and --selector at the same time"));
    if (flags.on("all") && !flags.str("field-selector").empty())
        return res.append(errorResult("cannot set --all and --field-selector at the same time"));
    // SIMPLIFICATION: --local and -f (objects from files) are not supported by label yet.
    if (flags.on("local") || !flags.list("filename").empty())
        return res.append(errorResult("kubectl label -f/--local is not available in kubeplay yet"));
    if (resources.empty())
        return res.append(errorResult("one or more resources must be specified as <resource> <name> or <resource>/<name>"));
    if (labels.empty() && remove.empty() && !list)
        return res.append(errorResult("at least one label update is required"));
    Printer printer;
    std::string err;
    if (!Printer::make(flags, "labeled", dryRun, printer, err))
        return res.append(CommandResult::failure(err));

    ResourceResult found;
    if (!findMetadataTargets(ctx, flags, resources, found, res))
        return res;
    const std::string rv = flags.str("resource-version");

    const bool overwrite = flags.on("overwrite");
    MetadataUpdate u;
    u.field = "labels";
    u.fieldManager = flags.str("field-manager");
    u.listHeader = "Listing labels for";
    u.remove = remove;
    u.list = list;
    u.reportMissing = true;
    u.resourceVersion = rv;
    u.mutate = [&](Json& obj) -> std::string {
        Json& meta = obj["metadata"];
        const Json current = meta.contains("labels") && meta["labels"].is_object() ? meta["labels"] : Json::object();
        if (!overwrite) {
            std::string errs;
            for (const auto& [k, v] : labels) {
                if (current.contains(k) && current[k] != v)
                    errs += (errs.empty() ? "" : "\n") + ("'" + k + "' already has a value (" +
                                                           current[k].get<std::string>() + "), and --overwrite is false");
            }
            if (!errs.empty())
                return errs;
        }
        Json updated = current;
        for (const auto& [k, v] : labels)
            updated[k] = v;
        for (const std::string& r : remove)
            updated.erase(r);
        meta["labels"] = updated;
        if (!rv.empty())
            meta["resourceVersion"] = rv;
        return "";
    };
    u.operation = [&](const std::string& before, const std::string& after) -> std::string {
        if (before == after)
            return "not labeled";
        if (!overwrite && after.size() < before.size())
            return "unlabeled";
        return "labeled";
    };
    return res.append(runMetadataUpdate(ctx, u, found, printer, dryRun));
}

}  // namespace kp::cli
