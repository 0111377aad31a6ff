#include "cli/completion.h"

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "cli/docker/docker.h"
#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/help.h"
#include "cli/kubectl/kubeconfig.h"
#include "cli/kubectl/kubectl.h"
#include "cli/minikube/minikube.h"
#include "cluster/cluster.h"
#include "cluster/machine_nodes.h"

namespace kp::cli {
namespace {

// [SECTION] Command tables read from the tools' own --help texts

struct FlagSpec {
    std::string name;       // "all-namespaces"
    std::string shorthand;  // "A", or ""
    std::string usage;      // the first line of its usage
    bool takesValue = true;
    bool repeatable = false;  // a slice or array flag ("[]" default): offered again after use
};

struct CommandTable {
    std::vector<CompletionCandidate> commands;  // subcommands with their short descriptions
    std::vector<FlagSpec> flags;                // the command's own flags, as --help lists them
    const FlagSpec* flag(const std::string& name) const {
        for (const FlagSpec& f : flags)
            if (f.name == name)
                return &f;
        return nullptr;
    }
    const FlagSpec* shortFlag(const std::string& shorthand) const {
        for (const FlagSpec& f : flags)
            if (f.shorthand == shorthand)
                return &f;
        return nullptr;
    }
    bool hasCommand(const std::string& name) const {
        return std::any_of(commands.begin(), commands.end(), [&](const auto& c) { return c.value == name; });
    }
};

// Reads a --help text: the "... Commands:" sections ("  name   Short description") and the
// "Options:" block (kubectl: "    -s, --name=DEFAULT:\n\tusage"; minikube the same).
CommandTable parseHelp(const std::string& text) {
    static const std::regex commandLine(R"(^  ([a-z][a-z0-9-]*)  +(\S.*)$)");
    static const std::regex flagLine(R"(^\s+(?:-([A-Za-z0-9]), )?--([a-z0-9-]+)=(.*):$)");
    CommandTable table;
    bool inCommands = false;
    FlagSpec* lastFlag = nullptr;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string line = text.substr(start, end - start);
        start = end + 1;
        std::smatch m;
        if (!line.empty() && line.back() == ':' && line.find("Commands") != std::string::npos && line[0] != ' ') {
            inCommands = true;
            continue;
        }
        if (line.empty() || line[0] != ' ')
            inCommands = false;
        if (inCommands && std::regex_match(line, m, commandLine)) {
            table.commands.push_back({m[1], m[2]});
            continue;
        }
        if (std::regex_match(line, m, flagLine)) {
            const std::string def = m[3];
            FlagSpec f;
            f.name = m[2];
            f.shorthand = m[1].matched ? m[1].str() : "";
            f.takesValue = def != "false" && def != "true";
            f.repeatable = !def.empty() && def[0] == '[';
            table.flags.push_back(f);
            lastFlag = &table.flags.back();
            continue;
        }
        if (lastFlag && !line.empty() && line[0] == '\t') {
            if (lastFlag->usage.empty())
                lastFlag->usage = line.substr(1);
            continue;
        }
        lastFlag = nullptr;
    }
    // cobra lists a command's flags by name, and its subcommands by name too.
    std::sort(table.flags.begin(), table.flags.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    std::sort(table.commands.begin(), table.commands.end(),
              [](const auto& a, const auto& b) { return a.value < b.value; });
    return table;
}

std::string pathKey(const std::string& tool, const std::vector<std::string>& path) {
    std::string key = tool;
    for (const std::string& p : path)
        key += " " + p;
    return key;
}

const std::vector<FlagSpec>& globalFlags();

// kubectl's table for a command path ({} is kubectl itself), read once: help never changes.
// SIMPLIFICATION: the commands offered are those kubeplay simulates (its `kubectl` overview);
// kubectl's `help` and the commands kubeplay lacks (attach, cp, debug, ...) are not.
const CommandTable& kubectlTable(KubectlContext& ctx, const std::vector<std::string>& path) {
    static std::map<std::string, CommandTable> cache;
    const std::string key = pathKey("kubectl", path);
    if (auto it = cache.find(key); it != cache.end())
        return it->second;
    std::vector<std::string> args = path;
    args.push_back("--help");
    CommandTable table = parseHelp(runKubectl(ctx, args).out);
    if (path.empty())
        table.flags = globalFlags();  // kubectl's own flags are the global ones
    // cobra's --help, which help pages do not list among the options.
    table.flags.push_back({"help", "h", "help for " + (path.empty() ? std::string("kubectl") : path.back()), false, false});
    std::sort(table.flags.begin(), table.flags.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return cache.emplace(key, std::move(table)).first->second;
}

const CommandTable& minikubeTable(Cluster& cluster, const std::vector<std::string>& path) {
    static std::map<std::string, CommandTable> cache;
    const std::string key = pathKey("minikube", path);
    if (auto it = cache.find(key); it != cache.end())
        return it->second;
    std::vector<std::string> args = path;
    args.push_back("--help");
    MinikubeState state;  // help reads no state: a scratch one keeps the learner's untouched
    MinikubeContext ctx(cluster, state);
    CommandResult r = runMinikube(ctx, args);
    return cache.emplace(key, parseHelp(ctx.terminal.empty() ? r.out : ctx.terminal)).first->second;
}

// kubectl's global flags (`kubectl options`, cmd_flags.cpp accepts them all), by name as
// cobra visits them; the usages are kubeplay's words.
const std::vector<FlagSpec>& globalFlags() {
    static const std::vector<FlagSpec> flags = {
        {"as", "", "The user to act as for this request (impersonation)", true, false},
        {"as-group", "", "A group to act as for this request; repeat it for several", true, true},
        {"as-uid", "", "The UID to act as for this request", true, false},
        {"cache-dir", "", "Where kubectl caches what it discovers about the server", true, false},
        {"certificate-authority", "", "The CA certificate file that signs the server's certificate", true, false},
        {"client-certificate", "", "The client certificate file for TLS", true, false},
        {"client-key", "", "The client key file for TLS", true, false},
        {"cluster", "", "The kubeconfig cluster to talk to", true, false},
        {"context", "", "The kubeconfig context to use", true, false},
        {"disable-compression", "", "Ask the server not to compress its responses", false, false},
        {"insecure-skip-tls-verify", "", "Do not check the server's certificate (insecure)", false, false},
        {"kubeconfig", "", "The kubeconfig file to read instead of ~/.kube/config", true, false},
        {"log-flush-frequency", "", "How often logs are flushed, at most", true, false},
        {"match-server-version", "", "Fail unless the server's version matches kubectl's", false, false},
        {"namespace", "n", "The namespace of this request", true, false},
        {"password", "", "The password for basic authentication", true, false},
        {"profile", "", "Which profile to capture (none, cpu, heap, goroutine, threadcreate, block or mutex)", true,
         false},
        {"profile-output", "", "The file the profile is written to", true, false},
        {"request-timeout", "", "How long to wait for one server request (0: no limit)", true, false},
        {"server", "s", "The address and port of the API server", true, false},
        {"tls-server-name", "", "The server name checked in the server's certificate", true, false},
        {"token", "", "The bearer token to authenticate with", true, false},
        {"user", "", "The kubeconfig user to authenticate as", true, false},
        {"username", "", "The user name for basic authentication", true, false},
        {"v", "v", "How verbose the logs are (a number)", true, false},
        {"vmodule", "", "Verbosity per file, as pattern=N,...", true, false},
        {"warnings-as-errors", "", "Fail when the server sends a warning", false, false},
    };
    return flags;
}

// The flags kubectl 1.32 marks required (cobra MarkFlagRequired in pkg/cmd): cobra offers them
// first, even before a "-" is typed.
std::vector<std::string> requiredFlags(const std::vector<std::string>& path) {
    static const std::map<std::string, std::vector<std::string>> required = {
        {"autoscale", {"max"}},
        {"create clusterrolebinding", {"clusterrole"}},
        {"create cronjob", {"image", "schedule"}},
        {"create deployment", {"image"}},
        {"create service externalname", {"external-name"}},
        {"run", {"image"}},
        {"scale", {"replicas"}},
    };
    std::string key;
    for (const std::string& p : path)
        key += (key.empty() ? "" : " ") + p;
    auto it = required.find(key);
    return it == required.end() ? std::vector<std::string>{} : it->second;
}

const FlagSpec* findGlobal(const std::string& name, bool shorthand) {
    for (const FlagSpec& f : globalFlags())
        if (shorthand ? f.shorthand == name : f.name == name)
            return &f;
    return nullptr;
}

bool startsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

std::vector<std::string> splitOn(const std::string& s, char sep) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        const size_t end = s.find(sep, start);
        parts.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos)
            return parts;
        start = end + 1;
    }
}

