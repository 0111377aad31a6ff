// kubectl annotate TYPE NAME | TYPE/NAME ... key=value... key-... [--overwrite] [--all | -l sel]
// [--list] [--resource-version=V] [--dry-run] [-o]
// Like label, but any value is allowed, an existing different value without --overwrite fails
// with "--overwrite is false but found the following declared annotation(s): 'k' already has a
// value (v)" (kubernetes.io/change-cause may always be overwritten), and every object prints
// "annotated".
// Upstream: kubectl pkg/cmd/annotate/annotate.go (Complete, RunAnnotate, validateAnnotations,
// validateNoAnnotationOverwrites, updateAnnotations).
#include <map>

#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/metadata_update.h"

namespace kp::cli {
namespace {

constexpr const char* kChangeCause = "kubernetes.io/change-cause";

// cmdutil.ParsePairs(args, "annotation", true).
std::string parseAnnotations(const std::vector<std::string>& pairs, std::map<std::string, std::string>& set,
                             std::vector<std::string>& remove) {
    std::string invalid;
    for (const std::string& p : pairs) {
        size_t eq = p.find('=');
        if (eq != std::string::npos && eq != 0)
            set[p.substr(0, eq)] = p.substr(eq + 1);
        else if (p.size() > 1 && p.back() == '-')
            remove.push_back(p.substr(0, p.size() - 1));
        else
            invalid += (invalid.empty() ? "" : ", ") + p;
    }
    if (!invalid.empty())
        return "invalid annotation format: " + invalid;
    std::string both;
    for (const std::string& r : remove)
        if (set.count(r))
            both += (both.empty() ? "" : ", ") + r;
    if (!both.empty())
        return "can not both modify and remove the following annotation(s) in the same command: " + both;
    return "";
}

}  // namespace

CommandResult kubectlAnnotate(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl annotate");
    addPrintFlags(flags);
    addDryRunFlag(flags);
    flags.boolean("overwrite").boolean("list").boolean("local").boolean("all").boolean("all-namespaces", "A");
    flags.string("selector", "l").string("field-selector").string("resource-version").stringSlice("filename", "f");
    flags.boolean("recursive", "R").string("kustomize", "k").boolean("record");
    flags.string("field-manager", "", "kubectl-annotate");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    DryRunStrategy dryRun;
    if (!getDryRunStrategy(ctx, flags, dryRun, res))
        return res;
    std::vector<std::string> resources, pairs;
    if (std::string e = splitResourcesAndPairs(flags.args(), "annotation", resources, pairs); !e.empty())
        return res.append(errorResult(e));
    std::map<std::string, std::string> set;
    std::vector<std::string> remove;
    // Validation order follows annotate's Complete: pairs are parsed first, checked last.
    std::string pairError = parseAnnotations(pairs, set, remove);
    if (!pairError.empty() && pairError.rfind("invalid annotation format", 0) == 0)
        return res.append(errorResult(pairError));
    const bool list = flags.on("list");
    if (list && !flags.str("output").empty())
        return res.append(errorResult("--list and --output may not be specified together"));
    if (flags.on("all") && !flags.str("selector").empty())
        return res.append(errorResult("cannot set --all and --selector at the same time"));
    if (flags.on("all") && !flags.str("field-selector").empty())
        return res.append(errorResult("cannot set --all and --field-selector at the same time"));
    // SIMPLIFICATION: --local and -f (objects from files) are not supported by annotate yet.
    if (flags.on("local") || !flags.list("filename").empty())
        return res.append(errorResult("kubectl annotate -f/--local is not available in kubeplay yet"));
    if (resources.empty())
        return res.append(errorResult("one or more resources must be specified as <resource> <name> or <resource>/<name>"));
    if (set.empty() && remove.empty() && !list)
        return res.append(errorResult("at least one annotation update is required"));
    if (!pairError.empty())
        return res.append(errorResult(pairError));
    Printer printer;
    std::string err;
    if (!Printer::make(flags, "annotated", dryRun, printer, err))
        return res.append(CommandResult::failure(err));

    ResourceResult found;
    if (!findMetadataTargets(ctx, flags, resources, found, res))
        return res;
    const std::string rv = flags.str("resource-version");

    const bool overwrite = flags.on("overwrite");
    MetadataUpdate u;
    u.field = "annotations";
    u.fieldManager = flags.str("field-manager");
    u.listHeader = "Listing annotations for";
    u.remove = remove;
    u.list = list;
    u.printServerObject = true;
    u.resourceVersion = rv;
    u.mutate = [&](Json& obj) -> std::string {
        Json& meta = obj["metadata"];
        const Json current =
            meta.contains("annotations") && meta["annotations"].is_object() ? meta["annotations"] : Json::object();
        if (!overwrite) {
            std::string found;
            for (const auto& [k, v] : set) {
                if (k == kChangeCause || !current.contains(k) || current[k] == v)
                    continue;
                found += (found.empty() ? "" : "; ") +
                         ("'" + k + "' already has a value (" + current[k].get<std::string>() + ")");
            }
            if (!found.empty())
                return "--overwrite is false but found the following declared annotation(s): " + found;
        }
        Json updated = current;
        for (const auto& [k, v] : set)
            updated[k] = v;
        for (const std::string& r : remove)
            updated.erase(r);
        meta["annotations"] = updated;
        if (!rv.empty())
            meta["resourceVersion"] = rv;
        return "";
    };
    u.operation = [](const std::string&, const std::string&) -> std::string { return "annotated"; };
    return res.append(runMetadataUpdate(ctx, u, found, printer, dryRun));
}

}  // namespace kp::cli
