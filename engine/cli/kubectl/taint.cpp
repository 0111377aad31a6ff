// kubectl taint nodes NAME... KEY[=VALUE]:EFFECT | KEY[:EFFECT]- [--overwrite] [-l SEL | --all]:
// adds or removes taints on nodes; pods without a matching toleration then stay away
// (NoSchedule, PreferNoSchedule) or are evicted (NoExecute). Prints "node/minikube tainted",
// "untainted" or, with --overwrite or both changes at once, "modified".
// Complete -> Validate -> Run as upstream; the node is written with a strategic merge patch of
// spec.taints (a replace list: the patch carries the whole new list).
// Upstream: kubectl pkg/cmd/taint/taint.go (Complete, Validate, RunTaint, updateTaints), utils.go.
#include "cli/kubectl/taint.h"

#include <algorithm>
#include <map>
#include <set>

#include "api/labels.h"
#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/kubectl.h"
#include "cli/kubectl/print_flags.h"
#include "cli/kubectl/resource_args.h"

namespace kp::cli {
namespace taint {
namespace {

std::string joinMessages(const std::vector<std::string>& msgs) {
    std::string out;
    for (const std::string& m : msgs)
        out += (out.empty() ? "" : "; ") + m;
    return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        size_t p = s.find(sep, start);
        parts.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
        if (p == std::string::npos)
            return parts;
        start = p + 1;
    }
}

bool isValidEffect(const std::string& e) {
    return e == "NoSchedule" || e == "PreferNoSchedule" || e == "NoExecute";
}

bool matches(const Taint& a, const Taint& b) { return a.key == b.key && a.effect == b.effect; }

// parseTaint: one "key=value:Effect" (or "key" / "key:Effect" for removals).
std::string parseTaint(const std::string& spec, Taint& out) {
    std::vector<std::string> parts = split(spec, ':');
    std::string key;
    std::string value;
    std::string effect;
    if (parts.size() == 1) {
        key = parts[0];
    } else if (parts.size() == 2) {
        effect = parts[1];
        if (!isValidEffect(effect))
            return "invalid taint effect: " + effect + ", unsupported taint effect";
        std::vector<std::string> kv = split(parts[0], '=');
        if (kv.size() > 2)
            return "invalid taint spec: " + spec;
        key = kv[0];
        if (kv.size() == 2) {
            value = kv[1];
            if (auto errs = labels::isValidLabelValue(value); !errs.empty())
                return "invalid taint spec: " + spec + ", " + joinMessages(errs);
        }
    } else {
        return "invalid taint spec: " + spec;
    }
    if (auto errs = labels::isQualifiedName(key); !errs.empty())
        return "invalid taint spec: " + spec + ", " + joinMessages(errs);
    out = Taint{key, value, effect, ""};
    return "";
}

}  // namespace

std::string Taint::toString() const {
    if (effect.empty())
        return value.empty() ? key : key + "=" + value + ":";
    return value.empty() ? key + ":" + effect : key + "=" + value + ":" + effect;
}

Json Taint::toJson() const {
    Json j = {{"key", key}, {"effect", effect}};
    if (!value.empty())
        j["value"] = value;
    if (!timeAdded.empty())
        j["timeAdded"] = timeAdded;
    return j;
}

Taint Taint::fromJson(const Json& j) {
    return Taint{j.value("key", ""), j.value("value", ""), j.value("effect", ""),
                 j.contains("timeAdded") && j["timeAdded"].is_string() ? j["timeAdded"].get<std::string>() : ""};
}

ParsedTaints parseTaints(const std::vector<std::string>& specs) {
    ParsedTaints out;
    std::map<std::string, std::set<std::string>> keysByEffect;
    for (const std::string& spec : specs) {
        const bool removal = !spec.empty() && spec.back() == '-';
        Taint t;
        out.error = parseTaint(removal ? spec.substr(0, spec.size() - 1) : spec, t);
        if (!out.error.empty())
            return out;
        if (removal) {
            out.toRemove.push_back(Taint{t.key, "", t.effect, ""});
            continue;
        }
        if (t.effect.empty()) {
            out.error = "invalid taint spec: " + spec;
            return out;
        }
        if (keysByEffect[t.effect].count(t.key)) {
            // Go's %v of the Taint struct: {Key Value Effect TimeAdded}.
            out.error = "duplicated taints with the same key and effect: {" + t.key + " " + t.value + " " + t.effect +
                        " <nil>}";
            return out;
        }
        keysByEffect[t.effect].insert(t.key);
        out.toAdd.push_back(t);
    }
    return out;
}

// Concrete example: current [a=1:NoSchedule, b:NoExecute], add [a=2:NoSchedule] with
// --overwrite, remove [b-]: the new list starts with the additions (a=2:NoSchedule), keeps the
// old taints the additions do not replace (b:NoExecute), then drops b: [a=2:NoSchedule],
// operation "modified".
TaintUpdate reorganizeTaints(const std::vector<Taint>& current, bool overwrite, const std::vector<Taint>& toAdd,
                             const std::vector<Taint>& toRemove) {
    TaintUpdate u;
    u.taints = toAdd;
    for (const Taint& old : current)
        if (std::none_of(u.taints.begin(), u.taints.end(), [&](const Taint& t) { return matches(t, old); }))
            u.taints.push_back(old);
    const bool added = current.size() != u.taints.size();
    // Upstream keeps whether the *last* removal removed something.
    bool deleted = false;
    for (const Taint& r : toRemove) {
        const size_t before = u.taints.size();
        u.taints.erase(std::remove_if(u.taints.begin(), u.taints.end(),
                                      [&](const Taint& t) { return r.effect.empty() ? t.key == r.key : matches(t, r); }),
                       u.taints.end());
        deleted = before != u.taints.size();
        if (!deleted)
            u.errors.push_back("taint " + labels::goQuote(r.toString()) + " not found");
    }
    if ((added && deleted) || overwrite)
        u.operation = "modified";
    else if (added)
        u.operation = "tainted";
    else
        u.operation = "untainted";
    return u;
}

}  // namespace taint