// [SECTION] What kubectl asks the server while completing (kubectl's CompGetResource & co.)

struct KubectlCompletion {
    KubectlContext& ctx;
    bool reachable;
    std::string ns;  // --namespace, else the context's namespace

    // The words a `kubectl get ARGS -o go-template=TEMPLATE` prints, space-separated, that start
    // with `prefix` (CompGetFromTemplate).
    std::vector<std::string> fromTemplate(std::vector<std::string> args, const std::string& tmpl,
                                          const std::string& prefix) {
        std::vector<std::string> out;
        if (!reachable)
            return out;
        args.insert(args.begin(), "get");
        args.insert(args.end(), {"-n", ns, "-o", "go-template=" + tmpl});
        KubectlContext get = ctx;  // the line's kubeconfig; no input
        get.stdinText.clear();
        for (const std::string& w : splitOn(runKubectl(get, args).out, ' '))
            if (!w.empty() && startsWith(w, prefix))
                out.push_back(w);
        return out;
    }
    std::vector<std::string> names(const std::string& type, const std::string& prefix) {
        return fromTemplate({type}, "{{ range .items  }}{{ .metadata.name }} {{ end }}", prefix);
    }
    std::vector<std::string> containers(const std::string& pod, const std::string& prefix) {
        if (pod.find('/') != std::string::npos)
            return {};  // SIMPLIFICATION: TYPE/NAME is not resolved to its pod here
        return fromTemplate({"pod", pod},
                            "{{ range .spec.initContainers }}{{ .name }} {{end}}{{ range .spec.containers  }}{{ .name }} {{ end }}",
                            prefix);
    }
    // `kubectl api-resources -o name --cached --verbs=get`: the types, "TYPES,type" completes
    // the last one of a list.
    std::vector<std::string> resourceTypes(const std::string& toComplete) {
        std::vector<std::string> out;
        if (!reachable)
            return out;
        const size_t comma = toComplete.rfind(',');
        const std::string prefix = comma == std::string::npos ? "" : toComplete.substr(0, comma + 1);
        const std::string suffix = toComplete.substr(prefix.size());
        KubectlContext apiResources = ctx;
        apiResources.stdinText.clear();
        for (const std::string& r : splitOn(runKubectl(apiResources, {"api-resources", "-o", "name", "--verbs=get"}).out, '\n'))
            if (!r.empty() && startsWith(r, suffix))
                out.push_back(prefix + r);
        return out;
    }
    // The kubeconfig's contexts, clusters or users (`list`).
    std::vector<std::string> kubeconfigNames(const std::string& list, const std::string& prefix) {
        std::vector<std::string> out;
        if (!ctx.kubeconfigFs)
            return out;
        const Json config = loadKubeconfig(*ctx.kubeconfigFs, ctx.kubeconfigPaths);
        if (config.contains(list) && config[list].is_array())
            for (const Json& entry : config[list])
                if (std::string name = entry.value("name", ""); !name.empty() && startsWith(name, prefix))
                    out.push_back(name);
        std::sort(out.begin(), out.end());  // SIMPLIFICATION: Go's map order is random; sorted here
        return out;
    }

