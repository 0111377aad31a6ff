// kubectl run NAME --image=IMAGE [--port] [--labels] [--env]... [--annotations]...
// [--restart=Always|OnFailure|Never] [--command] [--image-pull-policy] [--expose]
// [-i] [-t] [--attach] [--rm] [--dry-run] [-o] [-- COMMAND/ARGS...]
// The pod generator (BasicPod): label run=NAME unless --labels, one container named NAME,
// words after "--" as args (or as the command with --command), dnsPolicy ClusterFirst,
// restartPolicy from --restart.
// Attached runs (-i/--attach) wait in virtual time for the pod to run or finish, print the
// container's output, wait for the exit code with --restart=Never|OnFailure, and delete the pod
// with --rm (`pod "x" deleted`).
// --overrides patches the generated pod before it is sent or printed: a JSON merge patch by
// default, or a strategic merge / JSON patch with --override-type=strategic|json; the result is
// decoded back into a Pod (unknown fields dropped, wrong types fail).
// Upstream: kubectl pkg/cmd/run/run.go (Run, getRestartPolicy, handleAttachPod, waitForPod,
// podRunningAndReady, podCompleted), pkg/generate/versioned/run.go (BasicPod.Generate), pkg/cmd/util/override_options.go
// (Overrider.Apply), pkg/cmd/util/helpers.go (Merge, StrategicMerge, JSONPatch).
#include "api/codec/json_decode.h"
#include "api/codec/json_encode.h"
#include "api/codec/typed_json.h"
#include "api/schema/strict_decoder.h"
#include "apiserver/patch/go_value.h"
#include "apiserver/patch/json_merge_patch.h"
#include "apiserver/patch/json_patch.h"
#include "apiserver/patch/strategic_merge_patch.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/print_flags.h"
#include "cli/kubectl/run_attach.h"
#include "apiserver/validation/name_validation.h"
#include "runtime/image_reference.h"

