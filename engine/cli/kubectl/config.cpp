// kubectl config view|current-context|get-contexts|use-context|set-context: reads and edits the
// kubeconfig (kubeconfig.h). These commands never talk to the apiserver.
//   view: the config as YAML, certificate and key data hidden (DATA+OMITTED, REDACTED) unless
//         --raw; --minify keeps only what the current context uses; -o json|yaml|jsonpath=...
//   get-contexts [NAME]: CURRENT NAME CLUSTER AUTHINFO NAMESPACE, sorted by name; -o name.
//   use-context NAME: `Switched to context "NAME".`
//   set-context NAME|--current [--namespace=NS] [--cluster=C] [--user=U]:
//         `Context "NAME" modified.` (or created.)
//   get-clusters, get-users, delete-context|cluster|user NAME, rename-context OLD NEW.
// Upstream: kubectl pkg/cmd/config/{config,view,current_context,get_contexts,use_context,
// create_context}.go, client-go tools/clientcmd/api/helpers.go (MinifyConfig, ShortenConfig).
#include <algorithm>
#include <iterator>

#include "api/codec/json_encode.h"
#include "api/jsonpath.h"
#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/kubeconfig.h"
#include "cli/kubectl/kubectl.h"
#include "cli/tabwriter.h"

namespace kp::cli {
namespace {

// Go's %v of a string slice: "[a b]".
std::string bracketList(const std::vector<std::string>& items) {
    std::string list;
    for (const std::string& a : items)
        list += (list.empty() ? "" : " ") + a;
    return "[" + list + "]";
}

// Reads no file: where there is no kubeconfig (inside a container).
class NoFiles final : public FileSystem {
public:
    std::optional<std::string> readFile(const std::string&) const override { return std::nullopt; }
    bool isDirectory(const std::string&) const override { return false; }
    std::vector<std::string> listDirectory(const std::string&) const override { return {}; }
};

Json readConfig(const KubectlContext& ctx) {
    if (!ctx.kubeconfigFs)
        return loadKubeconfig(NoFiles{}, ctx.kubeconfigPaths);
    return loadKubeconfig(*ctx.kubeconfigFs, ctx.kubeconfigPaths);
}

// The file named in messages (client-go's GetDefaultFilename).
std::string configFile(const KubectlContext& ctx) {
    return ctx.kubeconfigFs ? ctx.kubeconfigPaths.defaultFile(*ctx.kubeconfigFs) : ctx.kubeconfigPaths.globalPath;
}

// Writes what changed since readConfig (ModifyConfig) and prints `message`.
CommandResult writeConfig(KubectlContext& ctx, const Json& config, const std::string& message) {
    std::string error = "open " + configFile(ctx) + ": permission denied";
    if (!ctx.kubeconfigFs || !modifyKubeconfig(*ctx.kubeconfigFs, ctx.kubeconfigPaths, readConfig(ctx), config, error))
        return errorResult(error);
    return {0, message, ""};
}

// ShortenConfig: what `config view` hides without --raw.
void redact(Json& config) {
    auto hide = [](Json* section, const char* field, const char* with) {
        if (section && section->is_object() && section->contains(field) && !(*section)[field].get<std::string>().empty())
            (*section)[field] = with;
    };
    if (config["clusters"].is_array())
        for (Json& c : config["clusters"])
            hide(c.contains("cluster") ? &c["cluster"] : nullptr, "certificate-authority-data", "DATA+OMITTED");
    if (config["users"].is_array())
        for (Json& u : config["users"]) {
            Json* user = u.contains("user") ? &u["user"] : nullptr;
            hide(user, "client-certificate-data", "DATA+OMITTED");
            hide(user, "client-key-data", "DATA+OMITTED");
            hide(user, "token", "REDACTED");
            hide(user, "password", "REDACTED");
        }
}

// MinifyConfig: the current context, its cluster and its user only.
bool minify(Json& config, std::string& error) {
    const std::string current = currentContext(config);
    const Json* ctx = findNamedEntry(config, "contexts", current);
    if (current.empty() || !ctx) {
        error = current.empty() ? "current-context must exist in order to minify"
                                : "cannot locate context " + current;
        return false;
    }
    Json out = config;
    auto keep = [&](const char* list, const std::string& name) {
        const Json* e = findNamedEntry(config, list, name);
        out[list] = e ? Json::array({*e}) : Json(nullptr);
    };
    keep("contexts", current);
    keep("clusters", stringAt(*ctx, "context.cluster"));
    keep("users", stringAt(*ctx, "context.user"));
    config = out;
    return true;
}

// -o json: kubectl marshals the clientcmd v1 structs, so keys come in Go's field order
// (name first, "extensions" last); keys of the extension objects are sorted.
int keyRank(const std::string& key) {
    static const char* kOrder[] = {"kind", "apiVersion", "preferences", "name", "server", "tls-server-name",
                                   "insecure-skip-tls-verify", "certificate-authority", "certificate-authority-data",
                                   "proxy-url", "disable-compression", "client-certificate", "client-certificate-data",
                                   "client-key", "client-key-data", "token", "tokenFile", "username", "password",
                                   "cluster", "user", "context", "extension", "namespace", "clusters", "users",
                                   "contexts", "current-context", "extensions"};
    for (size_t i = 0; i < std::size(kOrder); ++i)
        if (key == kOrder[i])
            return static_cast<int>(i);
    return static_cast<int>(std::size(kOrder));
}

void writeJson(const Json& v, const std::string& pad, std::string& out) {
    const std::string inner = pad + "    ";
    if (v.is_object() && !v.empty()) {
        std::vector<std::string> keys;
        for (auto it = v.begin(); it != v.end(); ++it)
            keys.push_back(it.key());
        std::stable_sort(keys.begin(), keys.end(),
                         [](const std::string& a, const std::string& b) { return keyRank(a) < keyRank(b); });
        out += "{\n";
        for (size_t i = 0; i < keys.size(); ++i) {
            out += inner + codec::marshalJson(Json(keys[i])) + ": ";
            writeJson(v[keys[i]], inner, out);
            out += i + 1 < keys.size() ? ",\n" : "\n";
        }
        out += pad + "}";
        return;
    }
    if (v.is_array() && !v.empty()) {
        out += "[\n";
        for (size_t i = 0; i < v.size(); ++i) {
            out += inner;
            writeJson(v[i], inner, out);
            out += i + 1 < v.size() ? ",\n" : "\n";
        }
        out += pad + "]";
        return;
    }
    out += codec::marshalJson(v);
}

std::string configJson(const Json& config) {
    std::string out;
    writeJson(config, "", out);
    return out + "\n";
}

// `{..namespace}`: the idiom for "my current namespace" (`config view --minify -o
// jsonpath='{..namespace}'`). The shared JSONPath engine has no recursive descent, so config
// view answers this one form itself: every value of that key, anywhere, in document order.
// SIMPLIFICATION: only a template that is exactly one `{..key}` expression.
bool isRecursiveLookup(const std::string& tmpl, std::string& key) {
    if (tmpl.size() < 6 || tmpl.rfind("{..", 0) != 0 || tmpl.back() != '}')
        return false;
    key = tmpl.substr(3, tmpl.size() - 4);
    return !key.empty() && key.find_first_of("{}[]. ") == std::string::npos;
}

void collectRecursive(const Json& v, const std::string& key, std::vector<std::string>& out) {
    if (v.is_object()) {
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (it.key() == key && !it.value().is_structured())
                out.push_back(it.value().is_string() ? it.value().get<std::string>() : it.value().dump());
            collectRecursive(it.value(), key, out);
        }
    } else if (v.is_array()) {
        for (const Json& e : v)
            collectRecursive(e, key, out);
    }
}

CommandResult configView(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl config view");
    flags.boolean("minify").boolean("raw").boolean("flatten").boolean("merge", "", true);
    flags.string("output", "o", "yaml").string("template");
    flags.usage("minify", "Show only the current context and the cluster and user it names.")
        .usage("raw", "Show certificate data and tokens instead of hiding them.")
        .usage("flatten", "Embed the files the kubeconfig points to (certificates, keys) in the output.")
        .usage("merge", "Show the merged view of every kubeconfig file.")
        .usage("output", "The output format: yaml, json or jsonpath=TEMPLATE.");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    if (!flags.args().empty())
        return usageErrorResult("kubectl config view", "unexpected arguments: " + bracketList(flags.args()));
    Json config = readConfig(ctx);
    std::string error;
    // SIMPLIFICATION: --flatten leaves certificate paths as they are (kubectl reads the files and
    // embeds their data; the simulated laptop has no certificate files).
    if (flags.on("minify") && !minify(config, error))
        return errorResult(error);
    if (!flags.on("raw"))
        redact(config);
    const std::string output = flags.str("output");
    if (output == "yaml")
        return {0, kubeconfigYaml(config), ""};
    if (output == "json")
        return {0, configJson(config), ""};
    if (output.rfind("jsonpath=", 0) == 0 || output == "jsonpath") {
        const std::string tmpl = output == "jsonpath" ? flags.str("template") : output.substr(9);
        if (std::string key; isRecursiveLookup(tmpl, key)) {
            std::vector<std::string> found;
            collectRecursive(config, key, found);
            std::string text;
            for (const std::string& v : found)
                text += (text.empty() ? "" : " ") + v;
            return {0, text, ""};
        }
        api::JsonPathResult r = api::evalJsonPathTemplate(tmpl, config);
        if (!r.ok())
            return errorResult(r.error);
        return {0, r.text, ""};
    }
    return errorResult("unable to match a printer suitable for the output format \"" + output +
                       "\", allowed formats are: go-template,go-template-file,json,jsonpath,"
                       "jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml");
}

CommandResult configCurrentContext(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl config current-context");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    const std::string current = currentContext(readConfig(ctx));
    if (current.empty())
        return errorResult("current-context is not set");
    return {0, current + "\n", ""};
}

CommandResult configGetContexts(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl config get-contexts");
    flags.boolean("no-headers").string("output", "o");
    flags.usage("no-headers", "Leave out the header line.").usage("output", "\"name\" prints the context names only.");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    const std::string output = flags.str("output");
    if (!output.empty() && output != "name")
        return errorResult("--output " + output +
                           " is not available in kubectl config get-contexts; resetting to default output format");
    const Json config = readConfig(ctx);
    const std::string current = currentContext(config);
    std::vector<const Json*> selected;
    std::string errors;
    if (flags.args().empty()) {
        if (const Json* list = findPath(config, "contexts"); list && list->is_array())
            for (const Json& c : *list)
                selected.push_back(&c);
    }
    for (const std::string& name : flags.args()) {
        if (const Json* c = findNamedEntry(config, "contexts", name))
            selected.push_back(c);
        else
            errors += "error: context " + name + " not found\n";
    }
    TabWriter tw(3, 6);  // kubectl printers.GetNewTabWriter: minwidth 6, padding 3
    if (output.empty() && !flags.on("no-headers"))
        tw.write("CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n");
    for (const Json* c : selected) {
        const std::string name = c->value("name", "");
        if (output == "name") {
            tw.write(name + "\n");
            continue;
        }
        tw.write(std::string(name == current ? "*" : "") + "\t" + name + "\t" + stringAt(*c, "context.cluster") + "\t" +
                 stringAt(*c, "context.user") + "\t" + stringAt(*c, "context.namespace") + "\n");
    }
    return {errors.empty() ? 0 : 1, tw.str(), errors};
}

CommandResult configUseContext(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl config use-context");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    if (flags.args().size() != 1) {
        // kubectl prints the command's help, then the error.
        // SIMPLIFICATION: the help is a short usage of our own.
        CommandResult r = errorResult("Unexpected args: " + bracketList(flags.args()));
        r.out = "Switch kubectl to another context of the kubeconfig.\n\nUsage:\n"
                "  kubectl config use-context CONTEXT_NAME [options]\n";
        return r;
    }
    const std::string name = flags.args()[0];
    Json config = readConfig(ctx);
    if (!findNamedEntry(config, "contexts", name))
        return errorResult("no context exists with the name: \"" + name + "\"");
    config["current-context"] = name;
    return writeConfig(ctx, config, "Switched to context \"" + name + "\".\n");
}