    // ResourceTypeAndNameCompletionFunc and its variants: TYPE then names, or TYPE/NAME.
    CompletionAnswer typeAndName(const std::vector<std::string>& args, std::string toComplete,
                                 const std::vector<std::string>& allowedTypes, bool allowRepeat) {
        CompletionAnswer a;
        a.directive = kCompNoFileComp;
        std::vector<std::string> comps;
        if (!args.empty() && args[0].find('/') == std::string::npos) {
            if (allowRepeat || args.size() == 1) {
                comps = names(args[0], toComplete);
                comps.erase(std::remove_if(comps.begin(), comps.end(),
                                           [&](const std::string& c) {
                                               return std::find(args.begin() + 1, args.end(), c) != args.end();
                                           }),
                            comps.end());
            }
        } else if (toComplete.find('/') == std::string::npos) {
            std::vector<std::string> types;
            if (allowedTypes.empty())
                types = resourceTypes(toComplete);
            else
                for (const std::string& t : allowedTypes)
                    if (startsWith(t, toComplete))
                        types.push_back(t);
            if (args.empty()) {
                comps = types;
            } else if (allowRepeat) {
                a.directive |= kCompNoSpace;
                for (const std::string& t : types)
                    comps.push_back(t + "/");
            }
        } else if (allowRepeat || args.empty()) {
            const std::string type = toComplete.substr(0, toComplete.find('/'));
            for (const std::string& n : names(type, toComplete.substr(type.size() + 1)))
                if (std::find(args.begin(), args.end(), type + "/" + n) == args.end())
                    comps.push_back(type + "/" + n);
        }
        for (std::string& c : comps)
            a.candidates.push_back({std::move(c), ""});
        return a;
    }
    // doPodResourceCompletion: pod names, and the types that have pods as "TYPE/".
    CompletionAnswer podOrTypeWithPods(const std::string& toComplete) {
        CompletionAnswer a;
        a.directive = kCompNoFileComp;
        const size_t slash = toComplete.find('/');
        if (slash != std::string::npos) {
            const std::string type = toComplete.substr(0, slash);
            for (const std::string& n : names(type, toComplete.substr(slash + 1)))
                a.candidates.push_back({type + "/" + n, ""});
            return a;
        }
        for (const std::string& n : names("pod", toComplete))
            a.candidates.push_back({n, ""});
        if (a.candidates.empty())
            a.directive |= kCompNoSpace;
        for (const char* type : {"daemonsets", "deployments", "pods", "jobs", "replicasets", "replicationcontrollers",
                                 "services", "statefulsets"})
            if (startsWith(type, toComplete))
                a.candidates.push_back({std::string(type) + "/", ""});
        return a;
    }
    CompletionAnswer plain(std::vector<std::string> comps, int directive = kCompNoFileComp) {
        CompletionAnswer a;
        a.directive = directive;
        for (std::string& c : comps)
            a.candidates.push_back({std::move(c), ""});
        return a;
    }
    std::vector<std::string> matching(const std::vector<std::string>& words, const std::string& prefix) {
        std::vector<std::string> out;
        for (const std::string& w : words)
            if (startsWith(w, prefix))
                out.push_back(w);
        return out;
    }

