// kubectl config view|current-context|get-contexts|use-context|set-context: reads and edits the
// kubeconfig (kubeconfig.h). These commands never talk to the apiserver.
//   view: the config as YAML, certificate and key data hidden (DATA+OMITTED, REDACTED) unless
//         --raw; --minify keeps only what the current context uses; -o json|yaml|jsonpath=...
//   get-contexts [NAME]: CURRENT NAME CLUSTER AUTHINFO NAMESPACE, sorted by name; -o name.
//   use-context NAME: `Switched to context "NAME".`
//   set-context NAME|--current [--namespace=NS] [--cluster=C] [--user=U]:
//         `Context "NAME" modified.` (or created.)
//   get-clusters, get-users, delete-context|cluster|user NAME, rename-context OLD NEW.
//   set-cluster, set-credentials, set, unset: config_set.cpp.
// Upstream: kubectl pkg/cmd/config/{config,view,current_context,get_contexts,use_context,
// create_context}.go, client-go tools/clientcmd/api/helpers.go (MinifyConfig, ShortenConfig).
#include <algorithm>
#include <iterator>

#include "api/codec/json_encode.h"
#include "api/jsonpath.h"
#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/config_access.h"
#include "cli/kubectl/help.h"
#include "cli/kubectl/kubeconfig.h"
#include "cli/kubectl/kubectl.h"
#include "cli/tabwriter.h"