CommandResult configSetContext(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl config set-context");
    flags.boolean("current").string("cluster").string("user");
    flags.usage("current", "Change the current context instead of a named one.")
        .usage("cluster", "The cluster entry the context uses.")
        .usage("user", "The user entry the context uses.")
        .usage("namespace", "The namespace commands use when no -n is given.");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    if (flags.args().size() > 1)
        return errorResult("Unexpected args: " + bracketList(flags.args()));
    Json config = readConfig(ctx);
    std::string name = flags.args().empty() ? "" : flags.args()[0];
    if (flags.on("current")) {
        if (!name.empty())
            return errorResult("you cannot specify both a context name and --current");
        name = currentContext(config);
        if (name.empty())
            return errorResult("no current context is set");
    }
    if (name.empty())
        return errorResult("you must specify a non-empty context name or --current");
    const bool exists = findNamedEntry(config, "contexts", name) != nullptr;
    Json& entry = upsertNamedEntry(config, "contexts", name);
    Json& context = entry["context"];
    if (!context.is_object())
        context = Json::object();
    // Cluster and user are always written (not omitempty); the namespace only when set.
    for (const char* field : {"cluster", "user"}) {
        if (flags.changed(field))
            context[field] = flags.str(field);
        else if (!context.contains(field))
            context[field] = "";
    }
    if (flags.changed("namespace")) {
        if (flags.str("namespace").empty())
            context.erase("namespace");
        else
            context["namespace"] = flags.str("namespace");
    }
    return writeConfig(ctx, config, "Context \"" + name + "\" " + (exists ? "modified" : "created") + ".\n");
}