    // The command's ValidArgsFunction (kubectl pkg/cmd/*): what its positional arguments are;
    // nullopt for a command that has none.
    std::optional<CompletionAnswer> arguments(const std::vector<std::string>& path, const std::vector<std::string>& args,
                               const std::string& toComplete) {
        const std::string cmd = path.empty() ? "" : path[0];
        const std::string sub = path.size() > 1 ? path[1] : "";
        static const std::set<std::string> typeAndNameCommands = {"get",   "describe", "delete", "edit",
                                                                  "label", "annotate", "patch",  "debug"};
        if (path.size() == 1 && typeAndNameCommands.count(cmd))
            return typeAndName(args, toComplete, {}, true);
        if (cmd == "apply" && (sub == "edit-last-applied" || sub == "view-last-applied"))
            return typeAndName(args, toComplete, {}, true);
        if (path.size() == 1 && (cmd == "scale" || cmd == "autoscale"))
            return typeAndName(args, toComplete, {"deployment", "replicaset", "replicationcontroller", "statefulset"},
                               true);
        if (path.size() == 1 && cmd == "expose")
            return typeAndName(args, toComplete,
                               {"pod", "service", "replicationcontroller", "deployment", "replicaset"}, true);
        if (path.size() == 1 && cmd == "taint")
            return typeAndName(args, toComplete, {"node"}, true);
        if (cmd == "rollout" && (sub == "pause" || sub == "resume"))
            return typeAndName(args, toComplete, {"deployment"}, true);
        if (cmd == "rollout" && (sub == "history" || sub == "restart" || sub == "undo" || sub == "status"))
            return typeAndName(args, toComplete, {"deployment", "daemonset", "statefulset"}, sub != "status");
        if (cmd == "set" && sub == "image")
            return typeAndName(args, toComplete,
                               {"daemonsets", "deployments", "pods", "cronjobs", "replicasets",
                                "replicationcontrollers", "statefulsets"},
                               false);
        if ((path.size() == 1 && (cmd == "cordon" || cmd == "uncordon" || cmd == "drain")) ||
            (cmd == "top" && sub == "node"))
            return plain(args.empty() ? names("node", toComplete) : std::vector<std::string>{});
        if (cmd == "top" && sub == "pod")
            return plain(args.empty() ? names("pod", toComplete) : std::vector<std::string>{});
        if (path.size() == 1 && (cmd == "exec" || cmd == "attach" || cmd == "logs" || cmd == "port-forward")) {
            if (args.empty())
                return podOrTypeWithPods(toComplete);
            if (args.size() == 1 && cmd == "logs")
                return plain(containers(args[0], toComplete));
            if (args.size() == 1 && cmd == "port-forward")
                return plain(ports(args[0], toComplete));
            return plain({});
        }
        if (cmd == "config" && (sub == "use-context" || sub == "delete-context" || sub == "rename-context" ||
                                sub == "set-context"))
            return plain(args.empty() ? kubeconfigNames("contexts", toComplete) : std::vector<std::string>{});
        if (cmd == "config" && sub == "delete-cluster")
            return plain(args.empty() ? kubeconfigNames("clusters", toComplete) : std::vector<std::string>{});
        if (cmd == "config" && sub == "delete-user")
            return plain(args.empty() ? kubeconfigNames("users", toComplete) : std::vector<std::string>{});
        return std::nullopt;  // no ValidArgsFunction
    }
    // ResourceAndPortCompletionFunc's second argument: "PORT:PORT" of a service or pod.
    std::vector<std::string> ports(const std::string& target, const std::string& toComplete) {
        const std::vector<std::string> t = splitOn(target, '/');
        const std::string type = t.size() == 1 ? "pod" : t[0];
        const std::string local = toComplete.empty() ? "" : splitOn(toComplete, ':')[0];
        if (type == "service" || type == "services" || type == "svc")
            return fromTemplate({"service", t[1]},
                                "{{ range .spec.ports }}" + (local.empty() ? "{{ .port }}" : local) + ":{{ .port }} {{ end }}",
                                toComplete);
        if (t.size() != 1)
            return {};  // SIMPLIFICATION: TYPE/NAME other than a service is not resolved to its pod here
        return fromTemplate({"pod", t[0]},
                            "{{ range .spec.containers }}{{ range .ports }}" +
                                (local.empty() ? "{{ .containerPort }}" : local) + ":{{ .containerPort }} {{ end }}{{ end }}",
                            toComplete);
    }

