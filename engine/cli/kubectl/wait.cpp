// kubectl wait --for=CONDITION (TYPE NAME | TYPE/NAME | TYPE -l SEL | TYPE --all) [--timeout=30s]:
// blocks until every selected object meets the condition, one object after the other, all
// within one --timeout (default 30s; 0 checks once; negative means a week, 30 minutes here).
// Conditions:
//   condition=Ready[=true]   a status.conditions entry of that type with that status (both
//                            compared case-insensitively), not older than metadata.generation;
//   delete                   the object is gone (or replaced: another uid under the name);
//   create                   the named objects exist;
//   jsonpath={.status.phase}=Running   the expression gives that value (without "=VALUE": any).
// Prints "pod/x condition met" per object; fails with "timed out waiting for the condition on
// pods/x" or "no matching resources found".
// Virtual time moves while kubectl waits: the cluster runs event by event until the condition
// holds or the time is up, so `kubectl wait` in a script takes as long as the cluster needs.
// Upstream: kubectl pkg/cmd/wait/{wait,condition,delete,create,json}.go.
#include <algorithm>
#include <cctype>

#include "base/text.h"
#include "api/jsonpath.h"
#include "cli/kubectl/cmd_flags.h"
#include "cli/cluster_waiter.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/kubectl.h"
#include "cli/kubectl/print_flags.h"
#include "cli/kubectl/resource_args.h"