// get-clusters, get-users: "NAME" and the entries' names, sorted.
CommandResult configGetNames(KubectlContext& ctx, const std::string& list, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl config get-" + list);
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    res.out = "NAME\n";
    const Json config = readConfig(ctx);
    if (const Json* entries = findPath(config, list); entries && entries->is_array())
        for (const Json& e : *entries)
            res.out += e.value("name", "") + "\n";
    return res;
}

// delete-context, delete-cluster, delete-user NAME: "deleted context x from /root/.kube/config".
CommandResult configDelete(KubectlContext& ctx, const std::string& what, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl config delete-" + what);
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    if (flags.args().size() != 1)
        // kubectl prints the command's help and succeeds.
        // SIMPLIFICATION: a short usage of our own instead of the help text.
        return {0, "Usage:\n  kubectl config delete-" + what + " NAME [options]\n", ""};
    const std::string name = flags.args()[0];
    const std::string list = what == "user" ? "users" : what + "s";
    Json config = readConfig(ctx);
    if (!findNamedEntry(config, list, name))
        return errorResult("cannot delete " + what + " " + name + ", not in " + configFile(ctx));
    Json& entries = config[list];
    entries.erase(std::remove_if(entries.begin(), entries.end(),
                                 [&](const Json& e) { return e.value("name", "") == name; }),
                  entries.end());
    CommandResult r = writeConfig(ctx, config, "deleted " + what + " " + name + " from " + configFile(ctx) + "\n");
    // Deleting the current context leaves current-context pointing at nothing, with a warning.
    if (r.exitCode == 0 && what == "context" && currentContext(config) == name)
        r.err = "warning: this removed your active context, use \"kubectl config use-context\" to select a different "
                "one\n";
    return r;
}