    // The values of a flag (RegisterFlagCompletionFunc, or cobra's file-name annotation).
    CompletionAnswer flagValues(const std::vector<std::string>& path, const std::vector<std::string>& args,
                                const FlagSpec& flag, const std::string& toComplete) {
        if (flag.name == "namespace")
            return plain(names("namespace", toComplete));
        if (flag.name == "context")
            return plain(kubeconfigNames("contexts", toComplete));
        if (flag.name == "cluster")
            return plain(kubeconfigNames("clusters", toComplete));
        if (flag.name == "user")
            return plain(kubeconfigNames("users", toComplete));
        // Only get registers its -o values (get_flags.go); other commands' -o completes nothing.
        if (flag.name == "output" && path.size() == 1 && path[0] == "get")
            return plain(matching(outputFormats(flag.usage), toComplete));
        if (flag.name == "filename")
            return plain({"json", "yaml", "yml"}, kCompFilterFileExt);
        if (flag.name == "subresource")
            return plain({"status", "scale", "resize"});
        if (flag.name == "container" && !path.empty() && path[0] == "exec")
            return plain(args.empty() ? std::vector<std::string>{} : containers(args[0], toComplete));
        return {};
    }
    // The formats a command's -o takes, from its usage ("The output format: json, yaml or wide.").
    static std::vector<std::string> outputFormats(const std::string& usage) {
        std::vector<std::string> formats;
        const size_t colon = usage.find(": ");
        if (colon == std::string::npos)
            return formats;
        std::string list = usage.substr(colon + 2);
        list = list.substr(0, list.find('.'));
        if (size_t orAt = list.rfind(" or "); orAt != std::string::npos)
            list.replace(orAt, 4, ", ");
        for (std::string f : splitOn(list, ',')) {
            f.erase(0, f.find_first_not_of(' '));
            if (!f.empty())
                formats.push_back(f);
        }
        return formats;
    }
};

// The flag named by a word ("--output", "-o", "-oyaml"), among the command's and the global ones.
const FlagSpec* lookupFlag(const CommandTable& table, const std::string& word, bool& global) {
    const std::string body = word.substr(0, word.find('='));
    const bool isLong = startsWith(body, "--");
    const std::string name = isLong ? body.substr(2) : body.substr(1, 1);
    const FlagSpec* f = isLong ? table.flag(name) : table.shortFlag(name);
    if (!f)
        f = findGlobal(name, !isLong);
    global = f && findGlobal(f->name, false);
    return f;
}

}  // namespace

// [SECTION] kubectl

std::string directiveText(int directive) {
    static const std::vector<std::pair<int, const char*>> names = {
        {kCompError, "ShellCompDirectiveError"},
        {kCompNoSpace, "ShellCompDirectiveNoSpace"},
        {kCompNoFileComp, "ShellCompDirectiveNoFileComp"},
        {kCompFilterFileExt, "ShellCompDirectiveFilterFileExt"},
        {kCompFilterDirs, "ShellCompDirectiveFilterDirs"},
        {kCompKeepOrder, "ShellCompDirectiveKeepOrder"},
    };
    std::string text;
    for (const auto& [bit, name] : names)
        if (directive & bit)
            text += (text.empty() ? "" : ", ") + std::string(name);
    return text.empty() ? "ShellCompDirectiveDefault" : text;
}