namespace kp::cli {
namespace {

// Builds the pod as BasicPod does; "" or the generator's error.
std::string generatePod(const CommandFlags& flags, const std::string& name, const std::vector<std::string>& podArgs,
                        const std::string& restartPolicy, Json& pod) {
    Json labels = {{"run", name}};
    if (!flags.str("labels").empty())
        if (std::string err = parseLabelSpec(flags.str("labels"), labels); !err.empty())
            return err;
    Json annotations = Json::object();
    std::string invalid;
    for (const std::string& a : flags.list("annotations")) {
        size_t eq = a.find('=');
        if (eq == std::string::npos || eq == 0)
            invalid += (invalid.empty() ? "" : ", ") + a;
        else
            annotations[a.substr(0, eq)] = a.substr(eq + 1);
    }
    if (!invalid.empty())
        return "invalid annotations format: " + invalid;
    Json env = Json::array();
    for (const std::string& e : flags.list("env")) {
        size_t eq = e.find('=');
        if (eq == std::string::npos || eq == 0 || !validation::isEnvVarName(e.substr(0, eq)).empty())
            return "invalid env: " + e;
        env.push_back({{"name", e.substr(0, eq)}, {"value", e.substr(eq + 1)}});
    }
    Json container = {{"name", name}, {"image", flags.str("image")}, {"resources", Json::object()}};
    const bool stdinOn = flags.on("stdin");
    if (stdinOn) {
        container["stdin"] = true;
        if (!flags.on("leave-stdin-open"))
            container["stdinOnce"] = true;
    }
    if (flags.on("tty"))
        container["tty"] = true;
    if (flags.on("privileged"))
        container["securityContext"] = {{"privileged", true}};
    if (!podArgs.empty())
        container[flags.on("command") ? "command" : "args"] = podArgs;
    if (!env.empty())
        container["env"] = env;
    if (!flags.str("image-pull-policy").empty())
        container["imagePullPolicy"] = flags.str("image-pull-policy");
    if (!flags.str("port").empty()) {
        const std::string& p = flags.str("port");
        char* end = nullptr;
        long long port = std::strtoll(p.c_str(), &end, 10);
        if (*end != '\0')
            return "strconv.Atoi: parsing \"" + p + "\": invalid syntax";
        container["ports"] = Json::array({{{"containerPort", port}}});
    }
    Json meta = {{"name", name}, {"creationTimestamp", nullptr}, {"labels", labels}};
    if (!annotations.empty())
        meta["annotations"] = annotations;
    pod = {
        {"apiVersion", "v1"},
        {"kind", "Pod"},
        {"metadata", meta},
        {"spec", {{"containers", Json::array({container})}, {"restartPolicy", restartPolicy}, {"dnsPolicy", "ClusterFirst"}}},
        {"status", Json::object()},
    };
    return "";
}

// The Service `--expose` creates next to the pod (generator ServiceV2: selector = the pod's
// labels, one TCP port = --port).
Json generateService(const Json& pod, int64_t port) {
    const Json& labels = pod["metadata"]["labels"];
    return {
        {"apiVersion", "v1"},
        {"kind", "Service"},
        {"metadata", {{"name", stringAt(pod, "metadata.name")}, {"creationTimestamp", nullptr}}},
        {"spec",
         {{"ports", Json::array({{{"protocol", "TCP"}, {"port", port}, {"targetPort", port}}})}, {"selector", labels}}},
        {"status", {{"loadBalancer", Json::object()}}},
    };
}

// What decoding into the typed Pod and encoding it again leaves of `value` (a `def` struct):
// unknown fields are dropped, and nulls, empty maps and empty lists become zero values that
// omitempty fields do not print.
// SIMPLIFICATION: the schema does not record omitempty, so every list and map is taken as
// omitempty (true of the Pod's except PodSpec.containers).
void roundTripTyped(const schema::StructDef* def, Json& value, int depth) {
    if (!def || !value.is_object() || depth > 100)
        return;
    for (auto it = value.begin(); it != value.end();) {
        const schema::Field* f = def->field(it.key());
        Json& v = it.value();
        if (!f || v.is_null()) {
            it = value.erase(it);
            continue;
        }
        const schema::Type* t = f->type;
        if (t->kind == schema::TypeKind::Struct)
            roundTripTyped(t->def, v, depth + 1);
        if (t->kind == schema::TypeKind::List && v.is_array() && t->elem->kind == schema::TypeKind::Struct)
            for (Json& item : v)
                roundTripTyped(t->elem->def, item, depth + 1);
        if (t->kind == schema::TypeKind::Map && v.is_object() && t->elem->kind == schema::TypeKind::Struct)
            for (auto& [k, item] : v.items())
                roundTripTyped(t->elem->def, item, depth + 1);
        const bool omitEmpty = !(def->name == "PodSpec" && f->name == "containers");
        if ((t->kind == schema::TypeKind::List || t->kind == schema::TypeKind::Map) && v.empty() && omitEmpty) {
            it = value.erase(it);
            continue;
        }
        ++it;
    }
}

// Decodes a patched pod as kubectl's codec does: apiVersion and kind must still name a
// registered kind, a value of the wrong type fails, unknown fields are dropped.
// Upstream: apimachinery pkg/runtime/serializer/json/meta.go#Interpret (the version/kind
// errors), serializer/json/json.go#Decode.
std::string decodeOverriddenPod(Json& pod) {
    if (!pod.is_object() && !pod.is_null())
        return "couldn't get version/kind; json parse error: json: cannot unmarshal " + patch::jsonTypeWord(pod) +
               " into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string "
               "\"json:\\\"kind,omitempty\\\"\" }";
    if (pod.is_null())
        return "Object 'Kind' is missing in 'null'";
    const std::string apiVersion = pod.contains("apiVersion") && pod["apiVersion"].is_string() ? pod["apiVersion"].get<std::string>() : "";
    const std::string kind = pod.contains("kind") && pod["kind"].is_string() ? pod["kind"].get<std::string>() : "";
    if (kind.empty()) {
        // The patched bytes, in the generated object's field order.
        Json typed = pod;
        typed["kind"] = "Pod";
        std::string text = codec::marshalTypedJson(typed);
        const std::string kindKey = "\"kind\":\"Pod\",";
        if (text.compare(1, kindKey.size(), kindKey) == 0)
            text.erase(1, kindKey.size());
        return "Object 'Kind' is missing in '" + text + "'";
    }
    if (apiVersion != "v1" || kind != "Pod")
        return "no kind \"" + kind + "\" is registered for version \"" + apiVersion +
               "\" in scheme \"pkg/scheme/scheme.go:28\"";
    const schema::StructDef* def = schema::Schema::builtin().kind("v1", "Pod");
    if (schema::DecodeIssues issues = schema::checkStrict(*def, pod); !issues.typeError.empty())
        return issues.typeError;
    roundTripTyped(def, pod, 0);
    // Struct fields encoding/json always writes.
    if (!pod.contains("metadata"))
        pod["metadata"] = Json::object();
    pod["metadata"]["creationTimestamp"] = nullptr;
    if (!pod.contains("spec"))
        pod["spec"] = Json::object();
    if (!pod["spec"].contains("containers"))
        pod["spec"]["containers"] = nullptr;
    else
        for (Json& c : pod["spec"]["containers"])
            if (!c.contains("resources"))
                c["resources"] = Json::object();
    if (!pod.contains("status"))
        pod["status"] = Json::object();
    return "";
}

// Applies --overrides to the generated pod; "" or kubectl's error text.
// Upstream: kubectl pkg/cmd/util/override_options.go#Overrider.Apply.
std::string applyOverrides(const CommandFlags& flags, Json& pod) {
    const std::string& fragment = flags.str("overrides");
    if (fragment.empty())
        return "";
    std::string type = flags.str("override-type");
    if (type.empty())
        type = "merge";
    codec::JsonParseResult parsed = codec::parseJson(fragment);
    patch::PatchResult patched;
    if (type == "merge") {
        // gopkg.in/evanphx/json-patch.v4 MergePatch: a syntax error is "Invalid JSON Patch".
        if (!parsed.ok())
            return "Invalid JSON Patch";
        patched = patch::mergePatch(pod, parsed.value);
    } else if (type == "strategic") {
        // strategicpatch.StrategicMergePatch unmarshals the patch into a map.
        if (!parsed.ok() || !(parsed.value.is_object() || parsed.value.is_null()))
            return "invalid JSON document";
        patched = patch::strategicMergePatch(pod, parsed.value.is_null() ? Json::object() : parsed.value,
                                             schema::Schema::builtin().kind("v1", "Pod"));
    } else if (type == "json") {
        if (!parsed.ok())
            return parsed.error;
        patched = patch::applyJSONPatch(pod, parsed.value);
    } else {
        return "invalid override type: " + type;
    }
    if (!patched.ok())
        return patched.error.message;
    pod = std::move(patched.value);
    return decodeOverriddenPod(pod);
}

}  // namespace

CommandResult kubectlRun(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl run");
    addPrintFlags(flags);
    addDryRunFlag(flags);
    flags.stringArray("annotations").string("image").required("image").string("image-pull-policy").boolean("rm");
    flags.stringArray("env").string("port").string("labels", "l").boolean("stdin", "i").boolean("tty", "t");
    flags.boolean("attach").boolean("leave-stdin-open").string("restart", "", "Always").boolean("command");
    flags.boolean("expose").boolean("quiet", "q").boolean("privileged").string("field-manager", "", "kubectl-run");
    flags.boolean("save-config").string("overrides").string("override-type", "", "merge");
    flags.duration("pod-running-timeout", "", "1m0s");
    flags.string("cascade", "", "background").integer("grace-period", "", -1).boolean("force").boolean("wait");
    CommandResult failure;
    if (!parseCommandFlags(ctx, flags, args, failure))
        return failure;
    const std::vector<std::string>& words = flags.args();
    if (words.empty() || flags.argsLenAtDash() == 0)
        return usageErrorResult("kubectl run", "NAME is required for run");
    const std::string name = words[0];
    const std::vector<std::string> podArgs(words.begin() + 1, words.end());
    const std::string image = flags.str("image");
    std::string refError;
    if (!runtime::parseImageReference(image, &refError))
        return errorResult("Invalid image name \"" + image + "\": invalid reference format");
    const bool interactive = flags.on("stdin");
    if (flags.on("tty") && !interactive)
        return usageErrorResult("kubectl run", "-i/--stdin is required for containers with -t/--tty=true");
    if (flags.on("expose") && flags.str("port").empty())
        return usageErrorResult("kubectl run", "--port must be set when exposing a service");

    CommandResult res;
    DryRunStrategy dryRun;
    if (!getDryRunStrategy(ctx, flags, dryRun, res))
        return res;
    const bool attach = flags.changed("attach") ? flags.on("attach") : interactive;
    Printer printer;
    std::string err;
    if (!Printer::make(flags, "created", dryRun, printer, err))
        return res.append(CommandResult::failure(err));
    std::string restart = flags.str("restart");
    if (restart.empty())
        restart = interactive ? "OnFailure" : "Always";
    if (restart != "Always" && restart != "OnFailure" && restart != "Never")
        return res.append(usageErrorResult("kubectl run", "invalid restart policy: " + restart));
    if (flags.on("rm") && !attach)
        return res.append(usageErrorResult("kubectl run", "--rm should only be used for attached containers"));
    if (attach && dryRun != DryRunStrategy::None)
        return res.append(usageErrorResult(
            "kubectl run",
            "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)"));
    const std::string pullPolicy = flags.str("image-pull-policy");
    if (!pullPolicy.empty() && pullPolicy != "Always" && pullPolicy != "IfNotPresent" && pullPolicy != "Never")
        return res.append(usageErrorResult("kubectl run", "invalid image pull policy: " + pullPolicy));

    Json pod;
    if (std::string genErr = generatePod(flags, name, podArgs, restart, pod); !genErr.empty())
        return res.append(errorResult(genErr));
    const ResourceRegistry& reg = ctx.cluster.apiServer().resources();
    const Json generated = pod;
    if (std::string overrideErr = applyOverrides(flags, pod); !overrideErr.empty())
        return res.append(errorResult(overrideErr));
    const std::string ns = commandNamespace(ctx, flags);
    const bool enforce = namespaceEnforced(flags);
    WriteOptions opts;
    opts.actor = "kubectl";
    opts.fieldManager = flags.str("field-manager");
    opts.dryRun = dryRun == DryRunStrategy::Server;

    Json created = pod;
    if (dryRun == DryRunStrategy::Client) {
        if (enforce)
            created["metadata"]["namespace"] = ns;
    } else {
        ApiResponse resp = ctx.cluster.apiServer().create(*reg.byKind("v1", "Pod"), ns, pod, opts);
        for (const std::string& w : resp.warnings)
            res.err += "Warning: " + w + "\n";
        if (!resp.ok())
            return res.append(CommandResult::failure(serverErrorText(resp.status)));
        created = resp.object;
        ctx.cluster.runUntilIdle();
    }
    if (flags.on("expose")) {
        Json svc = generateService(generated, std::strtoll(flags.str("port").c_str(), nullptr, 10));
        if (dryRun == DryRunStrategy::Client) {
            if (enforce)
                svc["metadata"]["namespace"] = ns;
            res.out += printer.print(svc);
        } else {
            ApiResponse resp = ctx.cluster.apiServer().create(*reg.byKind("v1", "Service"), ns, svc, opts);
            if (!resp.ok())
                res.append(CommandResult::failure(serverErrorText(resp.status)));
            else
                res.out += printer.print(resp.object);
        }
        if (printer.format() == "yaml")
            res.out += "---\n";
    }
    if (!attach) {
        res.out += printer.print(created);
        return res;
    }
    AttachRun a;
    a.ns = ns;
    a.pod = stringAt(created, "metadata.name");
    a.restartPolicy = restart;
    a.interactive = interactive;
    a.tty = flags.on("tty");
    a.quiet = flags.on("quiet");
    a.leaveStdinOpen = flags.on("leave-stdin-open");
    a.remove = flags.on("rm");
    a.timeout = flags.dur("pod-running-timeout");
    return res.append(runAttached(ctx, a));
}

}  // namespace kp::cli