// rename-context OLD NEW: `Context "OLD" renamed to "NEW".` (the current context follows).
CommandResult configRenameContext(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl config rename-context");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    if (flags.args().size() != 2) {
        CommandResult r = errorResult("Unexpected args: " + bracketList(flags.args()));
        r.out = "Usage:\n  kubectl config rename-context CONTEXT_NAME NEW_NAME [options]\n";
        return r;
    }
    const std::string& from = flags.args()[0];
    const std::string& to = flags.args()[1];
    Json config = readConfig(ctx);
    if (!findNamedEntry(config, "contexts", from))
        return errorResult("cannot rename the context \"" + from + "\", it's not in " + configFile(ctx));
    if (findNamedEntry(config, "contexts", to))
        return errorResult("cannot rename the context \"" + from + "\", the context \"" + to +
                           "\" already exists in " + configFile(ctx));
    for (Json& e : config["contexts"])
        if (e.value("name", "") == from)
            e["name"] = to;
    if (currentContext(config) == from)
        config["current-context"] = to;
    return writeConfig(ctx, config, "Context \"" + from + "\" renamed to \"" + to + "\".\n");
}

// Without a subcommand kubectl prints the config command's help.
// SIMPLIFICATION: a short list of the subcommands kubeplay knows, in our words.
CommandResult configHelp() {
    return {0,
            "Modify kubeconfig files using subcommands like \"kubectl config set-context --current --namespace=NS\".\n"
            "\n"
            "Available Commands:\n"
            "  current-context   Print the name of the current context\n"
            "  delete-cluster    Remove a cluster entry\n"
            "  delete-context    Remove a context entry\n"
            "  delete-user       Remove a user entry\n"
            "  get-clusters      List the clusters of the kubeconfig\n"
            "  get-contexts      List the contexts of the kubeconfig\n"
            "  get-users         List the users of the kubeconfig\n"
            "  rename-context    Give a context another name\n"
            "  set-context       Create or change a context\n"
            "  use-context       Switch to another context\n"
            "  view              Print the kubeconfig\n"
            "\n"
            "Usage:\n"
            "  kubectl config SUBCOMMAND [options]\n",
            ""};
}

}  // namespace