CompletionAnswer completeKubectl(KubectlContext& ctx, const std::vector<std::string>& argsIn, bool serverReachable) {
    std::string toComplete = argsIn.empty() ? "" : argsIn.back();
    const std::vector<std::string> words(argsIn.begin(), argsIn.empty() ? argsIn.end() : argsIn.end() - 1);
    KubectlCompletion kc{ctx, serverReachable, ctx.defaultNamespace};

    // Walk the words as cobra's Find and pflag do: the command path, flags (and the values of
    // those that take one), then positional arguments.
    std::vector<std::string> path;
    std::vector<std::string> args;
    std::set<std::string> given;  // flags on the line
    const FlagSpec* pending = nullptr;
    bool localFlagGiven = false;
    bool afterDash = false;
    for (const std::string& w : words) {
        const CommandTable& table = kubectlTable(ctx, path);
        if (pending) {
            if (pending->name == "namespace")
                kc.ns = w;
            pending = nullptr;
            continue;
        }
        if (afterDash || w == "-" || w.size() < 2 || w[0] != '-') {
            if (!afterDash && args.empty() && table.hasCommand(w)) {
                path.push_back(w);
                continue;
            }
            if (path.empty()) {
                CompletionAnswer unknown;
                unknown.error = "unable to find a command for arguments: [" + w + "]";
                return unknown;
            }
            args.push_back(w);
            continue;
        }
        if (w == "--") {
            afterDash = true;
            continue;
        }
        bool global = false;
        const FlagSpec* f = lookupFlag(table, w, global);
        if (!f)
            continue;  // SIMPLIFICATION: cobra stops with a parse error; the rest is still completed here
        given.insert(f->name);
        localFlagGiven = localFlagGiven || (!global && f->name != "help");
        const size_t eq = w.find('=');
        const bool shortWithValue = !startsWith(w, "--") && w.size() > 2;
        if (eq != std::string::npos || shortWithValue) {
            if (f->name == "namespace")
                kc.ns = eq != std::string::npos ? w.substr(eq + 1) : w.substr(2);
        } else if (f->takesValue) {
            pending = f;
        }
    }
    const CommandTable& table = kubectlTable(ctx, path);

    // A flag's value: after the flag, or after "--flag=" in the same word.
    const FlagSpec* valueOf = pending;
    if (!valueOf && toComplete.size() > 1 && toComplete[0] == '-' && toComplete.find('=') != std::string::npos) {
        bool global = false;
        const size_t eq = toComplete.find('=');
        const std::string flagWord = startsWith(toComplete, "--") ? toComplete.substr(0, eq)
                                                                  : "-" + toComplete.substr(eq - 1, 1);
        valueOf = lookupFlag(table, flagWord, global);
        toComplete = toComplete.substr(eq + 1);
        if (!valueOf)
            return {};
    }
    if (given.count("help"))
        return {{}, kCompNoFileComp, ""};
    if (valueOf)
        return kc.flagValues(path, args, *valueOf, toComplete);

    CompletionAnswer answer;
    // A flag as cobra offers it: "--name" then "-s"; one already given is not offered again
    // unless it repeats.
    auto offer = [&](const FlagSpec& f, std::vector<CompletionCandidate>& out) {
        if (given.count(f.name) && !f.repeatable)
            return;
        if (startsWith("--" + f.name, toComplete))
            out.push_back({"--" + f.name, f.usage});
        if (!f.shorthand.empty() && startsWith("-" + f.shorthand, toComplete))
            out.push_back({"-" + f.shorthand, f.usage});
    };
    std::vector<CompletionCandidate> required;
    for (const std::string& name : requiredFlags(path))
        if (const FlagSpec* f = table.flag(name); f && !given.count(name))
            offer(*f, required);
    // Flag names: the required ones if any are missing; else the inherited (global) flags
    // first, then the command's own.
    if (!toComplete.empty() && toComplete[0] == '-') {
        answer.candidates = required;
        if (answer.candidates.empty()) {
            for (const FlagSpec& f : globalFlags())
                if (!table.flag(f.name))
                    offer(f, answer.candidates);
            for (const FlagSpec& f : table.flags)
                offer(f, answer.candidates);
        }
        answer.directive = kCompNoFileComp;
        return answer;
    }
    // Subcommands, while no argument and no flag of the command's own came yet.
    if (args.empty() && !localFlagGiven && !table.commands.empty()) {
        for (const CompletionCandidate& c : table.commands)
            if (startsWith(c.value, toComplete))
                answer.candidates.push_back(c);
        answer.directive = kCompNoFileComp;
    }
    // Required flags, even without a "-" typed.
    answer.candidates.insert(answer.candidates.end(), required.begin(), required.end());
    // `kubectl completion SHELL` (cobra's ValidArgs).
    if (path.size() == 1 && path[0] == "completion") {
        answer.directive = kCompNoFileComp;
        if (args.empty())
            for (const char* shell : {"bash", "zsh", "fish", "powershell"})
                if (startsWith(shell, toComplete))
                    answer.candidates.push_back({shell, ""});
        return answer;
    }
    if (path.empty())
        return answer;
    // The function's directive replaces the one so far; without one, it stays (NoFileComp after
    // subcommands, else the default: the shell completes file names).
    if (std::optional<CompletionAnswer> more = kc.arguments(path, args, toComplete)) {
        answer.directive = more->directive;
        answer.candidates.insert(answer.candidates.end(), more->candidates.begin(), more->candidates.end());
    }
    return answer;
}