namespace kp::cli {

// [SECTION] shared with config_set.cpp (config_access.h)

namespace {

// Reads no file: where there is no kubeconfig (inside a container).
class NoFiles final : public FileSystem {
public:
    std::optional<std::string> readFile(const std::string&) const override { return std::nullopt; }
    bool isDirectory(const std::string&) const override { return false; }
    std::vector<std::string> listDirectory(const std::string&) const override { return {}; }
};

// filepath.Clean of an absolute path: no ".", "..", doubled or trailing slashes.
std::string cleanAbsolute(const std::string& path) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (start <= path.size()) {
        size_t slash = path.find('/', start);
        if (slash == std::string::npos)
            slash = path.size();
        const std::string part = path.substr(start, slash - start);
        if (part == "..") {
            if (!parts.empty())
                parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        start = slash + 1;
    }
    std::string out;
    for (const std::string& p : parts)
        out += "/" + p;
    return out.empty() ? "/" : out;
}

std::string directoryOf(const std::string& absolute) {
    const size_t slash = absolute.rfind('/');
    return slash == 0 ? "/" : absolute.substr(0, slash);
}

// RelativizePathWithNoBacksteps: `path` (relative ones start at `base`) as a path relative to
// `base` when it lies inside it; else absolute.
std::string relativeTo(const std::string& base, const std::string& path) {
    const std::string absolute = cleanAbsolute(!path.empty() && path[0] == '/' ? path : base + "/" + path);
    if (absolute == base)
        return ".";
    const std::string prefix = base == "/" ? "/" : base + "/";
    return absolute.rfind(prefix, 0) == 0 ? absolute.substr(prefix.size()) : absolute;
}

// The file an entry is written to (ModifyConfig): the first file that has it, else the
// default file.
std::string destinationOf(const KubectlContext& ctx, const char* list, const std::string& name, bool existed) {
    if (existed)
        if (std::string origin = kubeconfigOrigin(*ctx.kubeconfigFs, ctx.kubeconfigPaths, list, name); !origin.empty())
            return origin;
    return ctx.kubeconfigPaths.defaultFile(*ctx.kubeconfigFs);
}

// The file references of the cluster and user entries that changed (client-go's
// GetClusterFileReferences, GetAuthInfoFileReferences), relative to the file each goes to.
void relativizeChangedPaths(const KubectlContext& ctx, const Json& starting, Json& config) {
    for (const char* list : {"clusters", "users"}) {
        if (!config[list].is_array())
            continue;
        for (Json& entry : config[list]) {
            const std::string name = entry.value("name", "");
            const Json* before = findNamedEntry(starting, list, name);
            if (before && *before == entry)
                continue;
            const std::string base = directoryOf(absolutePath(ctx, destinationOf(ctx, list, name, before != nullptr)));
            Json& body = entry[std::string(list) == "clusters" ? "cluster" : "user"];
            if (!body.is_object())
                continue;
            auto relativize = [&](Json& holder, const char* field) {
                if (holder.contains(field) && holder[field].is_string() && !holder[field].get<std::string>().empty())
                    holder[field] = relativeTo(base, holder[field].get<std::string>());
            };
            for (const char* field : {"certificate-authority", "client-certificate", "client-key", "tokenFile"})
                relativize(body, field);
            // The exec command only when it is a path, not a name looked up in $PATH.
            if (body.contains("exec") && body["exec"].is_object() &&
                body["exec"].value("command", "").find('/') != std::string::npos)
                relativize(body["exec"], "command");
        }
    }
}

}  // namespace

CommandResult helpError(const CommandFlags& flags, const std::string& message) {
    CommandResult r = errorResult(message);
    r.out = commandHelp(flags);
    return r;
}

std::string bracketList(const std::vector<std::string>& items) {
    std::string list;
    for (const std::string& a : items)
        list += (list.empty() ? "" : " ") + a;
    return "[" + list + "]";
}

std::string absolutePath(const KubectlContext& ctx, const std::string& path) {
    if (!path.empty() && path[0] == '/')
        return cleanAbsolute(path);
    std::string pwd = ctx.getenv ? ctx.getenv("PWD") : "";
    if (pwd.empty() || pwd[0] != '/')
        pwd = "/root";
    return cleanAbsolute(pwd + "/" + path);
}

Json readConfig(const KubectlContext& ctx) {
    if (!ctx.kubeconfigFs)
        return loadKubeconfig(NoFiles{}, ctx.kubeconfigPaths);
    return loadKubeconfig(*ctx.kubeconfigFs, ctx.kubeconfigPaths);
}

std::string configFile(const KubectlContext& ctx) {
    return ctx.kubeconfigFs ? ctx.kubeconfigPaths.defaultFile(*ctx.kubeconfigFs) : ctx.kubeconfigPaths.globalPath;
}

CommandResult writeConfig(KubectlContext& ctx, const Json& config, const std::string& message) {
    std::string error = "open " + configFile(ctx) + ": permission denied";
    if (!ctx.kubeconfigFs)
        return errorResult(error);
    const Json starting = readConfig(ctx);
    Json updated = config;
    relativizeChangedPaths(ctx, starting, updated);
    if (!modifyKubeconfig(*ctx.kubeconfigFs, ctx.kubeconfigPaths, starting, updated, error))
        return errorResult(error);
    return {0, message, ""};
}

namespace {


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
// (name first, "extensions" last); keys of maps (extensions, auth-provider config) are sorted.
// `parent` is the key of the object whose keys are ordered ("exec" has its own order).
int keyRank(const std::string& parent, const std::string& key) {
    static const char* kOrder[] = {"kind", "apiVersion", "preferences", "name", "server", "tls-server-name",
                                   "insecure-skip-tls-verify", "certificate-authority", "certificate-authority-data",
                                   "proxy-url", "disable-compression", "client-certificate", "client-certificate-data",
                                   "client-key", "client-key-data", "token", "tokenFile", "as", "as-uid", "as-groups",
                                   "as-user-extra", "username", "password", "auth-provider", "exec", "cluster", "user",
                                   "context", "extension", "namespace", "clusters", "users", "contexts",
                                   "current-context", "colors", "extensions"};
    static const char* kExecOrder[] = {"command", "args", "env", "apiVersion", "installHint", "provideClusterInfo",
                                       "interactiveMode"};
    auto rank = [&](const auto& order) {
        for (size_t i = 0; i < std::size(order); ++i)
            if (key == order[i])
                return static_cast<int>(i);
        return static_cast<int>(std::size(order));
    };
    if (parent == "exec")
        return rank(kExecOrder);
    if (parent == "config" || parent == "extension" || parent == "as-user-extra")
        return 0;  // maps: sorted by key
    return rank(kOrder);
}

void writeJson(const Json& v, const std::string& parent, const std::string& pad, std::string& out) {
    const std::string inner = pad + "    ";
    if (v.is_object() && !v.empty()) {
        std::vector<std::string> keys;
        for (auto it = v.begin(); it != v.end(); ++it)
            keys.push_back(it.key());
        std::stable_sort(keys.begin(), keys.end(), [&](const std::string& a, const std::string& b) {
            return keyRank(parent, a) < keyRank(parent, b);
        });
        out += "{\n";
        for (size_t i = 0; i < keys.size(); ++i) {
            out += inner + codec::marshalJson(Json(keys[i])) + ": ";
            writeJson(v[keys[i]], keys[i], inner, out);
            out += i + 1 < keys.size() ? ",\n" : "\n";
        }
        out += pad + "}";
        return;
    }
    if (v.is_array() && !v.empty()) {
        out += "[\n";
        for (size_t i = 0; i < v.size(); ++i) {
            out += inner;
            writeJson(v[i], parent + "[]", inner, out);
            out += i + 1 < v.size() ? ",\n" : "\n";
        }
        out += pad + "]";
        return;
    }
    out += codec::marshalJson(v);
}

std::string configJson(const Json& config) {
    std::string out;
    writeJson(config, "", "", out);
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
    flags.boolean("allow-missing-template-keys", "", true).boolean("show-managed-fields");
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
    if (flags.args().size() != 1)
        return helpError(flags, "Unexpected args: " + bracketList(flags.args()));
    const std::string name = flags.args()[0];
    Json config = readConfig(ctx);
    if (!findNamedEntry(config, "contexts", name))
        return errorResult("no context exists with the name: \"" + name + "\"");
    config["current-context"] = name;
    return writeConfig(ctx, config, "Switched to context \"" + name + "\".\n");
}

CommandResult configSetContext(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl config set-context");
    // Its own --namespace hides the global one, shorthand -n included (kubectl says "unknown
    // shorthand flag: 'n' in -n").
    flags.boolean("current").string("cluster").string("user").string("namespace");
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
// SIMPLIFICATION: kubectl 1.32 sorts the users but lists the clusters in Go's random map order;
// both are sorted here.
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
    if (flags.args().size() != 1) {
        if (what == "user")
            return usageErrorResult(flags.commandPath(), "user to delete is required");
        // delete-cluster and delete-context print their help and succeed.
        return {0, commandHelp(flags), ""};
    }
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
    if (flags.args().size() != 2)
        return helpError(flags, "Unexpected args: " + bracketList(flags.args()));
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

}  // namespace

CommandResult kubectlConfig(KubectlContext& ctx, const std::vector<std::string>& commandLine) {
    // Global flags may come before the subcommand too (kubectl config --kubeconfig=F view).
    std::vector<std::string> args;
    if (CommandResult error; !globalFlagsAfterCommand(commandLine, args, error))
        return error;
    // Without a subcommand: the help of config on stderr, exit 1 (help.cpp's parent commands).
    if (args.empty())
        return missingSubcommand("config");
    if (std::string help; parentCommandHelp(std::vector<std::string>{"config", args[0]}, help))
        return {0, help, ""};
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
    if (sub == "set-cluster")
        return configSetCluster(ctx, rest);
    if (sub == "set-credentials")
        return configSetCredentials(ctx, rest);
    if (sub == "set")
        return configSet(ctx, rest);
    if (sub == "unset")
        return configUnset(ctx, rest);
    return usageErrorResult("kubectl config", "unknown command \"" + sub + "\"");
}

}  // namespace kp::cli
