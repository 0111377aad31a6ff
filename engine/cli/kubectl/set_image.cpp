// kubectl set image TYPE/NAME|TYPE NAME... CONTAINER=IMAGE... ('*=IMAGE' for every container)
// Changes the images of the pod spec (containers and init containers) locally and sends the
// strategic merge patch kubectl computes; objects without changes print nothing. Prints
// `deployment.apps/hello image updated`; an unknown container is
// `error: unable to find container named "x"`.
// Upstream: kubectl pkg/cmd/set/set_image.go (Complete, Validate, Run, setImage).
#include <map>

#include "api/codec/go_format.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/metadata_update.h"
#include "cli/kubectl/set_common.h"

namespace kp::cli {
namespace {

bool setImageIn(Json* containers, const std::string& name, const std::string& image) {
    if (!containers || !containers->is_array())
        return false;
    bool found = false;
    for (Json& c : *containers) {
        if (name == "*" || c.value("name", "") == name) {
            c["image"] = image;
            found = true;
        }
    }
    return found;
}

}  // namespace

CommandResult setImage(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl set image");
    addSetFlags(flags);
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    DryRunStrategy dryRun;
    if (!getDryRunStrategy(ctx, flags, dryRun, res))
        return res;
    Printer printer;
    std::string err;
    if (!Printer::make(flags, "image updated", dryRun, printer, err))
        return res.append(CommandResult::failure(err));
    std::vector<std::string> resources, pairs;
    if (std::string e = splitResourcesAndPairs(flags.args(), "image", resources, pairs); !e.empty())
        return res.append(errorResult(e));
    std::map<std::string, std::string> images;
    std::string invalid;
    for (const std::string& p : pairs) {
        size_t eq = p.find('=');
        if (eq == std::string::npos || eq == 0)
            invalid += (invalid.empty() ? "" : ", ") + p;
        else
            images[p.substr(0, eq)] = p.substr(eq + 1);
    }
    if (!invalid.empty())
        return res.append(errorResult("invalid image format: " + invalid));
    // SIMPLIFICATION: --local and -f (objects from files) are not supported by set yet.
    if (flags.on("local") || !flags.list("filename").empty())
        return res.append(errorResult("kubectl set image -f/--local is not available in kubeplay yet"));

    ResourceQuery q;
    q.args = resources;
    q.ns = commandNamespace(ctx, flags);
    q.all = flags.on("all");
    q.labelSelector = flags.str("selector");
    // Complete reads the objects before Validate looks at the arguments.
    ResourceResult found = resolveResources(ctx, q);
    if (!found.ok())
        return res.append(CommandResult::failure(found.error));
    if (!found.itemErrors.empty())
        return res.append(CommandResult::failure(found.itemErrors.front()));
    ErrorList errors;
    if (flags.on("all") && !flags.str("selector").empty())
        errors.plain("cannot set --all and --selector at the same time");
    if (resources.empty())
        errors.plain("one or more resources must be specified as <resource> <name> or <resource>/<name>");
    if (images.empty())
        errors.plain("at least one image update is required");
    else if (images.size() > 1 && images.count("*"))
        errors.plain("all containers are already specified by *, but saw more than one container_name=container_image pairs");
    if (!errors.empty())
        return res.append(errors.result());

    for (const ResourceTarget& t : found.targets) {
        Json after = t.object;
        std::string specError;
        Json* spec = podSpecOf(after, specError);
        if (!spec) {
            errors.plain("error: " + infoObjectName(t) + " " + specError + "\n");
            continue;
        }
        for (const auto& [name, image] : images) {
            bool inInit = setImageIn(spec->contains("initContainers") ? &(*spec)["initContainers"] : nullptr, name, image);
            bool inMain = setImageIn(spec->contains("containers") ? &(*spec)["containers"] : nullptr, name, image);
            if (!inInit && !inMain)
                errors.plain("error: unable to find container named " + codec::quoteGo(name));
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
            errors.plain("failed to patch image update to pod template: " + e);
            continue;
        }
        res.out += printer.print(actual);
    }
    ctx.cluster.runUntilIdle();
    return res.append(errors.result());
}

}  // namespace kp::cli