namespace {

bool serverAnswers(const KubectlContext& ctx) {
    if (!ctx.cluster.apiserverReachable())
        return false;
    if (!ctx.kubeconfigFs)
        return true;
    // SIMPLIFICATION: a --context on the completed line is not followed; the current one is.
    const Json config = loadKubeconfig(*ctx.kubeconfigFs, ctx.kubeconfigPaths);
    return currentServer(config) == "https://" + machineIP(ctx.cluster.minikubeConfig().driver, 0) + ":8443";
}

CommandResult completeRequest(KubectlContext& ctx, const std::vector<std::string>& args, bool descriptions) {
    if (args.empty())
        return CommandResult::failure("Error: requires at least 1 arg(s), only received 0\n");
    // SIMPLIFICATION: without a server kubectl also logs its "memcache.go ... couldn't get
    // current server API group list" lines on stderr; they are left out, as for other commands.
    CompletionAnswer a = completeKubectl(ctx, args, serverAnswers(ctx));
    CommandResult r;
    for (const CompletionCandidate& c : a.candidates)
        r.out += c.value + (descriptions && !c.description.empty() ? "\t" + c.description : "") + "\n";
    r.out += ":" + std::to_string(a.directive) + "\n";
    if (!a.error.empty())
        r.err += "[Debug] [Error] " + a.error + "\n";
    r.err += "Completion ended with directive: " + directiveText(a.directive) + "\n";
    return r;
}

}  // namespace

CommandResult kubectlComplete(KubectlContext& ctx, const std::vector<std::string>& args) {
    return completeRequest(ctx, args, true);
}

CommandResult kubectlCompleteNoDesc(KubectlContext& ctx, const std::vector<std::string>& args) {
    return completeRequest(ctx, args, false);
}

// [SECTION] The page's Tab

namespace {

// kubectl as the page's Tab runs it: the laptop's files, where its ~/.kube/config lives too
// (the context's namespace is the default one, as for the commands the terminal runs).
// SIMPLIFICATION: a $KUBECONFIG set in the terminal is not followed; ~/.kube/config is read.
KubectlContext laptopContext(Cluster& cluster, FileSystem& files) {
    KubectlContext ctx{cluster, files, ""};  // as the shell makes it (shell.cpp)
    if (files.isVirtual()) {
        ctx.kubeconfigFs = &files;
        if (std::string ns = contextNamespace(loadKubeconfig(files, ctx.kubeconfigPaths)); !ns.empty())
            ctx.defaultNamespace = ns;
    }
    return ctx;
}

void addMatching(std::vector<std::string>& out, const std::vector<std::string>& words, const std::string& prefix) {
    for (const std::string& w : words)
        if (startsWith(w, prefix))
            out.push_back(w);
}

// Files and folders of the learner's home folder ("dir/" for a folder) that start with `word`;
// with `extensions`, only folders and files ending in one of them.
std::vector<std::string> fileNames(FileSystem& files, const std::string& word,
                                   const std::vector<std::string>& extensions = {}) {
    // "~/" is the home folder as the shell expands it (cli/sh/expand.cpp; $HOME is /root).
    if (word.rfind("~/", 0) == 0) {
        std::vector<std::string> names;
        for (const std::string& name : fileNames(files, "/root/" + word.substr(2), extensions))
            names.push_back("~/" + name.substr(std::string("/root/").size()));
        return names;
    }
    const size_t slash = word.rfind('/');
    const std::string dir = slash == std::string::npos ? "" : word.substr(0, slash);
    const std::string prefix = slash == std::string::npos ? "" : dir + "/";
    std::vector<std::string> names;
    for (const std::string& name : files.listDirectory(dir.empty() ? "." : dir)) {
        const bool folder = files.isDirectory(prefix + name);
        const bool fits = folder || extensions.empty() ||
                          std::any_of(extensions.begin(), extensions.end(), [&](const std::string& e) {
                              return name.size() > e.size() + 1 && name.compare(name.size() - e.size() - 1,
                                                                                std::string::npos, "." + e) == 0;
                          });
        if (fits && startsWith(prefix + name, word))
            names.push_back(prefix + name + (folder ? "/" : ""));
    }
    return names;
}

std::vector<std::string> completeMinikube(Cluster& cluster, FileSystem& files, const std::vector<std::string>& args,
                                          const std::string& word) {
    std::vector<std::string> path;
    for (const std::string& a : args)
        if (a.empty() || a[0] != '-')
            path.push_back(a);
    std::vector<std::string> out;
    if (!word.empty() && word[0] == '-') {
        if (path.empty())
            return out;
        // The command's flags from its --help page, and the global --profile.
        std::vector<std::string> flags = {"--profile"};
        for (const FlagSpec& f : minikubeTable(cluster, {path[0]}).flags)
            flags.push_back("--" + f.name);
        addMatching(out, flags, word);
        return out;
    }
    if (path.size() <= 1) {
        for (const CompletionCandidate& c : minikubeTable(cluster, path).commands)
            if (startsWith(c.value, word))
                out.push_back(c.value);
    }
    // `minikube service NAME` takes a service of the default namespace; `minikube node
    // stop|start|delete NAME` a node (the cluster's node names are minikube's machine names).
    KubectlContext ctx = laptopContext(cluster, files);
    KubectlCompletion kc{ctx, cluster.apiserverReachable(), "default"};
    if (path.size() == 1 && path[0] == "service")
        addMatching(out, kc.names("services", word), word);
    if (path.size() == 2 && path[0] == "node" && (path[1] == "stop" || path[1] == "start" || path[1] == "delete"))
        addMatching(out, kc.names("nodes", word), word);
    return out;
}

std::vector<std::string> completeDocker(Cluster& cluster, const std::vector<std::string>& args, const std::string& word) {
    std::vector<std::string> out;
    if (!args.empty() || (!word.empty() && word[0] == '-'))
        return out;  // SIMPLIFICATION: docker's flags and container names are not completed
    docker::DockerContext ctx{cluster, [](const std::string&) { return std::string(); }, "", ""};
    for (const CompletionCandidate& c : parseHelp(docker::run(ctx, {"--help"}).out).commands)
        if (startsWith(c.value, word))
            out.push_back(c.value);
    return out;
}

// Splits off the last simple command of a line (after |, ;, &&, || or "$(") into words.
std::vector<std::string> lastCommandWords(const std::string& line, std::string& word) {
    size_t start = 0;
    for (size_t i = 0; i < line.size(); ++i)
        if (line[i] == '|' || line[i] == ';' || line[i] == '&' || line[i] == '(')
            start = i + 1;
    std::vector<std::string> words;
    std::string current;
    for (size_t i = start; i < line.size(); ++i) {
        const char c = line[i];
        if (c == ' ' || c == '\t') {
            if (!current.empty())
                words.push_back(current);
            current.clear();
        } else if (c != '"' && c != '\'') {
            current += c;
        }
    }
    word = current;
    return words;
}

}  // namespace