CommandResult kubectlTaint(KubectlContext& ctx, const std::vector<std::string>& args) {
    using taint::Taint;
    CommandFlags flags("kubectl taint");
    addDryRunFlag(flags);
    addPrintFlags(flags);
    flags.boolean("all").string("selector", "l").boolean("overwrite").string("field-manager", "", "kubectl-taint");
    flags.string("validate", "", "strict").noOptDefault("validate", "strict");
    flags.usage("all", "Change the taints of every node.")
        .usage("overwrite", "Replace a taint that has the same key and effect instead of failing.");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    DryRunStrategy dryRun;
    if (!getDryRunStrategy(ctx, flags, dryRun, res))
        return res;

    // 1. Complete: resources first, then taint changes.
    std::vector<std::string> resources;
    std::vector<std::string> taintArgs;
    for (const std::string& a : flags.args()) {
        const bool isTaint = a.find('=') != std::string::npos || a.find(':') != std::string::npos ||
                             (!a.empty() && a.back() == '-');
        if (isTaint)
            taintArgs.push_back(a);
        else if (!taintArgs.empty())
            return res.append(errorResult("all resources must be specified before taint changes: " + a));
        else
            resources.push_back(a);
    }
    if (resources.empty())
        return res.append(errorResult("one or more resources must be specified as <resource> <name>"));
    if (taintArgs.empty())
        return res.append(errorResult("at least one taint update is required"));
    taint::ParsedTaints parsed = taint::parseTaints(taintArgs);
    if (!parsed.error.empty())
        return res.append(usageErrorResult("kubectl taint", parsed.error));

    // 2. Validate: nodes only, no add and remove of one taint, a name or --all or -l.
    std::string type = resources[0];
    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
    const ResourceInfo* info = ResourceRegistry::builtin().lookup(type);
    if (!info)
        return res.append(errorResult("the server doesn't have a resource type \"" + type + "\""));
    if (info->kind != "Node")
        return res.append(errorResult("invalid resource type " + type + ", only node types are supported"));
    std::string conflicts;
    for (const Taint& add : parsed.toAdd)
        for (const Taint& rm : parsed.toRemove)
            if (add.key == rm.key && (rm.effect.empty() || add.effect == rm.effect))
                conflicts += (conflicts.empty() ? "" : ", ") + rm.key + "=" + rm.effect;
    if (!conflicts.empty())
        return res.append(
            errorResult("can not both modify and remove the following taint(s) in the same command: " + conflicts));
    const bool all = flags.on("all");
    const std::string selector = flags.str("selector");
    if (all && !selector.empty())
        return res.append(errorResult("setting 'all' parameter with a non empty selector is prohibited"));
    if (!all && selector.empty() && resources.size() < 2)
        return res.append(
            errorResult("at least one resource name must be specified since 'all' parameter is not set"));

    // 3. Run: read the nodes, change each one's taints, patch, print.
    ResourceQuery q;
    q.args = {"nodes"};
    if (!all && selector.empty())
        q.args.insert(q.args.end(), resources.begin() + 1, resources.end());
    q.labelSelector = selector;
    q.all = all;
    ResourceResult found = resolveResources(ctx, q);
    if (!found.ok())
        return res.append(CommandResult::failure(found.error));
    ErrorList errors;
    for (const ResourceTarget& t : found.targets) {
        std::vector<Taint> current;
        if (const Json* list = findPath(t.object, "spec.taints"); list && list->is_array())
            for (const Json& j : *list)
                current.push_back(Taint::fromJson(j));
        if (!flags.on("overwrite")) {
            std::string existing;
            for (const Taint& add : parsed.toAdd)
                for (const Taint& old : current)
                    if (add.key == old.key && add.effect == old.effect)
                        existing += (existing.empty() ? "" : ",") + add.key;
            if (!existing.empty()) {
                errors.plain("node " + t.name + " already has " + existing +
                             " taint(s) with same effect(s) and --overwrite is false");
                continue;
            }
        }
        taint::TaintUpdate update = taint::reorganizeTaints(current, flags.on("overwrite"), parsed.toAdd, parsed.toRemove);
        if (!update.errors.empty()) {
            // One error reads "error: taint ... not found"; several are listed one per line.
            for (const std::string& e : update.errors)
                errors.plain(e);
            continue;
        }
        Json taintsJson = Json::array();
        for (const Taint& nt : update.taints)
            taintsJson.push_back(nt.toJson());
        Json shown = t.object;
        if (taintsJson.empty())
            shown["spec"].erase("taints");
        else
            shown["spec"]["taints"] = taintsJson;
        if (dryRun != DryRunStrategy::Client) {
            WriteOptions opts;
            opts.actor = "kubectl";
            opts.dryRun = dryRun == DryRunStrategy::Server;
            const Json patch = {{"spec", {{"taints", taintsJson.empty() ? Json(nullptr) : taintsJson}}}};
            ApiResponse resp = ctx.cluster.apiServer().patch(*t.resource, "", t.name, PatchType::StrategicMergePatch,
                                                             patch.dump(), opts);
            if (!resp.ok()) {
                errors.api(serverErrorText(resp.status));
                continue;
            }
            shown = resp.object;
        }
        Printer printer;
        std::string err;
        // kubectl taint sets the printer's operation after the dry-run suffix was applied, so
        // "--dry-run" prints "node/x tainted" without " (dry run)" (checked against kubectl 1.32).
        if (!Printer::make(flags, update.operation, DryRunStrategy::None, printer, err))
            return res.append(CommandResult::failure(err));
        res.out += printer.print(shown);
    }
    for (const std::string& e : found.itemErrors)
        res.err += e;
    if (!found.itemErrors.empty())
        res.exitCode = 1;
    if (!errors.empty())
        res.append(errors.result());
    ctx.cluster.runUntilIdle();
    return res;
}

}  // namespace kp::cli