CommandResult kubectlConfig(KubectlContext& ctx, const std::vector<std::string>& commandLine) {
    // Global flags may come before the subcommand too (kubectl config --kubeconfig=F view).
    std::vector<std::string> args;
    if (CommandResult error; !globalFlagsAfterCommand(commandLine, args, error))
        return error;
    if (args.empty() || args[0] == "-h" || args[0] == "--help")
        return configHelp();
    const std::string& sub = args[0];
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (sub == "view")
        return configView(ctx, rest);
    if (sub == "current-context")
        return configCurrentContext(ctx, rest);
    if (sub == "get-contexts")
        return configGetContexts(ctx, rest);
    if (sub == "use-context" || sub == "use")
        return configUseContext(ctx, rest);
    if (sub == "set-context")
        return configSetContext(ctx, rest);
    if (sub == "get-clusters")
        return configGetNames(ctx, "clusters", rest);
    if (sub == "get-users")
        return configGetNames(ctx, "users", rest);
    if (sub == "delete-context" || sub == "delete-cluster" || sub == "delete-user")
        return configDelete(ctx, sub.substr(7), rest);
    if (sub == "rename-context")
        return configRenameContext(ctx, rest);
    // cobra runs the parent (which prints its help) for an unknown subcommand of config.
    // SIMPLIFICATION: set-cluster, set-credentials, set and unset are not simulated; they get
    // this error.
    return usageErrorResult("kubectl config", "unknown command \"" + sub + "\"");
}

}  // namespace kp::cli