LineCompletion completeLine(Cluster& cluster, FileSystem& files, const std::string& line) {
    LineCompletion c;
    std::vector<std::string> words = lastCommandWords(line, c.word);
    const bool redirection = !words.empty() && words.back().find_first_not_of("0123456789") != std::string::npos &&
                             words.back().find_first_not_of("0123456789<>&") == std::string::npos;
    if (redirection) {
        c.candidates = fileNames(files, c.word);  // a file to read or write (> FILE, 2>> FILE, < FILE)
    } else if (words.empty()) {
        addMatching(c.candidates, shellCommandNames(), c.word);
    } else if (words[0] == "kubectl") {
        // What `kubectl __complete` answers, as the completion script hands it to bash.
        KubectlContext ctx = laptopContext(cluster, files);
        std::vector<std::string> args(words.begin() + 1, words.end());
        args.push_back(c.word);
        const CompletionAnswer a = completeKubectl(ctx, args, serverAnswers(ctx));
        // "--output=js": the candidates are values; the line keeps the flag.
        std::string flagPart;
        if (c.word.size() > 1 && c.word[0] == '-' && c.word.find('=') != std::string::npos)
            flagPart = c.word.substr(0, c.word.find('=') + 1);
        for (const CompletionCandidate& cand : a.candidates)
            if (!(a.directive & kCompFilterFileExt))
                c.candidates.push_back(flagPart + cand.value);
        const std::string fileWord = c.word.substr(flagPart.size());
        if (a.directive & kCompFilterFileExt) {
            std::vector<std::string> extensions;
            for (const CompletionCandidate& cand : a.candidates)
                extensions.push_back(cand.value);
            for (const std::string& f : fileNames(files, fileWord, extensions))
                c.candidates.push_back(flagPart + f);
        } else if (a.directive == kCompDefault && a.candidates.empty()) {
            for (const std::string& f : fileNames(files, fileWord))
                c.candidates.push_back(flagPart + f);
        }
    } else if (words[0] == "minikube") {
        c.candidates = completeMinikube(cluster, files, std::vector<std::string>(words.begin() + 1, words.end()), c.word);
    } else if (words[0] == "docker") {
        c.candidates = completeDocker(cluster, std::vector<std::string>(words.begin() + 1, words.end()), c.word);
    } else {
        c.candidates = fileNames(files, c.word);
    }
    std::sort(c.candidates.begin(), c.candidates.end());
    c.candidates.erase(std::unique(c.candidates.begin(), c.candidates.end()), c.candidates.end());
    return c;
}

}  // namespace kp::cli