namespace kp::cli {
namespace {

// --timeout below zero means a week in kubectl.
// SIMPLIFICATION: kubeplay gives up after 30 minutes of virtual time instead (as `rollout
// status` does without a timeout): a script cannot be interrupted, and a week of a cluster's
// events takes minutes to simulate.
constexpr Duration kNegativeTimeout = Duration::minutes(30);

bool equalFold(const std::string& a, const std::string& b) { return asciiLower(a) == asciiLower(b); }

enum class WaitKind { Condition, Delete, Create, JsonPath };

struct WaitFor {
    WaitKind kind = WaitKind::Condition;
    std::string conditionName;
    std::string conditionStatus = "true";
    std::string jsonPath;   // "{.status.phase}"
    std::string jsonValue;  // "" matches any value
};

// cmdget.RelaxedJSONPathExpression: ".a.b", "a.b", "{.a.b}" or "{a.b}" -> "{.a.b}".
bool relaxedJsonPath(const std::string& in, std::string& out, std::string& error) {
    std::string s = in;
    if (s.size() >= 2 && s.front() == '{' && s.back() == '}')
        s = s.substr(1, s.size() - 2);
    if (!s.empty() && s.front() == '.')
        s.erase(0, 1);
    if (s.empty() || s.find_first_of("{}") != std::string::npos) {
        error = "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or "
                "'{.name1.name2}'";
        return false;
    }
    out = "{." + s + "}";
    return true;
}

// conditionFuncFor: parses --for.
bool parseFor(const std::string& cond, WaitFor& out, std::string& error) {
    const std::string lc = asciiLower(cond);
    if (lc == "delete") {
        out.kind = WaitKind::Delete;
        return true;
    }
    if (lc == "create") {
        out.kind = WaitKind::Create;
        return true;
    }
    if (cond.rfind("condition=", 0) == 0) {
        out.kind = WaitKind::Condition;
        out.conditionName = cond.substr(10);
        if (size_t eq = out.conditionName.find('='); eq != std::string::npos) {
            out.conditionStatus = out.conditionName.substr(eq + 1);
            out.conditionName.erase(eq);
        }
        return true;
    }
    if (cond.rfind("jsonpath=", 0) == 0) {
        out.kind = WaitKind::JsonPath;
        // splitJSONPathInput: "=" splits, "==" stays (filters).
        std::vector<std::string> parts{""};
        const std::string in = cond.substr(9);
        for (size_t i = 0; i < in.size(); ++i) {
            if (in[i] == '=' && i + 1 < in.size() && in[i + 1] == '=') {
                parts.back() += "==";
                ++i;
            } else if (in[i] == '=') {
                parts.emplace_back();
            } else {
                parts.back() += in[i];
            }
        }
        if (parts.size() > 2) {
            error = "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or "
                    "--for=jsonpath='{.status.readyReplicas}'";
            return false;
        }
        if (!relaxedJsonPath(parts[0], out.jsonPath, error))
            return false;
        if (parts.size() == 2) {
            std::string v = parts[1];
            while (!v.empty() && (v.front() == '\'' || v.front() == '"'))
                v.erase(0, 1);
            while (!v.empty() && (v.back() == '\'' || v.back() == '"'))
                v.pop_back();
            if (v.empty()) {
                error = "jsonpath wait has to have a value after equal sign, like "
                        "--for=jsonpath='{.status.readyReplicas}'=3";
                return false;
            }
            out.jsonValue = v;
        }
        return true;
    }
    error = "unrecognized condition: \"" + cond + "\"";
    return false;
}

// ConditionalWait.checkCondition.
bool conditionMet(const WaitFor& w, const Json& obj) {
    const Json* conditions = findPath(obj, "status.conditions");
    if (!conditions || !conditions->is_array())
        return false;
    for (const Json& c : *conditions) {
        if (!c.is_object() || !c.contains("type") || !c["type"].is_string() ||
            !equalFold(c["type"].get<std::string>(), w.conditionName))
            continue;
        if (!c.contains("status") || !c["status"].is_string())
            continue;
        // A condition written for an older generation says nothing about the current spec.
        if (const Json* gen = findPath(obj, "metadata.generation"); gen && gen->is_number_integer()) {
            const Json* observed = c.contains("observedGeneration") ? &c["observedGeneration"]
                                                                     : findPath(obj, "status.observedGeneration");
            if (observed && observed->is_number_integer() && observed->get<int64_t>() < gen->get<int64_t>())
                return false;
        }
        return equalFold(c["status"].get<std::string>(), w.conditionStatus);
    }
    return false;
}

// JSONPathWait.isJSONPathConditionMet: false to keep waiting; an error ends the wait.
bool jsonPathMet(const WaitFor& w, const Json& obj, std::string& error) {
    std::vector<const Json*> values = api::selectJsonPath(w.jsonPath, obj, &error);
    if (!error.empty())
        return false;
    if (values.empty())
        return false;
    if (w.jsonValue.empty())
        return true;
    if (values.size() > 1) {
        error = "given jsonpath expression matches more than one value";
        return false;
    }
    const Json& v = *values[0];
    if (v.is_object() || v.is_array()) {
        error = "jsonpath leads to a nested object or list which is not supported";
        return false;
    }
    const std::string text = v.is_string() ? v.get<std::string>() : v.dump();
    return text == w.jsonValue;
}

}  // namespace

CommandResult kubectlWait(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl wait");
    addPrintFlags(flags);
    flags.string("for").duration("timeout", "", "30s").string("selector", "l").boolean("all");
    flags.boolean("all-namespaces", "A").string("field-selector").stringSlice("filename", "f").boolean("recursive", "R");
    flags.boolean("local");
    flags.usage("timeout", "How long to wait before giving up (e.g. 30s); 0 checks once, a negative value waits a week.")
        .usage("all", "Wait for every object of the given types in the namespace.");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;

    // 1. Complete: the condition, the printer, the objects.
    WaitFor waitFor;
    std::string error;
    if (!parseFor(flags.str("for"), waitFor, error))
        return errorResult(error);
    Printer printer;
    if (!Printer::make(flags, "condition met", DryRunStrategy::None, printer, error))
        return CommandResult::failure(error);
    Duration timeout = flags.dur("timeout");
    if (timeout.ms < 0)
        timeout = kNegativeTimeout;
    const Time deadline = ctx.cluster.now() + timeout;
    const bool allNamespaces = flags.on("all-namespaces");
    ResourceQuery q;
    q.args = flags.args();
    q.ns = allNamespaces ? "" : commandNamespace(ctx, flags);
    q.labelSelector = flags.str("selector");
    q.all = flags.on("all") || allNamespaces;

    // 2. Run: each object in turn, until it meets the condition or the deadline passes. The
    // checks run as the cluster moves on (a ClusterWaiter), so the page shows the wait live and
    // Ctrl+C stops it.
    struct State {
        bool resolved = false;  // the objects are known (--for=create waits for them to exist)
        std::vector<ResourceTarget> targets;
        size_t next = 0;  // the object waited for
        std::string uid;
        Json last;
    };
    auto state = std::make_shared<State>();
    auto context = std::make_shared<KubectlContext>(ctx);  // outlives this call
    Cluster& cluster = ctx.cluster;
    auto check = [state, context, &cluster, q, waitFor, printer, timeout](ClusterWaiter::Progress& p) {
        auto fail = [&p](const std::string& message) {
            p.err += "error: " + message + "\n";
            p.exitCode = 1;
            p.done = true;
        };
        if (!state->resolved) {
            ResourceResult r = resolveResources(*context, q);
            if (!r.ok()) {
                p.err += r.error;
                p.exitCode = 1;
                p.done = true;
                return;
            }
            // --for=create waits until the named objects exist.
            if (waitFor.kind == WaitKind::Create && !r.itemErrors.empty())
                return;
            // --for=delete: an object that is already gone needs no waiting.
            if (waitFor.kind != WaitKind::Delete && !r.itemErrors.empty()) {
                p.err += r.itemErrors.front();
                p.exitCode = 1;
                p.done = true;
                return;
            }
            state->resolved = true;
            state->targets = std::move(r.targets);
            if (state->targets.empty() && waitFor.kind != WaitKind::Delete)
                return fail("no matching resources found");
        }
        while (state->next < state->targets.size()) {
            ResourceTarget& t = state->targets[state->next];
            if (t.resource->namespaced)
                t.ns = stringAt(t.object, "metadata.namespace", t.ns);
            if (state->uid.empty()) {
                state->uid = stringAt(t.object, "metadata.uid");
                state->last = t.object;
            }
            ApiResponse now = cluster.apiServer().get(*t.resource, t.ns, t.name);
            bool met = false;
            std::string error;
            if (waitFor.kind == WaitKind::Delete) {
                met = !now.ok() || stringAt(now.object, "metadata.uid") != state->uid;
            } else if (now.ok()) {
                state->last = now.object;
                state->last["apiVersion"] = t.resource->apiVersion();
                state->last["kind"] = t.resource->kind;
                if (waitFor.kind == WaitKind::JsonPath) {
                    met = jsonPathMet(waitFor, state->last, error);
                    if (!error.empty())
                        return fail(error);
                } else {
                    met = waitFor.kind == WaitKind::Create || conditionMet(waitFor, state->last);
                }
            }
            // SIMPLIFICATION: an object deleted while kubectl waits for a condition is waited
            // for until the timeout (kubectl's watch reports it at once).
            if (!met) {
                // --timeout=0 checks once and says so.
                if (timeout.ms == 0)
                    fail("condition not met for " + t.resource->resource + "/" + t.name);
                return;
            }
            p.out += printer.print(state->last);
            ++state->next;
            state->uid.clear();
        }
        p.done = true;
    };
    auto atDeadline = [state](ClusterWaiter::Progress& p) {
        p.exitCode = 1;
        if (!state->resolved || state->next >= state->targets.size()) {
            p.err += "error: timed out waiting for the condition\n";
            return;
        }
        const ResourceTarget& t = state->targets[state->next];
        p.err += "error: timed out waiting for the condition on " + t.resource->resource + "/" + t.name + "\n";
    };
    auto waiter = std::make_shared<ClusterWaiter>(cluster, deadline, check, atDeadline);
    waiter->start();
    res.out += waiter->takeOutput();
    res.err += waiter->takeErrors();
    if (waiter->finished()) {
        res.exitCode = waiter->exitCode();
        return res;
    }
    res.foreground = waiter;
    return res;
}

}  // namespace kp::cli
