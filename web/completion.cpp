#include "completion.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "api/resources.h"
#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/kubectl.h"
#include "cli/minikube/minikube.h"

namespace kp::web {
namespace {

// The commands the engine's shell runs (engine/cli/shell.cpp's dispatch, builtins and compound
// commands, cli/sh/coreutils.cpp): the first word of a line.
const std::vector<std::string> kShellCommands = {
    "awk", "base64", "break", "cat", "cd", "clear", "continue", "curl", "cut", "declare", "docker", "echo", "env",
    "eval", "exit", "export", "false", "for", "grep", "head", "history", "if", "kubectl", "let", "ls", "minikube",
    "mkdir", "nc", "printenv", "printf", "pwd", "read", "rm", "sed", "seq", "sleep", "sort", "tail", "test", "touch",
    "tr", "true", "uniq", "unset", "until", "wc", "while", "yes"};

// kubectl's global flags most used in the lessons (the rest of `kubectl options` is not modelled).
const std::vector<std::string> kKubectlGlobalFlags = {"--namespace", "--context", "--kubeconfig"};

// The values of `-o` (kubectl get --help lists them).
const std::vector<std::string> kOutputFormats = {"custom-columns=", "go-template=", "json", "jsonpath=", "name",
                                                 "wide", "yaml"};

// Verbs whose first argument is a node (no resource type before it).
bool takesNode(const std::string& verb) { return verb == "cordon" || verb == "uncordon" || verb == "drain"; }
// Verbs whose first argument is a pod.
bool takesPod(const std::string& verb) {
    return verb == "logs" || verb == "exec" || verb == "port-forward" || verb == "attach";
}
// Verbs (or verb + subcommand) whose arguments are TYPE [NAME...] or TYPE/NAME.
bool takesResources(const std::vector<std::string>& path) {
    static const std::set<std::string> verbs = {"get",      "describe", "delete", "edit",  "label", "annotate",
                                                "patch",    "scale",    "wait",   "expose", "taint", "autoscale",
                                                "explain"};
    if (path.size() == 1)
        return verbs.count(path[0]) > 0;
    return path.size() == 2 && (path[0] == "rollout" || (path[0] == "set" && path[1] != ""));
}

struct Help {
    std::vector<std::string> commands;      // "Available Commands:" and "... Commands (...):" sections
    std::map<std::string, bool> flags;      // "--name" -> takes a value (not a boolean)
    std::map<std::string, std::string> shorthands;  // "-n" -> "--namespace"
};

// Reads a command's --help text into its subcommands and flags.
Help parseHelp(const std::string& text) {
    static const std::regex commandLine(R"(^  ([a-z][a-z0-9-]*)  +\S.*$)");
    static const std::regex flagLine(R"(^\s+(?:-([A-Za-z0-9]), )?(--[a-z0-9-]+)=(.*):$)");
    Help help;
    bool inCommands = false;
    size_t start = 0;
    while (start <= text.size()) {
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
            help.commands.push_back(m[1]);
            continue;
        }
        if (std::regex_match(line, m, flagLine)) {
            const std::string value = m[3];
            help.flags[m[2]] = value != "false" && value != "true";
            if (m[1].matched)
                help.shorthands["-" + m[1].str()] = m[2];
        }
    }
    return help;
}

// kubectl's or minikube's help for a command path, read once (the help text never changes).
const Help& helpOf(cli::Laptop& laptop, const std::string& tool, const std::vector<std::string>& path) {
    static std::map<std::string, Help> cache;
    std::string key = tool;
    for (const std::string& p : path)
        key += " " + p;
    if (auto it = cache.find(key); it != cache.end())
        return it->second;
    std::vector<std::string> args = path;
    args.push_back("--help");
    std::string text;
    if (tool == "kubectl") {
        cli::KubectlContext ctx{laptop.cluster(), laptop.files(), ""};
        text = cli::runKubectl(ctx, args).out;
    } else {
        cli::MinikubeState state;  // help reads no state: a scratch one keeps the learner's untouched
        cli::MinikubeContext ctx(laptop.cluster(), state);
        cli::CommandResult r = cli::runMinikube(ctx, args);
        text = ctx.terminal.empty() ? r.out : ctx.terminal;
    }
    return cache.emplace(key, parseHelp(text)).first->second;
}

void addMatching(std::vector<std::string>& out, const std::vector<std::string>& words, const std::string& prefix) {
    for (const std::string& w : words)
        if (w.rfind(prefix, 0) == 0)
            out.push_back(w);
}

// Names of objects of `resource` (anything kubectl accepts: "po", "deploy") in `ns`.
std::vector<std::string> objectNames(cli::Laptop& laptop, const std::string& resource, const std::string& ns) {
    std::vector<std::string> names;
    const ResourceInfo* r = ResourceRegistry::builtin().lookup(resource);
    if (!r || !laptop.cluster().apiserverReachable())
        return names;
    for (const ObjectPtr& obj : laptop.cluster().store().list(r->groupResource(), r->namespaced ? ns : ""))
        if (const Json& o = *obj; o.contains("metadata"))
            names.push_back(o["metadata"].value("name", ""));
    return names;
}

// The resource types kubectl accepts, as `kubectl api-resources` names them.
std::vector<std::string> resourceTypes() {
    std::vector<std::string> types;
    for (const ResourceInfo& r : ResourceRegistry::builtin().all())
        if (r.preferred)
            types.push_back(r.resource);
    return types;
}

// Files and folders of the learner's home folder ("dir/" for a folder).
std::vector<std::string> fileNames(cli::Laptop& laptop, const std::string& word) {
    const size_t slash = word.rfind('/');
    const std::string dir = slash == std::string::npos ? "" : word.substr(0, slash);
    const std::string prefix = slash == std::string::npos ? "" : dir + "/";
    std::vector<std::string> names;
    for (const std::string& name : laptop.files().listDirectory(dir.empty() ? "." : dir))
        names.push_back(prefix + name + (laptop.files().isDirectory(prefix + name) ? "/" : ""));
    return names;
}

std::vector<std::string> completeKubectl(cli::Laptop& laptop, const std::vector<std::string>& args,
                                         const std::string& word) {
    // Walk the words typed: the command path (verb, subcommand), flags and their values, and
    // the positional arguments after the path.
    std::vector<std::string> path;
    std::vector<std::string> positional;
    std::string ns = "default";  // SIMPLIFICATION: the kubeconfig context's namespace is not read
    std::string pendingFlag;     // a flag whose value is the next word
    // Global flags before the verb (`kubectl -v 6 --context=minikube -n kube-system get po`):
    // kubectl's own flag set says which take a value and where the verb starts. While the last
    // one still waits for its value the walk below handles it (-n, --context, --kubeconfig).
    std::vector<std::string> words = args;
    if (!args.empty() && args[0].size() > 1 && args[0][0] == '-') {
        cli::CommandFlags global("kubectl");
        global.stopAtFirstArg();
        if (std::string error; global.parse(args, error)) {
            if (global.changed("namespace"))
                ns = global.str("namespace");
            words = global.args();
        }
    }
    for (const std::string& a : words) {
        if (!pendingFlag.empty()) {
            if (pendingFlag == "--namespace")
                ns = a;
            pendingFlag.clear();
            continue;
        }
        if (a.size() > 1 && a[0] == '-') {
            const Help& help = helpOf(laptop, "kubectl", path);
            std::string name = a.substr(0, a.find('='));
            if (auto s = help.shorthands.find(name); s != help.shorthands.end())
                name = s->second;
            if (name == "-n")
                name = "--namespace";
            if (a.find('=') != std::string::npos) {
                if (name == "--namespace")
                    ns = a.substr(a.find('=') + 1);
            } else if (name == "--namespace" || name == "--context" || name == "--kubeconfig" ||
                       (help.flags.count(name) && help.flags.at(name))) {
                pendingFlag = name;
            }
            continue;
        }
        const Help& help = helpOf(laptop, "kubectl", path);
        if (positional.empty() && std::find(help.commands.begin(), help.commands.end(), a) != help.commands.end())
            path.push_back(a);
        else if (path.empty())
            path.push_back(a);  // an unknown verb: nothing more to offer but flags
        else
            positional.push_back(a);
    }

    std::vector<std::string> out;
    // The value of a flag.
    if (!pendingFlag.empty()) {
        if (pendingFlag == "--namespace")
            addMatching(out, objectNames(laptop, "namespaces", ""), word);
        else if (pendingFlag == "--output")
            addMatching(out, kOutputFormats, word);
        else if (pendingFlag == "--filename")
            addMatching(out, fileNames(laptop, word), word);
        return out;
    }
    if (!word.empty() && word[0] == '-') {
        std::vector<std::string> flags = kKubectlGlobalFlags;
        for (const auto& [name, takesValue] : helpOf(laptop, "kubectl", path).flags)
            flags.push_back(name);
        addMatching(out, flags, word);
        return out;
    }
    const Help& help = helpOf(laptop, "kubectl", path);
    if (positional.empty() && !help.commands.empty()) {
        addMatching(out, help.commands, word);
        return out;
    }
    if (path.empty())
        return out;
    if (takesNode(path[0]) && positional.empty()) {
        addMatching(out, objectNames(laptop, "nodes", ""), word);
    } else if (takesPod(path[0]) && positional.empty()) {
        addMatching(out, objectNames(laptop, "pods", ns), word);
    } else if (takesResources(path)) {
        if (positional.empty() && word.find('/') != std::string::npos) {
            const std::string type = word.substr(0, word.find('/'));
            for (const std::string& name : objectNames(laptop, type, ns))
                if ((type + "/" + name).rfind(word, 0) == 0)
                    out.push_back(type + "/" + name);
        } else if (positional.empty()) {
            addMatching(out, resourceTypes(), word);
        } else if (positional[0].find('/') == std::string::npos && path[0] != "explain") {
            addMatching(out, objectNames(laptop, positional[0], ns), word);
        }
    }
    return out;
}

std::vector<std::string> completeMinikube(cli::Laptop& laptop, const std::vector<std::string>& args,
                                          const std::string& word) {
    std::vector<std::string> path;
    for (const std::string& a : args)
        if (a.empty() || a[0] != '-')
            path.push_back(a);
    std::vector<std::string> out;
    if (!word.empty() && word[0] == '-') {
        if (path.empty())
            return out;
        // The verb's flags from its --help page, and the global --profile.
        std::vector<std::string> flags = {"--profile"};
        for (const auto& [name, takesValue] : helpOf(laptop, "minikube", {path[0]}).flags)
            flags.push_back(name);
        std::sort(flags.begin(), flags.end());
        addMatching(out, flags, word);
        return out;
    }
    if (path.size() <= 1) {
        const Help& help = helpOf(laptop, "minikube", path);
        addMatching(out, help.commands, word);
        if (path.size() == 1 && path[0] == "service")
            addMatching(out, objectNames(laptop, "services", "default"), word);
        if (path.size() == 1 && (path[0] == "node" || path[0] == "addons") && out.empty())
            return out;
    }
    if (path.size() == 2 && path[0] == "node" && (path[1] == "stop" || path[1] == "start" || path[1] == "delete"))
        addMatching(out, objectNames(laptop, "nodes", ""), word);
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

Completion complete(cli::Laptop& laptop, const std::string& line) {
    Completion c;
    std::vector<std::string> words = lastCommandWords(line, c.word);
    if (words.empty()) {
        addMatching(c.candidates, kShellCommands, c.word);
    } else {
        const std::vector<std::string> args(words.begin() + 1, words.end());
        if (words[0] == "kubectl")
            c.candidates = completeKubectl(laptop, args, c.word);
        else if (words[0] == "minikube")
            c.candidates = completeMinikube(laptop, args, c.word);
        else
            addMatching(c.candidates, fileNames(laptop, c.word), c.word);
    }
    std::sort(c.candidates.begin(), c.candidates.end());
    c.candidates.erase(std::unique(c.candidates.begin(), c.candidates.end()), c.candidates.end());
    return c;
}

}  // namespace kp::web
