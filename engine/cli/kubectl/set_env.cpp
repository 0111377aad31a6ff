// kubectl set env TYPE/NAME... KEY=VALUE... KEY-... [-e KEY=VALUE] [-c CONTAINERS] [--list]
// [--overwrite=false] [--all | -l sel]
// Updates the env of every selected container (an added variable replaces those of the same
// name, removals win), sends the strategic merge patch and prints
// `deployment.apps/hello env updated`; --list prints "# Deployment hello, container web" and
// the variables instead.
// SIMPLIFICATION: --from/--keys/--prefix (values from ConfigMaps and Secrets), --resolve and
// "-" (variables from stdin) are not supported yet.
// Upstream: kubectl pkg/cmd/set/set_env.go (Complete, Validate, RunEnv, validateNoOverwrites),
// pkg/cmd/set/env/env_parse.go (SplitEnvironmentFromResources, ParseEnv),
// pkg/cmd/set/helper.go (updateEnv).
#include <algorithm>

#include "api/codec/go_format.h"
#include "apiserver/validation/name_validation.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/set_common.h"

namespace kp::cli {
namespace {

bool isEnvArgument(const std::string& s) {
    size_t eq = s.find('=');
    return (eq != std::string::npos && eq > 0) || (!s.empty() && s.back() == '-');
}

// ParseEnv: variables to set and names to remove, or the error.
std::string parseEnv(const std::vector<std::string>& specs, Json& env, std::vector<std::string>& remove) {
    env = Json::array();
    std::vector<std::string> names;
    for (const std::string& spec : specs) {
        size_t eq = spec.find('=');
        if (spec == "-")
            return "when '-' is used, STDIN must be open";
        if (eq != std::string::npos) {
            const std::string name = spec.substr(0, eq);
            validation::Messages errs = validation::isEnvVarName(name);
            if (!errs.empty()) {
                std::string joined;
                for (const std::string& e : errs)
                    joined += (joined.empty() ? "" : ";") + e;
                return codec::quoteGo(name) + " is not a valid key name: " + joined;
            }
            names.push_back(name);
            env.push_back({{"name", name}, {"value", spec.substr(eq + 1)}});
        } else if (!spec.empty() && spec.back() == '-') {
            remove.push_back(spec.substr(0, spec.size() - 1));
        } else {
            return "unknown environment variable: " + spec;
        }
    }
    for (const std::string& r : remove)
        if (std::find(names.begin(), names.end(), r) != names.end())
            return "can not both modify and remove the same environment variable in the same command";
    return "";
}

const Json* findEnv(const Json& env, const std::string& name) {
    for (const Json& e : env)
        if (e.value("name", "") == name)
            return &e;
    return nullptr;
}

// updateEnv: existing order kept, replaced in place, new ones appended, removals dropped.
Json updateEnv(const Json& existing, const Json& env, const std::vector<std::string>& remove) {
    Json out = Json::array();
    std::vector<std::string> covered = remove;
    auto isCovered = [&](const std::string& n) { return std::find(covered.begin(), covered.end(), n) != covered.end(); };
    for (const Json& e : existing) {
        const std::string name = e.value("name", "");
        if (isCovered(name))
            continue;
        if (const Json* newer = findEnv(env, name)) {
            covered.push_back(name);
            out.push_back(*newer);
            continue;
        }
        out.push_back(e);
    }
    for (const Json& e : env) {
        const std::string name = e.value("name", "");
        if (isCovered(name))
            continue;
        covered.push_back(name);
        out.push_back(e);
    }
    return out;
}

}  // namespace

CommandResult setEnv(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl set env");
    addSetFlags(flags);
    flags.string("containers", "c", "*").stringArray("env", "e").boolean("list").boolean("resolve");
    flags.boolean("overwrite", "", true).string("from").stringSlice("keys").string("prefix");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    if (flags.on("all") && !flags.str("selector").empty())
        return res.append(errorResult("cannot set --all and --selector at the same time"));
    std::vector<std::string> resources, envArgs;
    bool seenEnv = false;
    for (const std::string& a : flags.args()) {
        const bool isEnv = isEnvArgument(a);
        if (seenEnv && !isEnv) {
            std::string all;
            for (const std::string& w : flags.args())
                all += (all.empty() ? "" : " ") + w;
            return res.append(errorResult("all resources must be specified before environment changes: " + all));
        }
        seenEnv = seenEnv || isEnv;
        (isEnv ? envArgs : resources).push_back(a);
    }
    DryRunStrategy dryRun;
    if (!getDryRunStrategy(ctx, flags, dryRun, res))
        return res;
    Printer printer;
    std::string err;
    if (!Printer::make(flags, "env updated", dryRun, printer, err))
        return res.append(CommandResult::failure(err));
    if (flags.on("local") || !flags.list("filename").empty() || !flags.str("from").empty() || flags.on("resolve"))
        return res.append(errorResult("kubectl set env -f/--local/--from/--resolve is not available in kubeplay yet"));
    if (resources.empty())
        return res.append(errorResult("one or more resources must be specified as <resource> <name> or <resource>/<name>"));
    const bool list = flags.on("list");
    if (list && !flags.str("output").empty())
        return res.append(errorResult("--list and --output may not be specified together"));
    if (!flags.list("keys").empty())
        return res.append(errorResult("when specifying --keys, a configmap or secret must be provided with --from"));
    std::vector<std::string> specs = flags.list("env");
    specs.insert(specs.end(), envArgs.begin(), envArgs.end());
    Json env;
    std::vector<std::string> remove;
    if (std::string e = parseEnv(specs, env, remove); !e.empty())
        return res.append(errorResult(e));
    for (Json& e : env)
        e["name"] = flags.str("prefix") + e["name"].get<std::string>();

    ResourceQuery q;
    q.args = resources;
    q.ns = commandNamespace(ctx, flags);
    q.all = flags.on("all");
    q.labelSelector = flags.str("selector");
    ResourceResult found = resolveResources(ctx, q);
    if (!found.ok())
        return res.append(CommandResult::failure(found.error));
    if (!found.itemErrors.empty())
        return res.append(CommandResult::failure(found.itemErrors.front()));

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
        std::vector<Json*> containers;
        for (const char* field : {"containers", "initContainers"})
            if (spec->contains(field) && (*spec)[field].is_array())
                for (Json& c : (*spec)[field])
                    if (selectContainer(c.value("name", ""), selector))
                        containers.push_back(&c);
        const std::string kind = stringAt(after, "kind");
        if (containers.empty()) {
            res.err += "Warning: " + kind + "/" + t.name + " does not have any containers matching " +
                       codec::quoteGo(selector) + "\n";
            continue;
        }
        std::string overwriteError;
        for (Json* c : containers) {
            const Json existing = c->value("env", Json::array());
            if (!flags.on("overwrite")) {
                for (const Json& e : env) {
                    const Json* current = findEnv(existing, e["name"].get<std::string>());
                    if (current && current->value("value", "") != e.value("value", ""))
                        overwriteError = "'" + e["name"].get<std::string>() + "' already has a value (" +
                                         current->value("value", "") + "), and --overwrite is false";
                }
                if (!overwriteError.empty())
                    break;
            }
            Json updated = updateEnv(existing, env, remove);
            if (updated.empty())
                c->erase("env");
            else
                (*c)["env"] = updated;
            if (list) {
                res.out += "# " + kind + " " + t.name + ", container " + c->value("name", "") + "\n";
                for (const Json& e : updated) {
                    if (e.contains("valueFrom"))
                        // SIMPLIFICATION: kubectl names the reference (e.g. "configmap x, key y").
                        res.out += "# " + e.value("name", "") + " from a reference\n";
                    else
                        res.out += e.value("name", "") + "=" + e.value("value", "") + "\n";
                }
            }
        }
        if (!overwriteError.empty()) {
            errors.plain("error: " + infoObjectName(t) + " " + overwriteError + "\n");
            continue;
        }
        if (list)
            continue;
        Json patch = calculatePatch(t.object, after);
        if (patch.empty())
            continue;
        if (dryRun == DryRunStrategy::Client) {
            res.out += printer.print(after);
            continue;
        }
        Json actual;
        if (std::string e = sendSetPatch(ctx, t, patch, dryRun, flags.str("field-manager"), actual); !e.empty()) {
            errors.plain("failed to patch env update to pod template: " + e);
            continue;
        }
        if (env.empty() && specs.empty())
            return res.append(errorResult("at least one environment variable must be provided"));
        res.out += printer.print(actual);
    }
    ctx.cluster.runUntilIdle();
    return res.append(errors.result());
}

}  // namespace kp::cli
