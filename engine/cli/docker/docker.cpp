#include "cli/docker/docker.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <cmath>
#include <cstdio>
#include <fnmatch.h>
#include <set>
#include <tuple>

#include "api/codec/go_format.h"
#include "api/go_template.h"
#include "api/pod_util.h"
#include "cli/interactive_shell.h"
#include "cli/minikube/sha1.h"
#include "cli/tabwriter.h"
#include "cluster/cluster.h"
#include "cluster/system_images.h"
#include "kubelet/kubelets.h"
#include "runtime/image_catalog.h"
#include "runtime/image_reference.h"

namespace kp::cli::docker {
namespace {

constexpr const char* kNoDaemon =
    "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n";

// One line of `docker ps`.
struct Container {
    std::string id;       // 64 hex
    std::string image;    // what the IMAGE column shows
    std::string command;  // path and arguments joined by spaces
    Time created;
    bool running = false;
    int exitCode = 0;
    Time finished;
    std::string name;     // k8s_<container>_<pod>_<namespace>_<uid>_<attempt>
    // Whose output it is: the pod's container and whether this is its latest attempt ("" for
    // a sandbox, which prints nothing).
    std::string ns, pod, container;
    bool latest = true;
    // What `docker inspect` adds.
    ObjectPtr podObject;
    Json spec;                      // the pod's container (null for a sandbox)
    std::vector<std::string> argv;  // Path and Args
    std::string imageId;            // "sha256:<64 hex>"
    std::string sandboxId;
    int attempt = 0;
    std::string reason;             // why it exited: "Completed", "Error", "OOMKilled"
};

std::string joinCommand(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& w : words)
        out += (out.empty() ? "" : " ") + w;
    return out;
}

const runtime::ImageRepository* repositoryOf(const std::string& image) {
    if (std::optional<runtime::ImageReference> ref = runtime::parseImageReference(image, nullptr))
        return runtime::ImageCatalog::builtin().repository(*ref);
    return nullptr;
}

// $(VAR) from `env`, $$ as $, unknown references as written (kubelet's expansion package).
std::string expandReferences(const std::string& in, const std::vector<std::pair<std::string, std::string>>& env) {
    std::string out;
    for (size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '$' && i + 1 < in.size() && in[i + 1] == '$') {
            out += '$';
            ++i;
            continue;
        }
        const size_t close = in[i] == '$' && i + 1 < in.size() && in[i + 1] == '(' ? in.find(')', i + 2) : std::string::npos;
        if (close == std::string::npos) {
            out += in[i];
            continue;
        }
        const std::string name = in.substr(i + 2, close - i - 2);
        auto found = std::find_if(env.begin(), env.end(), [&](const auto& e) { return e.first == name; });
        out += found != env.end() ? found->second : "$(" + name + ")";
        i = close;
    }
    return out;
}

std::vector<std::string> argvOf(const Json& container) {
    return runtime::containerCommandLine(repositoryOf(container.value("image", "")), container);
}

std::string afterPrefix(const std::string& s, const std::string& prefix) {
    return s.rfind(prefix, 0) == 0 ? s.substr(prefix.size()) : s;
}

// cri-dockerd creates a container from the image ID, so `docker ps` shows its short form.
std::string imageColumn(const Json& status) {
    std::string id = afterPrefix(afterPrefix(status.value("imageID", ""), "docker://"), "docker-pullable://");
    const size_t at = id.find("sha256:");
    if (at != std::string::npos)
        return id.substr(at + 7, 12);
    return status.value("image", "");
}

// The image ID in full (64 hex).
std::string imageColumnFull(const Json& status) {
    const std::string id = status.value("imageID", "");
    const size_t at = id.find("sha256:");
    return at == std::string::npos ? "" : id.substr(at + 7);
}

Time timeAt(const Json& object, const char* path, Time fallback) {
    std::optional<Time> t = parseRFC3339(stringAt(object, path));
    return t ? *t : fallback;
}

// The containers the node's Docker Engine has: for every pod bound to it, the sandbox and each
// container's current and last attempt.
std::vector<Container> containersOn(Cluster& cluster, const std::string& node) {
    const std::string pause =
        system_images::image("pause", cluster.minikubeConfig().imageRepository, cluster.minikubeConfig().kubernetesVersion);
    std::vector<Container> out;
    for (const ObjectPtr& pod : cluster.store().list("pods")) {
        if (stringAt(*pod, "spec.nodeName") != node)
            continue;
        const std::string podName = stringAt(*pod, "metadata.name");
        const std::string ns = stringAt(*pod, "metadata.namespace");
        const std::string uid = stringAt(*pod, "metadata.uid");
        const std::string suffix = "_" + podName + "_" + ns + "_" + uid + "_";
        const Json* startTime = findPath(*pod, "status.startTime");
        if (!startTime)
            continue;  // the kubelet has not started the pod's sandbox yet
        const bool terminal = pod::isTerminal(*pod);
        Container sandbox;
        sandbox.id = minikube::sha1Hex("sandbox/" + uid) + minikube::sha1Hex("sandbox-2/" + uid).substr(0, 24);
        sandbox.image = pause;
        sandbox.command = "/pause";
        sandbox.created = timeAt(*pod, "status.startTime", cluster.now());
        sandbox.running = !terminal;
        sandbox.finished = cluster.now();
        sandbox.name = "k8s_POD" + suffix + "0";
        sandbox.ns = ns;
        sandbox.pod = podName;
        sandbox.podObject = pod;
        sandbox.argv = {"/pause"};
        const size_t sandboxAt = out.size();
        out.push_back(sandbox);

        std::map<std::string, const Json*> specs;
        for (const char* list : {"spec.initContainers", "spec.containers"})
            if (const Json* cs = findPath(*pod, list))
                for (const Json& c : *cs)
                    specs[c.value("name", "")] = &c;
        for (const char* list : {"status.initContainerStatuses", "status.containerStatuses"}) {
            const Json* statuses = findPath(*pod, list);
            if (!statuses)
                continue;
            for (const Json& s : *statuses) {
                const std::string name = s.value("name", "");
                const int restarts = s.value("restartCount", 0);
                std::vector<std::string> argv = specs.count(name) ? argvOf(*specs[name]) : std::vector<std::string>{};
                // The kubelet has replaced $(VAR) in the command with the container's environment.
                if (kubelet::Kubelets* kubelets = cluster.kubelets())
                    if (runtime::Process* process = kubelets->process(ns, podName, name))
                        for (std::string& word : argv)
                            word = expandReferences(word, process->env());
                auto add = [&](const Json& state, int attempt) {
                    Container c;
                    c.ns = ns;
                    c.pod = podName;
                    c.container = name;
                    c.latest = attempt == restarts;
                    c.image = imageColumn(s);
                    c.command = joinCommand(argv);
                    c.name = "k8s_" + name + suffix + std::to_string(attempt);
                    c.podObject = pod;
                    c.spec = specs.count(name) ? *specs[name] : Json();
                    c.argv = argv;
                    c.imageId = "sha256:" + imageColumnFull(s);
                    c.sandboxId = sandbox.id;
                    c.attempt = attempt;
                    if (const Json* run = findPath(state, "running")) {
                        c.running = true;
                        c.id = afterPrefix(s.value("containerID", ""), "docker://");
                        c.created = timeAt(*run, "startedAt", cluster.now());
                    } else if (const Json* done = findPath(state, "terminated")) {
                        c.id = afterPrefix(done->value("containerID", ""), "docker://");
                        c.exitCode = done->value("exitCode", 0);
                        c.created = timeAt(*done, "startedAt", cluster.now());
                        c.finished = timeAt(*done, "finishedAt", cluster.now());
                        c.reason = done->value("reason", "");
                    }
                    if (c.id.size() == 64)
                        out.push_back(c);
                };
                add(s.value("state", Json::object()), restarts);
                if (restarts > 0)
                    add(s.value("lastState", Json::object()), restarts - 1);
            }
        }
        // The kubelet stops a finished pod's sandbox once its last container has exited.
        if (terminal) {
            Time last = out[sandboxAt].created;
            for (size_t i = sandboxAt + 1; i < out.size(); ++i)
                if (!out[i].running)
                    last = std::max(last, out[i].finished, [](Time a, Time b) { return a.ms < b.ms; });
            out[sandboxAt].finished = last;
        }
    }
    // Newest first, as the daemon lists them.
    std::stable_sort(out.begin(), out.end(), [](const Container& a, const Container& b) {
        return a.created.ms > b.created.ms;
    });
    return out;
}

// The daemon the CLI talks to: minikube's node named by MINIKUBE_ACTIVE_DOCKERD, if running.
struct Daemon {
    bool reachable = false;
    std::string error;
    std::string node;
};

Daemon connect(DockerContext& ctx) {
    if (!ctx.node.empty())
        return {true, "", ctx.node};
    const std::string host = ctx.getenv("DOCKER_HOST");
    if (host.empty())
        return {false, kNoDaemon, ""};
    if (ctx.cluster.machineState() != MachineState::Running)
        // SIMPLIFICATION: the TLS client's dial error ("error during connect: ... no route to
        // host") is reported in the daemon-socket form.
        return {false, "Cannot connect to the Docker daemon at " + host + ". Is the docker daemon running?\n", ""};
    return {true, "", ctx.cluster.minikubeConfig().profile};  // the primary node is named after the profile
}

// stringutils.Ellipsis as docker's formatter truncates COMMAND to 20 runes.
std::string ellipsis(const std::string& s, size_t maxRunes) {
    std::vector<size_t> starts;
    for (size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80)
            starts.push_back(i);
    if (starts.size() <= maxRunes)
        return s;
    return s.substr(0, starts[maxRunes - 1]) + "…";
}

// The flags of one docker command, parsed as pflag parses them for docker's cobra commands:
// --name, --name=value, --name value, -n value, -nvalue, grouped booleans (-aq), "--" ends the
// flags. A mistake gets docker's flag error (cli.FlagErrorFunc, docker 27) and exit code 125:
//   unknown flag: --foo
//   See 'docker ps --help'.
class Flags {
public:
    explicit Flags(std::string command) : command_(std::move(command)) {}

    Flags& boolean(const std::string& name, char shorthand = 0) { return add(name, shorthand, true); }
    Flags& value(const std::string& name, char shorthand = 0) { return add(name, shorthand, false); }
    // pflag's SetInterspersed(false): the first argument that is not a flag ends the flags
    // (`docker exec -it ID ls -l`: "-l" is the command's).
    Flags& stopAtFirstArgument() {
        interspersed_ = false;
        return *this;
    }

    // False with `failure` set on a flag error.
    bool parse(const std::vector<std::string>& args, CommandResult& failure) {
        for (size_t i = 0; i < args.size(); ++i) {
            const std::string& a = args[i];
            if (a == "--") {
                args_.insert(args_.end(), args.begin() + static_cast<long>(i) + 1, args.end());
                return true;
            }
            if (a.size() < 2 || a[0] != '-') {
                if (!interspersed_) {
                    args_.insert(args_.end(), args.begin() + static_cast<long>(i), args.end());
                    return true;
                }
                args_.push_back(a);
                continue;
            }
            std::string error;
            if (a[1] == '-')
                error = parseLong(args, i);
            else
                error = parseShort(args, i);
            if (!error.empty()) {
                failure = CommandResult::failure(error + "\nSee '" + command_ + " --help'.\n", 125);
                return false;
            }
        }
        return true;
    }

    bool changed(const std::string& name) const { return find(name)->changed; }
    bool on(const std::string& name) const { return find(name)->text == "true"; }
    const std::string& str(const std::string& name) const { return find(name)->text; }
    const std::vector<std::string>& args() const { return args_; }

private:
    struct Flag {
        std::string name;
        char shorthand = 0;
        bool isBool = false;
        bool changed = false;
        std::string text;
    };

    Flags& add(const std::string& name, char shorthand, bool isBool) {
        flags_.push_back({name, shorthand, isBool, false, isBool ? "false" : ""});
        return *this;
    }
    const Flag* find(const std::string& name) const {
        for (const Flag& f : flags_)
            if (f.name == name)
                return &f;
        return nullptr;
    }
    Flag* byName(const std::string& name) { return const_cast<Flag*>(find(name)); }
    Flag* byShorthand(char c) {
        for (Flag& f : flags_)
            if (f.shorthand == c)
                return &f;
        return nullptr;
    }
    // pflag's spelling of a flag in messages: "-a, --all" or "--format".
    static std::string spelled(const Flag& f) {
        return (f.shorthand ? std::string("-") + f.shorthand + ", " : "") + "--" + f.name;
    }
    static std::string set(Flag& f, const std::string& text) {
        if (f.isBool) {
            static const char* const kTrue[] = {"1", "t", "T", "TRUE", "true", "True"};
            static const char* const kFalse[] = {"0", "f", "F", "FALSE", "false", "False"};
            const bool yes = std::find(std::begin(kTrue), std::end(kTrue), text) != std::end(kTrue);
            if (!yes && std::find(std::begin(kFalse), std::end(kFalse), text) == std::end(kFalse))
                return "invalid argument \"" + text + "\" for \"" + spelled(f) + "\" flag: strconv.ParseBool: parsing \"" +
                       text + "\": invalid syntax";
            f.text = yes ? "true" : "false";
        } else {
            f.text = text;
        }
        f.changed = true;
        return "";
    }
    std::string parseLong(const std::vector<std::string>& args, size_t& i) {
        const std::string& a = args[i];
        const size_t eq = a.find('=');
        const std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
        Flag* f = byName(name);
        if (!f)
            return "unknown flag: --" + name;
        if (eq != std::string::npos)
            return set(*f, a.substr(eq + 1));
        if (f->isBool)
            return set(*f, "true");
        if (i + 1 >= args.size())
            return "flag needs an argument: --" + name;
        return set(*f, args[++i]);
    }
    std::string parseShort(const std::vector<std::string>& args, size_t& i) {
        const std::string& a = args[i];
        for (size_t k = 1; k < a.size(); ++k) {
            Flag* f = byShorthand(a[k]);
            if (!f)
                return std::string("unknown shorthand flag: '") + a[k] + "' in " + a;
            if (k + 1 < a.size() && a[k + 1] == '=')
                return set(*f, a.substr(k + 2));
            if (f->isBool) {
                if (std::string e = set(*f, "true"); !e.empty())
                    return e;
                continue;
            }
            if (k + 1 < a.size())
                return set(*f, a.substr(k + 1));
            if (i + 1 >= args.size())
                return std::string("flag needs an argument: '") + a[k] + "' in " + a;
            return set(*f, args[++i]);
        }
        return "";
    }

    std::string command_;
    std::vector<Flag> flags_;
    std::vector<std::string> args_;
    bool interspersed_ = true;
};

// The IMAGE column: what the container was created from. cri-dockerd creates a pod's containers
// from the image ID, which docker shortens to 12 digits unless --no-trunc.
std::string imageOf(const Container& c, bool noTrunc) {
    if (noTrunc && !c.container.empty() && !c.imageId.empty() && c.imageId != "sha256:")
        return c.imageId;
    return c.image;
}

std::string statusOf(const Container& c, Time now) {
    return c.running ? "Up " + humanDuration(now.ms - c.created.ms)
                     : "Exited (" + std::to_string(c.exitCode) + ") " + humanDuration(now.ms - c.finished.ms) + " ago";
}

// Go's time.Time.String() in UTC: "2025-01-15 10:00:44 +0000 UTC".
std::string goTimeString(Time t) {
    std::string s = formatRFC3339(t);  // 2025-01-15T10:00:44Z
    return s.substr(0, 10) + " " + s.substr(11, 8) + " +0000 UTC";
}

Json criLabels(const Container& c);

// `docker ps --format`: the template over each container's formatter fields (docker/cli
// formatter/container.go ContainerContext): "table ..." adds the header row and aligns the
// columns, "json" prints each container as a JSON object; `\t` and `\n` in the format are a tab
// and a newline.
// SIMPLIFICATION: .Label "key" (a method with an argument) is not available; Labels are sorted
// (docker joins them in Go's random map order); Mounts are empty and LocalVolumes 0.
CommandResult psFormatted(const std::vector<Container>& containers, std::string format, bool noTrunc, Time now) {
    const bool table = format.rfind("table", 0) == 0;
    if (format == "json")
        format = "{{json .}}";
    else if (table)
        format = format.substr(5);
    while (!format.empty() && format.front() == ' ')
        format.erase(0, 1);
    while (!format.empty() && format.back() == ' ')
        format.pop_back();
    for (const auto& [from, to] : {std::pair<std::string, std::string>{"\\t", "\t"}, {"\\n", "\n"}})
        for (size_t at = 0; (at = format.find(from, at)) != std::string::npos; at += to.size())
            format.replace(at, from.size(), to);
    api::GoTemplate tmpl;
    tmpl.setFunctions(api::TemplateFunctions::Docker, [](const Json& j) { return j.dump(); });
    tmpl.setMissingKeyError(true);
    std::string error;
    if (!tmpl.parse(format, error, ""))
        return CommandResult::failure("template parsing error: " + error + "\n", 1);
    auto evalError = [](std::string e) {
        // The fields are methods of a Go struct: a missing one reads as such.
        const std::string missing = "map has no entry for key \"";
        if (size_t at = e.find(missing); at != std::string::npos) {
            const std::string field = e.substr(at + missing.size(), e.find('"', at + missing.size()) - at - missing.size());
            e = e.substr(0, at) + "can't evaluate field " + field + " in type *formatter.ContainerContext";
        }
        return CommandResult::failure("template parsing error: " + e + "\n", 1);
    };
    std::string rows;
    for (const Container& c : containers) {
        std::string joined;
        const Json labels = c.podObject ? criLabels(c) : Json::object();
        for (auto it = labels.begin(); it != labels.end(); ++it)
            joined += (joined.empty() ? "" : ",") + it.key() + "=" + (it->is_string() ? it->get<std::string>() : "");
        std::string network;
        if (c.container.empty())
            network = c.podObject && boolAt(*c.podObject, "spec.hostNetwork") ? "host" : "none";
        const Json fields = {{"ID", noTrunc ? c.id : c.id.substr(0, 12)},
                             {"Names", c.name},
                             {"Image", imageOf(c, noTrunc)},
                             {"Command", codec::quoteGo(noTrunc ? c.command : ellipsis(c.command, 20))},
                             {"CreatedAt", goTimeString(c.created)},
                             {"RunningFor", humanDuration(now.ms - c.created.ms) + " ago"},
                             {"Ports", ""},
                             {"State", c.running ? "running" : "exited"},
                             {"Status", statusOf(c, now)},
                             {"Size", "0B"},
                             {"Labels", joined},
                             {"Mounts", ""},
                             {"Networks", network},
                             {"LocalVolumes", "0"}};
        std::string out;
        if (std::string e = tmpl.execute(fields, out); !e.empty())
            return evalError(e);
        rows += out + "\n";
    }
    if (!table)
        return {0, rows, ""};
    // The header: the same template over the column titles, docker's functions leaving them as
    // they are.
    const Json titles = {{"ID", "CONTAINER ID"}, {"Names", "NAMES"},         {"Image", "IMAGE"},
                         {"Command", "COMMAND"}, {"CreatedAt", "CREATED AT"}, {"RunningFor", "CREATED"},
                         {"Ports", "PORTS"},     {"State", "STATE"},          {"Status", "STATUS"},
                         {"Size", "SIZE"},       {"Labels", "LABELS"},        {"Mounts", "MOUNTS"},
                         {"Networks", "NETWORKS"}, {"LocalVolumes", "LOCAL VOLUMES"}};
    api::GoTemplate header;
    header.setFunctions(api::TemplateFunctions::Docker,
                        [](const Json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); });
    std::string headerText;
    if (header.parse(format, error, ""))
        header.execute(titles, headerText);
    TabWriter tw(3, 10);
    tw.write(headerText + "\n" + rows);
    return {0, tw.str(), ""};
}

CommandResult ps(DockerContext& ctx, const std::vector<std::string>& args) {
    // SIMPLIFICATION: --filter, --last, --latest and --size are not simulated (they get
    // docker's unknown-flag error).
    Flags flags("docker ps");
    flags.boolean("all", 'a').boolean("quiet", 'q').boolean("no-trunc").value("format");
    CommandResult failure;
    if (!flags.parse(args, failure))
        return failure;
    if (!flags.args().empty())
        return CommandResult::failure("\"docker ps\" accepts no arguments.\nSee 'docker ps --help'.\n\n"
                                      "Usage:  docker ps [OPTIONS]\n\nList containers\n",
                                      1);
    const bool all = flags.on("all"), quiet = flags.on("quiet"), noTrunc = flags.on("no-trunc");
    std::string warning;
    if (quiet && !flags.str("format").empty())
        warning = "WARNING: Ignoring custom format, because both --format and --quiet are set.\n";
    const std::string format = quiet || flags.str("format") == "table" ? "" : flags.str("format");
    Daemon daemon = connect(ctx);
    if (!daemon.reachable)
        return CommandResult::failure(daemon.error, 1);
    const Time now = ctx.cluster.now();
    if (!format.empty()) {
        std::vector<Container> shown;
        for (const Container& c : containersOn(ctx.cluster, daemon.node))
            if (all || c.running)
                shown.push_back(c);
        return psFormatted(shown, format, noTrunc, now);
    }
    TabWriter table(3, 10);
    if (!quiet)
        table.write("CONTAINER ID\tIMAGE\tCOMMAND\tCREATED\tSTATUS\tPORTS\tNAMES\n");
    for (const Container& c : containersOn(ctx.cluster, daemon.node)) {
        if (!all && !c.running)
            continue;
        const std::string id = noTrunc ? c.id : c.id.substr(0, 12);
        if (quiet) {
            table.write(id + "\n");
            continue;
        }
        table.write(id + "\t" + imageOf(c, noTrunc) + "\t" + codec::quoteGo(noTrunc ? c.command : ellipsis(c.command, 20)) +
                    "\t" + humanDuration(now.ms - c.created.ms) + " ago\t" + statusOf(c, now) + "\t\t" + c.name + "\n");
    }
    return {0, table.str(), warning};
}

CommandResult images(DockerContext& ctx, const std::vector<std::string>& args) {
    // SIMPLIFICATION: --all, --digests, --filter and --format are not simulated (they get
    // docker's unknown-flag error).
    Flags flags("docker images");
    flags.boolean("quiet", 'q').boolean("no-trunc");
    CommandResult failure;
    if (!flags.parse(args, failure))
        return failure;
    if (flags.args().size() > 1)
        return CommandResult::failure("\"docker images\" requires at most 1 argument.\nSee 'docker images --help'.\n\n"
                                      "Usage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\nList images\n",
                                      1);
    // REPOSITORY[:TAG]: the daemon's reference filter, a path.Match pattern against the name
    // with its tag, or against the name alone.
    const std::string pattern = flags.args().empty() ? "" : flags.args()[0];
    auto wanted = [&](const std::string& repository, const std::string& tag) {
        return pattern.empty() || fnmatch(pattern.c_str(), (repository + ":" + tag).c_str(), FNM_PATHNAME) == 0 ||
               fnmatch(pattern.c_str(), repository.c_str(), FNM_PATHNAME) == 0;
    };
    const bool quiet = flags.on("quiet"), noTrunc = flags.on("no-trunc");
    Daemon daemon = connect(ctx);
    if (!daemon.reachable)
        return CommandResult::failure(daemon.error, 1);
    kubelet::Kubelets* kubelets = ctx.cluster.kubelets();
    struct Row {
        std::string repository, tag, id;
        int64_t size;
    };
    std::vector<Row> rows;
    for (const kubelet::Kubelets::RuntimeImage& img : kubelets ? kubelets->runtimeImages(daemon.node)
                                                               : std::vector<kubelet::Kubelets::RuntimeImage>{}) {
        const std::string id = noTrunc ? img.id : img.id.substr(7, 12);
        if (img.repoTags.empty() && wanted(img.repository, "<none>"))
            rows.push_back({img.repository, "<none>", id, img.sizeBytes});
        for (const std::string& t : img.repoTags) {
            const size_t colon = t.rfind(':');
            if (wanted(t.substr(0, colon), t.substr(colon + 1)))
                rows.push_back({t.substr(0, colon), t.substr(colon + 1), id, img.sizeBytes});
        }
    }
    // SIMPLIFICATION: the daemon lists images newest first by their creation time, which the
    // image catalog does not know; here by name, and CREATED shows docker's "N/A" for no time.
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return std::tie(a.repository, a.tag) < std::tie(b.repository, b.tag);
    });
    if (quiet) {
        std::string out, last;
        for (const Row& r : rows)
            if (r.id != last)
                out += (last = r.id) + "\n";
        return {0, out, ""};
    }
    TabWriter table(3, 10);
    table.write("REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\n");
    for (const Row& r : rows)
        table.write(r.repository + "\t" + r.tag + "\t" + r.id + "\tN/A\t" + humanSize(r.size) + "\n");
    return {0, table.str(), ""};
}

// `docker logs [-t] [--tail N] CONTAINER`: what the container wrote, stdout and stderr apart.
CommandResult logs(DockerContext& ctx, const std::vector<std::string>& args) {
    // SIMPLIFICATION: --follow, --since, --until and --details are not simulated (they get
    // docker's unknown-flag error).
    Flags flags("docker logs");
    flags.boolean("timestamps", 't').value("tail", 'n');
    CommandResult failure;
    if (!flags.parse(args, failure))
        return failure;
    const bool timestamps = flags.on("timestamps");
    const std::string tailText = flags.changed("tail") ? flags.str("tail") : "all";
    const long tail = tailText == "all" ? -1 : std::atol(tailText.c_str());
    const std::vector<std::string>& names = flags.args();
    if (names.size() != 1)
        return CommandResult::failure("\"docker logs\" requires exactly 1 argument.\nSee 'docker logs --help'.\n\n"
                                      "Usage:  docker logs [OPTIONS] CONTAINER\n\nFetch the logs of a container\n",
                                      1);
    Daemon daemon = connect(ctx);
    if (!daemon.reachable)
        return CommandResult::failure(daemon.error, 1);
    const std::string& want = names[0];
    std::vector<Container> all = containersOn(ctx.cluster, daemon.node);
    const Container* found = nullptr;
    for (const Container& c : all)
        if (c.name == want || c.id == want)
            found = &c;
    if (!found)
        for (const Container& c : all)
            if (c.id.rfind(want, 0) == 0)
                found = &c;
    if (!found)
        return CommandResult::failure("Error response from daemon: No such container: " + want + "\n", 1);
    CommandResult res;
    kubelet::Kubelets* kubelets = ctx.cluster.kubelets();
    if (found->container.empty() || !kubelets)
        return res;  // the pause container prints nothing
    kubelet::LogsResult got = kubelets->logs(found->ns, found->pod, found->container, !found->latest);
    std::vector<kubelet::ContainerLogLine> lines = got.lines;
    if (tail >= 0 && static_cast<size_t>(tail) < lines.size())
        lines.erase(lines.begin(), lines.end() - tail);
    for (const kubelet::ContainerLogLine& l : lines) {
        // docker writes the time with all nine fractional digits (RFC3339NanoFixed).
        std::string stamp = formatRFC3339Micro(l.time);
        stamp.insert(stamp.size() - 1, "000");
        const std::string text = (timestamps ? stamp + " " : "") + l.line + "\n";
        (l.stream == "stderr" ? res.err : res.out) += text;
    }
    return res;
}

// [SECTION] docker inspect

// Docker's JSON of one container or image, with keys in the order of docker's Go structs
// (ContainerJSON, State, container.Config, image.InspectResponse); map keys (labels) sorted.
// One list serves every struct: each struct's own fields appear in it in their order.
int dockerKeyRank(const std::string& key) {
    static const char* const kOrder[] = {
        "Id", "RepoTags", "RepoDigests", "Parent", "Comment", "Created", "Path", "Args", "State",
        // State
        "Status", "Running", "Paused", "Restarting", "OOMKilled", "Dead", "Pid", "ExitCode", "Error", "StartedAt",
        "FinishedAt",
        // container.Config, up to Image
        "Hostname", "Domainname", "User", "AttachStdin", "AttachStdout", "AttachStderr", "ExposedPorts", "Tty",
        "OpenStdin", "StdinOnce", "Env", "Cmd", "Healthcheck", "ArgsEscaped", "Image", "Volumes", "WorkingDir",
        "Entrypoint", "OnBuild", "Labels",
        // the rest of ContainerJSON and image.InspectResponse
        "LogPath", "Name", "RestartCount", "Driver", "Platform", "DockerVersion", "Author", "Config", "Architecture",
        "Os", "Size"};
    for (size_t i = 0; i < std::size(kOrder); ++i)
        if (key == kOrder[i])
            return static_cast<int>(i);
    return static_cast<int>(std::size(kOrder));
}

// encoding/json of a value (no HTML escaping, as docker's json template function and the
// daemon's encoder write it); `indent` "" for compact, else json.Indent's four spaces.
void writeDockerJson(const Json& v, const std::string& pad, bool indented, std::string& out) {
    const std::string inner = pad + "    ";
    const char* colon = indented ? ": " : ":";
    if (v.is_object() && !v.empty()) {
        std::vector<std::string> keys;
        for (auto it = v.begin(); it != v.end(); ++it)
            keys.push_back(it.key());
        std::stable_sort(keys.begin(), keys.end(),
                         [](const std::string& a, const std::string& b) { return dockerKeyRank(a) < dockerKeyRank(b); });
        out += indented ? "{\n" : "{";
        for (size_t i = 0; i < keys.size(); ++i) {
            out += (indented ? inner : "") + Json(keys[i]).dump(-1, ' ', false, Json::error_handler_t::replace) + colon;
            writeDockerJson(v[keys[i]], inner, indented, out);
            out += i + 1 < keys.size() ? (indented ? ",\n" : ",") : (indented ? "\n" : "");
        }
        out += (indented ? pad : "") + "}";
        return;
    }
    if (v.is_array() && !v.empty()) {
        out += indented ? "[\n" : "[";
        for (size_t i = 0; i < v.size(); ++i) {
            out += indented ? inner : "";
            writeDockerJson(v[i], inner, indented, out);
            out += i + 1 < v.size() ? (indented ? ",\n" : ",") : (indented ? "\n" : "");
        }
        out += (indented ? pad : "") + "]";
        return;
    }
    out += v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string compactDockerJson(const Json& v) {
    std::string out;
    writeDockerJson(v, "", false, out);
    return out;
}

Json stringList(const std::vector<std::string>& words) {
    return words.empty() ? Json() : Json(words);
}

// Go's zero time.Time, as docker writes a container's FinishedAt before it has finished.
constexpr const char* kZeroTime = "0001-01-01T00:00:00Z";

// The labels cri-dockerd gives a container: the kubelet's labels and annotations (the latter
// prefixed "annotation."), the container type, and for a pod's container its log path and
// sandbox (cri-dockerd core/container_create.go, sandbox_helpers.go; kubelet
// kuberuntime/labels.go).
// SIMPLIFICATION: the annotation io.kubernetes.container.hash (a hash of the Go struct) is left
// out.
Json criLabels(const Container& c) {
    const Json& pod = *c.podObject;
    const std::string uid = stringAt(pod, "metadata.uid");
    Json labels = Json::object();
    labels["io.kubernetes.pod.name"] = c.pod;
    labels["io.kubernetes.pod.namespace"] = c.ns;
    labels["io.kubernetes.pod.uid"] = uid;
    const Json* grace = findPath(pod, "spec.terminationGracePeriodSeconds");
    if (c.container.empty()) {
        if (const Json* podLabels = findPath(pod, "metadata.labels"); podLabels && podLabels->is_object())
            for (auto it = podLabels->begin(); it != podLabels->end(); ++it)
                if (it.value().is_string())
                    labels[it.key()] = it.value();
        Json annotations = Json::object();
        if (const Json* a = findPath(pod, "metadata.annotations"); a && a->is_object())
            annotations = *a;
        annotations.erase("kubernetes.io/config.mirror");  // the kubelet's own pod has none
        if (!annotations.contains("kubernetes.io/config.source")) {
            // The kubelet notes where and when it first saw the pod.
            annotations["kubernetes.io/config.seen"] = formatRFC3339Nano(c.created);
            annotations["kubernetes.io/config.source"] = "api";
        }
        for (auto it = annotations.begin(); it != annotations.end(); ++it)
            if (it.value().is_string())
                labels["annotation." + it.key()] = it.value();
        labels["io.kubernetes.container.name"] = "POD";
        labels["io.kubernetes.docker.type"] = "podsandbox";
        return labels;
    }
    labels["io.kubernetes.container.name"] = c.container;
    labels["annotation.io.kubernetes.container.restartCount"] = std::to_string(c.attempt);
    labels["annotation.io.kubernetes.container.terminationMessagePath"] =
        c.spec.value("terminationMessagePath", "/dev/termination-log");
    labels["annotation.io.kubernetes.container.terminationMessagePolicy"] =
        c.spec.value("terminationMessagePolicy", "File");
    if (grace && grace->is_number_integer())
        labels["annotation.io.kubernetes.pod.terminationGracePeriod"] = std::to_string(grace->get<int64_t>());
    if (const Json* ports = findPath(c.spec, "ports"); ports && ports->is_array() && !ports->empty()) {
        // json.Marshal of []v1.ContainerPort: name, hostPort, containerPort, protocol, hostIP.
        std::string text;
        for (const Json& p : *ports) {
            std::string one;
            auto field = [&](const char* key, const std::string& value) {
                one += (one.empty() ? "" : ",") + std::string("\"") + key + "\":" + value;
            };
            if (!p.value("name", "").empty())
                field("name", Json(p.value("name", "")).dump());
            if (p.value("hostPort", 0) != 0)
                field("hostPort", std::to_string(p.value("hostPort", 0)));
            field("containerPort", std::to_string(p.value("containerPort", 0)));
            if (!p.value("protocol", "").empty())
                field("protocol", Json(p.value("protocol", "")).dump());
            if (!p.value("hostIP", "").empty())
                field("hostIP", Json(p.value("hostIP", "")).dump());
            text += (text.empty() ? "" : ",") + ("{" + one + "}");
        }
        labels["annotation.io.kubernetes.container.ports"] = "[" + text + "]";
    }
    labels["io.kubernetes.container.logpath"] = "/var/log/pods/" + c.ns + "_" + c.pod + "_" + uid + "/" + c.container +
                                                "/" + std::to_string(c.attempt) + ".log";
    labels["io.kubernetes.docker.type"] = "container";
    labels["io.kubernetes.sandbox.id"] = c.sandboxId;
    return labels;
}

// A stable process ID for a running container.
// SIMPLIFICATION: made up from the container ID (the node has no process table).
int pidOf(const Container& c) {
    unsigned v = 0;
    for (char ch : c.id.substr(0, 8))
        v = v * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(ch)) ? ch - '0' : ch - 'a' + 10);
    return 1000 + static_cast<int>(v % 60000);
}

// Config.Env: what the kubelet passed (the pod's variables and the service links), then the
// image's ENV that those do not override. HOSTNAME and HOME are not in it: the runtime adds them
// when the process starts.
// SIMPLIFICATION: the image's ENV is PATH alone (nginx's NGINX_VERSION and the like are unknown).
Json configEnv(DockerContext& ctx, const Container& c) {
    kubelet::Kubelets* kubelets = ctx.cluster.kubelets();
    runtime::Process* process = kubelets ? kubelets->process(c.ns, c.pod, c.container) : nullptr;
    if (!process)
        return nullptr;
    std::set<std::string> declared;
    if (const Json* env = findPath(c.spec, "env"); env && env->is_array())
        for (const Json& e : *env)
            declared.insert(e.value("name", ""));
    Json env = Json::array();
    std::string imagePath;
    for (const auto& [k, v] : process->env()) {
        const bool runtimeAdded = k == "HOSTNAME" || k == "HOME";
        if (k == "PATH" && !declared.count(k))
            imagePath = k + "=" + v;
        else if (!runtimeAdded || declared.count(k))
            env.push_back(k + "=" + v);
    }
    if (!imagePath.empty())
        env.push_back(imagePath);
    return env;
}

// GET /containers/{id}/json.
// SIMPLIFICATION: the trimmed set of fields the simulation knows truthfully: no HostConfig,
// GraphDriver, Mounts or NetworkSettings, no Resolv/Hostname/Hosts paths, no SizeRw/SizeRootFs
// with --size; Config has no image
// defaults (ENV such as PATH, WORKDIR, image labels); times come from the pod status (whole
// seconds).
Json inspectContainer(DockerContext& ctx, const Container& c, const std::string& pauseImageId) {
    const Json& pod = *c.podObject;
    const bool running = c.running;
    Json state = {{"Status", running ? "running" : "exited"},
                  {"Running", running},
                  {"Paused", false},
                  {"Restarting", false},
                  {"OOMKilled", c.reason == "OOMKilled"},
                  {"Dead", false},
                  {"Pid", running ? pidOf(c) : 0},
                  {"ExitCode", c.exitCode},
                  {"Error", ""},
                  {"StartedAt", formatRFC3339Nano(c.created)},
                  {"FinishedAt", running ? std::string(kZeroTime) : formatRFC3339Nano(c.finished)}};
    const bool sandbox = c.container.empty();
    // A pod's hostname: spec.hostname or its name; the node's name with hostNetwork.
    std::string hostname = stringAt(pod, "spec.hostname", stringAt(pod, "metadata.name"));
    if (boolAt(pod, "spec.hostNetwork"))
        hostname = stringAt(pod, "spec.nodeName");
    Json config = Json::object();
    config["Hostname"] = hostname;
    if (sandbox) {
        config["Env"] = nullptr;
        config["Cmd"] = nullptr;
        config["Image"] = c.image;
        config["Entrypoint"] = Json::array({"/pause"});
    } else {
        // The pod's command replaces the image's ENTRYPOINT, its args the CMD (cri-dockerd passes
        // them to docker, which fills in the image's when they are empty).
        const runtime::ImageRepository* repo = repositoryOf(c.spec.value("image", ""));
        std::vector<std::string> command, args;
        for (const char* field : {"command", "args"})
            if (const Json* words = findPath(c.spec, field); words && words->is_array())
                for (const Json& w : *words)
                    (std::string(field) == "command" ? command : args).push_back(w.is_string() ? w.get<std::string>() : "");
        std::vector<std::string> entrypoint = command;
        std::vector<std::string> cmd = args;
        if (command.empty() && repo) {
            entrypoint = repo->entrypoint;
            if (args.empty())
                cmd = repo->cmd;
        }
        config["Env"] = configEnv(ctx, c);
        config["Cmd"] = stringList(cmd);
        config["Image"] = c.imageId;  // cri-dockerd creates the container from the image ID
        config["Entrypoint"] = stringList(entrypoint);
    }
    config["Labels"] = criLabels(c);
    Json out = {{"Id", c.id},
                {"Created", formatRFC3339Nano(c.created)},
                {"Path", c.argv.empty() ? "" : c.argv[0]},
                {"Args", Json::array()},
                {"State", state},
                {"Image", sandbox ? pauseImageId : c.imageId},
                {"LogPath", "/var/lib/docker/containers/" + c.id + "/" + c.id + "-json.log"},
                {"Name", "/" + c.name},
                {"RestartCount", 0},
                {"Driver", "overlay2"},
                {"Platform", "linux"},
                {"Config", config}};
    for (size_t i = 1; i < c.argv.size(); ++i)
        out["Args"].push_back(c.argv[i]);
    return out;
}

// GET /images/{name}/json.
// SIMPLIFICATION: no Created time (the catalog has none, as `docker images` shows N/A),
// GraphDriver, RootFS or Metadata; Config holds the command and the ports only.
Json inspectImage(const kubelet::Kubelets::RuntimeImage& img) {
    const runtime::ImageRepository* repo =
        repositoryOf(img.repoTags.empty() ? img.repository : img.repoTags.front());
    Json repoDigests = Json::array();
    for (const std::string& tag : img.repoTags.empty() ? std::vector<std::string>{img.repository} : img.repoTags) {
        std::optional<runtime::ImageReference> ref = runtime::parseImageReference(tag, nullptr);
        if (!ref)
            continue;
        const runtime::ImageCatalog::PullResult pulled = runtime::ImageCatalog::builtin().pull(*ref);
        if (pulled.image && !pulled.image->tag->digest.empty()) {
            const std::string digest = pulled.image->repoDigest();
            if (std::find(repoDigests.begin(), repoDigests.end(), Json(digest)) == repoDigests.end())
                repoDigests.push_back(digest);
        }
    }
    Json config = Json::object();
    if (repo) {
        if (!repo->ports.empty()) {
            Json ports = Json::object();
            for (int p : repo->ports)
                ports[std::to_string(p) + "/tcp"] = Json::object();
            config["ExposedPorts"] = ports;
        }
        config["Cmd"] = stringList(repo->cmd);
        config["Entrypoint"] = stringList(repo->entrypoint);
    }
    return {{"Id", img.id},
            {"RepoTags", img.repoTags.empty() ? Json::array() : Json(img.repoTags)},
            {"RepoDigests", repoDigests},
            {"Parent", ""},
            {"Comment", ""},
            {"DockerVersion", ""},
            {"Author", ""},
            {"Config", config},
            {"Architecture", "amd64"},
            {"Os", "linux"},
            {"Size", img.sizeBytes}};
}

// The daemon's lookup of a container: full ID, name (with or without the leading "/"), or a
// unique prefix of an ID.
const Container* findContainer(const std::vector<Container>& all, const std::string& ref, std::string& error) {
    const std::string name = ref.rfind('/', 0) == 0 ? ref.substr(1) : ref;
    for (const Container& c : all)
        if (c.id == ref || c.name == name)
            return &c;
    const Container* found = nullptr;
    for (const Container& c : all)
        if (!ref.empty() && c.id.rfind(ref, 0) == 0) {
            if (found) {
                error = "Error response from daemon: multiple IDs found with provided prefix: " + ref;
                return nullptr;
            }
            found = &c;
        }
    return found;
}

// The daemon's lookup of an image: NAME[:TAG] (tag "latest" by default), NAME@DIGEST, the ID
// with or without "sha256:", or a prefix of the ID.
// NAME with docker's default tag: "nginx" -> "nginx:latest" (a digest or a tag stays).
std::string withDefaultTag(const std::string& ref) {
    const size_t slash = ref.rfind('/');
    const size_t colon = ref.rfind(':');
    const bool hasTag = colon != std::string::npos && (slash == std::string::npos || colon > slash);
    return ref.find('@') != std::string::npos || hasTag ? ref : ref + ":latest";
}

const kubelet::Kubelets::RuntimeImage* findImage(const std::vector<kubelet::Kubelets::RuntimeImage>& images,
                                                 const std::string& ref) {
    const std::string tagged = withDefaultTag(ref);
    for (const auto& img : images) {
        if (std::find(img.repoTags.begin(), img.repoTags.end(), tagged) != img.repoTags.end() || img.id == ref ||
            img.id == "sha256:" + ref)
            return &img;
        if (ref.find('@') != std::string::npos && ref.substr(0, ref.find('@')) == img.repository)
            return &img;
    }
    const std::string prefix = ref.rfind("sha256:", 0) == 0 ? ref : "sha256:" + ref;
    if (ref.size() >= 1 && ref.find_first_not_of("0123456789abcdef:sha") == std::string::npos)
        for (const auto& img : images)
            if (img.id.rfind(prefix, 0) == 0)
                return &img;
    return nullptr;
}

// `docker inspect [-f FORMAT] [--type container|image] NAME|ID...`: a JSON array of what the
// daemon knows about each object, or the template run over each. Objects that do not exist are
// reported after the output, one line each, exit 1 (docker/cli command/system/inspect.go,
// command/inspect/inspector.go):
//   Error: No such object: NAME                                  (no --type)
//   Error response from daemon: No such container: NAME          (--type container)
//   Error response from daemon: No such image: NAME:latest       (--type image)
// SIMPLIFICATION: networks, volumes and plugins are not simulated (the daemon would find the
// "bridge" network, for one).
CommandResult inspect(DockerContext& ctx, const std::vector<std::string>& args, const std::string& command,
                      const std::string& onlyType) {
    Flags flags(command);
    flags.value("format", 'f').boolean("size", 's');
    if (onlyType.empty())
        flags.value("type");
    CommandResult failure;
    if (!flags.parse(args, failure))
        return failure;
    if (flags.args().empty()) {
        const std::string what = onlyType == "image" ? "IMAGE" : onlyType == "container" ? "CONTAINER" : "NAME|ID";
        const std::string shortText = onlyType.empty() ? "Return low-level information on Docker objects"
                                                       : "Display detailed information on one or more " + onlyType + "s";
        return CommandResult::failure("\"" + command + "\" requires at least 1 argument.\nSee '" + command +
                                          " --help'.\n\nUsage:  " + command + " [OPTIONS] " + what + " [" + what +
                                          "...]\n\n" + shortText + "\n",
                                      1);
    }
    const std::string type = onlyType.empty() ? flags.str("type") : onlyType;
    static const char* const kTypes[] = {"", "container", "image", "node", "network", "service", "volume", "task",
                                         "plugin", "secret"};
    if (std::find(std::begin(kTypes), std::end(kTypes), type) == std::end(kTypes))
        return CommandResult::failure("\"" + type + "\" is not a valid value for --type\n", 1);
    const std::string format = flags.str("format");
    api::GoTemplate tmpl;
    tmpl.setFunctions(api::TemplateFunctions::Docker, compactDockerJson);
    tmpl.setMissingKeyError(true);
    std::string parseError;
    if (!format.empty() && format != "json" && !tmpl.parse(format, parseError, ""))
        return CommandResult::failure("template parsing error: " + parseError + "\n", 64);
    Daemon daemon = connect(ctx);
    if (!daemon.reachable)
        return CommandResult::failure(daemon.error, 1);

    const std::vector<Container> containers = containersOn(ctx.cluster, daemon.node);
    kubelet::Kubelets* kubelets = ctx.cluster.kubelets();
    const std::vector<kubelet::Kubelets::RuntimeImage> images =
        kubelets ? kubelets->runtimeImages(daemon.node) : std::vector<kubelet::Kubelets::RuntimeImage>{};
    std::string pauseImageId;
    if (!containers.empty())
        if (const auto* pause = findImage(images, system_images::image("pause", ctx.cluster.minikubeConfig().imageRepository, ctx.cluster.minikubeConfig().kubernetesVersion)))
            pauseImageId = pause->id;

    std::vector<Json> found;
    std::string errors;
    for (const std::string& ref : flags.args()) {
        std::string error;
        if (type.empty() || type == "container") {
            if (const Container* c = findContainer(containers, ref, error)) {
                found.push_back(inspectContainer(ctx, *c, pauseImageId));
                continue;
            }
            if (!error.empty()) {
                errors += error + "\n";
                continue;
            }
            if (type == "container") {
                errors += "Error response from daemon: No such container: " + ref + "\n";
                continue;
            }
        }
        if (type.empty() || type == "image") {
            if (const auto* img = findImage(images, ref)) {
                if (flags.on("size"))
                    failure.err += "WARNING: --size ignored for image\n";
                found.push_back(inspectImage(*img));
                continue;
            }
            if (type == "image") {
                const std::string tagged = withDefaultTag(ref);
                errors += "Error response from daemon: No such image: " + tagged + "\n";
                continue;
            }
        }
        if (type.empty())
            errors += "Error: No such object: " + ref + "\n";
        else if (type != "container" && type != "image")
            // SIMPLIFICATION: the other types all answer as the daemon does for a missing one.
            errors += "Error response from daemon: " + std::string(type == "volume" ? "get " + ref + ": no such volume"
                                                                                 : "No such " + type + ": " + ref) + "\n";
    }

    CommandResult res;
    res.err = failure.err;
    if (format.empty() || format == "json") {
        std::string body;
        if (found.empty()) {
            body = "[]";
        } else if (format.empty()) {
            writeDockerJson(Json(found), "", true, body);
        } else {
            body = compactDockerJson(Json(found));
        }
        res.out = body + "\n";
    } else {
        for (const Json& object : found) {
            std::string out;
            std::string error = tmpl.execute(object, out);
            if (!error.empty()) {
                errors += "template parsing error: " + error + "\n";
                continue;
            }
            res.out += out + "\n";
        }
        if (res.out.empty())
            res.out = "\n";
    }
    res.err += errors;
    res.exitCode = errors.empty() ? 0 : 1;
    return res;
}


// [SECTION] docker exec

// The runtime's message when the command is not in the image, which the daemon writes on the
// exec's output stream (moby api/server/router/container/exec.go).
std::string execNotFound(const std::string& program) {
    return "OCI runtime exec failed: exec failed: unable to start container process: exec: \"" + program +
           "\": executable file not found in $PATH: unknown\n";
}

// `docker exec [-i] [-t] [-d] CONTAINER COMMAND [ARG...]` (and `docker container exec`): the
// command runs in the container's simulated process, as `kubectl exec` runs it (cri-dockerd's
// exec is this one). `-it CONTAINER sh|bash` attaches the terminal to the container's shell
// until `exit`. Order of checks and texts: docker/cli v27 cli/command/container/exec.go (the
// container is looked up first, "No such container"), moby daemon/errors.go ("Container ID is
// not running"); a command missing from the image ends with status 127 (moby
// translateContainerdStartErr; the exec keeps the code it set) and with TTY or without, the
// daemon writes the runtime's error on the output stream.
// SIMPLIFICATION: -e/--env, --env-file, -u/--user, -w/--workdir, --privileged and --detach-keys
// are accepted and not applied; -d runs the command at once and prints nothing.
CommandResult exec(DockerContext& ctx, const std::vector<std::string>& args, const std::string& command) {
    Flags flags(command);
    flags.stopAtFirstArgument()
            .boolean("interactive", 'i')
            .boolean("tty", 't')
            .boolean("detach", 'd')
            .boolean("privileged")
            .value("detach-keys")
            .value("user", 'u')
            .value("env", 'e')
            .value("env-file")
            .value("workdir", 'w');
    CommandResult failure;
    if (!flags.parse(args, failure))
        return failure;
    const std::vector<std::string>& words = flags.args();
    if (words.size() < 2)
        return CommandResult::failure("\"" + command + "\" requires at least 2 arguments.\nSee '" + command +
                                          " --help'.\n\nUsage:  " + command +
                                          " [OPTIONS] CONTAINER COMMAND [ARG...]\n\nExecute a command in a running container\n",
                                      1);
    Daemon daemon = connect(ctx);
    if (!daemon.reachable)
        return CommandResult::failure(daemon.error, 1);
    const std::vector<Container> all = containersOn(ctx.cluster, daemon.node);
    std::string error;
    const Container* c = findContainer(all, words[0], error);
    if (!c)
        return CommandResult::failure(
                (error.empty() ? "Error response from daemon: No such container: " + words[0] : error) + "\n", 1);
    kubelet::Kubelets* kubelets = ctx.cluster.kubelets();
    runtime::Process* process =
            c->running && !c->container.empty() && kubelets ? kubelets->process(c->ns, c->pod, c->container) : nullptr;
    if (!c->running || (!c->container.empty() && (!process || process->exited())))
        return CommandResult::failure("Error response from daemon: Container " + c->id + " is not running\n", 1);
    const std::vector<std::string> argv(words.begin() + 1, words.end());
    const bool tty = flags.on("tty");
    auto run = [&](const std::vector<std::string>& command, const std::string& input) {
        CommandResult r;
        bool found = false;
        // The pause container's image holds /pause alone.
        if (process) {
            found = true;
            r.exitCode = process->exec(command, ctx.cluster.now(), r.out, r.err, &found, runtime::sh::CommandIO{input, tty});
            kubelets->containerChanged(c->ns, c->pod);
        }
        if (!found) {
            r.out += execNotFound(command[0]);
            r.exitCode = 127;
        }
        if (tty) {  // one pseudo-terminal carries both streams
            r.out += r.err;
            r.err.clear();
        }
        return r;
    };
    if (flags.on("interactive") && tty && opensInteractiveShell(argv)) {
        CommandResult probe = run({argv[0], "-c", "true"}, "");
        if (probe.exitCode == 127 && probe.out == execNotFound(argv[0]))
            return probe;
        CommandResult res;
        AttachRequest& a = res.attach;
        a.ok = true;
        a.ns = c->ns;
        a.pod = c->pod;
        a.container = c->container;
        const std::string hostname = stringAt(*c->podObject, "spec.hostname");
        a.hostname = hostname.empty() ? c->pod : hostname;
        a.shell = argv[0];
        a.hasBash = argv[0].find("bash") != std::string::npos;
        return res;
    }
    CommandResult res = run(argv, flags.on("interactive") ? ctx.stdinText : "");
    if (flags.on("detach"))
        return {0, "", ""};
    return res;
}

}  // namespace

// docker's units.HumanSizeWithPrecision(size, 3): decimal units, three significant digits.
std::string humanSize(int64_t bytes) {
    static const char* const units[] = {"B", "kB", "MB", "GB", "TB", "PB"};
    double size = static_cast<double>(bytes);
    size_t unit = 0;
    while (size >= 1000.0 && unit + 1 < sizeof units / sizeof units[0]) {
        size /= 1000.0;
        ++unit;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g%s", size, units[unit]);
    return buf;
}

std::string humanDuration(int64_t ms) {
    const int64_t seconds = ms / 1000;
    if (seconds < 1)
        return "Less than a second";
    if (seconds == 1)
        return "1 second";
    if (seconds < 60)
        return std::to_string(seconds) + " seconds";
    const int64_t minutes = seconds / 60;
    if (minutes == 1)
        return "About a minute";
    if (minutes < 60)
        return std::to_string(minutes) + " minutes";
    const auto hours = static_cast<int64_t>(std::llround(static_cast<double>(ms) / 3'600'000.0));
    if (hours == 1)
        return "About an hour";
    if (hours < 48)
        return std::to_string(hours) + " hours";
    if (hours < 24 * 7 * 2)
        return std::to_string(hours / 24) + " days";
    if (hours < 24 * 30 * 2)
        return std::to_string(hours / 24 / 7) + " weeks";
    if (hours < 24 * 365 * 2)
        return std::to_string(hours / 24 / 30) + " months";
    return std::to_string(ms / 3'600'000 / 24 / 365) + " years";
}

// [SECTION] crictl, the CRI client on the node (cri-tools 1.25.0 on kicbase v0.0.46; the
// runtime behind it is cri-dockerd, so it sees the same containers as docker ps, by CRI names).
// Tables: Go tabwriter (minwidth 20, padding 3); IDs cut to 13 characters ("sha256:" dropped);
// CREATED is go-units HumanDuration + " ago"; lists are newest first.
// Upstream: cri-tools cmd/crictl/container.go (ListContainers), sandbox.go (ListPodSandboxes),
// image.go (images), util.go (getTruncatedID), display.go.
namespace {

std::string criTruncate(const std::string& id) {
    const std::string bare = afterPrefix(id, "sha256:");
    return bare.substr(0, 13);
}

// urfave/cli's flag handling as crictl reports a mistake through logrus.Fatal.
// SIMPLIFICATION: urfave/cli first prints "Incorrect Usage: ..." and the command's help; only
// the final FATA line is printed here.
bool criFlags(const std::vector<std::string>& args, const std::vector<std::string>& known, std::set<std::string>& on,
              std::string& error) {
    for (const std::string& a : args) {
        if (a.size() < 2 || a[0] != '-') {
            error = "FATA[0000] crictl: positional arguments are not simulated: " + a + "\n";
            return false;
        }
        const std::string name = a.substr(a[1] == '-' ? 2 : 1);
        std::vector<std::string> names;
        if (a[1] == '-' || name.size() == 1)
            names.push_back(name);
        else
            for (char c : name)
                names.push_back(std::string(1, c));  // -aq
        for (const std::string& n : names) {
            if (std::find(known.begin(), known.end(), n) == known.end()) {
                error = "FATA[0000] flag provided but not defined: -" + n + "\n";
                return false;
            }
            on.insert(n);
        }
    }
    return true;
}

}  // namespace

CommandResult crictl(DockerContext& ctx, const std::vector<std::string>& args) {
    // SIMPLIFICATION: the help lists only the simulated commands (urfave/cli's full help also
    // has VERSION, GLOBAL OPTIONS and some thirty commands).
    if (args.empty() || args[0] == "--help" || args[0] == "help" || args[0] == "-h")
        return {0, "NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options] [arguments...]\n\n"
                   "COMMANDS:\n   images, image, img  List images\n   pods                List pods\n"
                   "   ps                  List containers\n", ""};
    const std::string& cmd = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    std::set<std::string> on;
    std::string error;
    const Time now = ctx.cluster.now();
    const std::string node = ctx.node.empty() ? ctx.cluster.minikubeConfig().profile : ctx.node;
    auto ago = [now](Time t) { return humanDuration(now.ms - t.ms) + " ago"; };
    if (cmd == "ps") {
        if (!criFlags(rest, {"a", "all", "q", "quiet", "no-trunc"}, on, error))
            return CommandResult::failure(error);
        const bool all = on.count("a") || on.count("all"), quiet = on.count("q") || on.count("quiet");
        const bool noTrunc = on.count("no-trunc") > 0;
        TabWriter table(3, 20);
        std::string out;
        if (!quiet)
            table.write("CONTAINER\tIMAGE\tCREATED\tSTATE\tNAME\tATTEMPT\tPOD ID\tPOD\n");
        for (const Container& c : containersOn(ctx.cluster, node)) {
            if (c.container.empty() || (!all && !c.running))
                continue;  // sandboxes are `crictl pods`; without -a only running containers
            if (quiet) {
                out += c.id + "\n";
                continue;
            }
            table.write((noTrunc ? c.id : criTruncate(c.id)) + "\t" + (noTrunc ? c.imageId : criTruncate(c.imageId)) + "\t" +
                        ago(c.created) + "\t" + (c.running ? "Running" : "Exited") + "\t" + c.container + "\t" +
                        std::to_string(c.attempt) + "\t" + (noTrunc ? c.sandboxId : criTruncate(c.sandboxId)) + "\t" +
                        c.pod + "\n");
        }
        return {0, quiet ? out : table.str(), ""};
    }
    if (cmd == "pods") {
        if (!criFlags(rest, {"q", "quiet", "no-trunc"}, on, error))
            return CommandResult::failure(error);
        const bool quiet = on.count("q") || on.count("quiet");
        TabWriter table(3, 20);
        std::string out;
        if (!quiet)
            table.write("POD ID\tCREATED\tSTATE\tNAME\tNAMESPACE\tATTEMPT\tRUNTIME\n");
        for (const Container& c : containersOn(ctx.cluster, node)) {
            if (!c.container.empty())
                continue;
            if (quiet) {
                out += c.id + "\n";
                continue;
            }
            table.write((on.count("no-trunc") ? c.id : criTruncate(c.id)) + "\t" + ago(c.created) + "\t" +
                        (c.running ? "Ready" : "NotReady") + "\t" + c.pod + "\t" + c.ns + "\t0\t(default)\n");
        }
        return {0, quiet ? out : table.str(), ""};
    }
    if (cmd == "images" || cmd == "image" || cmd == "img") {
        if (!criFlags(rest, {"q", "quiet", "no-trunc"}, on, error))
            return CommandResult::failure(error);
        const bool quiet = on.count("q") || on.count("quiet");
        kubelet::Kubelets* kubelets = ctx.cluster.kubelets();
        std::vector<kubelet::Kubelets::RuntimeImage> images =
            kubelets ? kubelets->runtimeImages(node) : std::vector<kubelet::Kubelets::RuntimeImage>{};
        // imageByRef: by the first repo tag, else by ID.
        std::stable_sort(images.begin(), images.end(), [](const auto& a, const auto& b) {
            if (!a.repoTags.empty() && !b.repoTags.empty())
                return a.repoTags[0] < b.repoTags[0];
            return a.id < b.id;
        });
        TabWriter table(3, 20);
        std::string out;
        if (!quiet)
            table.write("IMAGE\tTAG\tIMAGE ID\tSIZE\n");
        for (const auto& img : images) {
            if (quiet) {
                out += img.id + "\n";
                continue;
            }
            const std::string id = on.count("no-trunc") ? img.id : criTruncate(img.id);
            if (img.repoTags.empty())
                table.write(img.repository + "\t<none>\t" + id + "\t" + humanSize(img.sizeBytes) + "\n");
            for (const std::string& t : img.repoTags) {
                const size_t colon = t.rfind(':');
                table.write(t.substr(0, colon) + "\t" + t.substr(colon + 1) + "\t" + id + "\t" + humanSize(img.sizeBytes) + "\n");
            }
        }
        return {0, quiet ? out : table.str(), ""};
    }
    // SIMPLIFICATION: only ps, pods and images are simulated.
    return CommandResult::failure("FATA[0000] crictl " + cmd + " is not simulated by kubeplay (try crictl ps, pods or images)\n");
}

std::vector<ContainerProcess> runningContainerProcesses(Cluster& cluster, const std::string& node) {
    std::vector<ContainerProcess> out;
    for (const Container& c : containersOn(cluster, node)) {
        if (!c.running)
            continue;
        ContainerProcess p;
        p.pid = pidOf(c);
        p.id = c.id;
        p.argv = c.argv;
        p.sandbox = c.container.empty();
        p.started = c.created;
        p.ns = c.ns;
        p.pod = c.pod;
        p.container = c.container;
        out.push_back(p);
    }
    return out;
}

CommandResult run(DockerContext& ctx, const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "help")
        return {0, "\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\n"
                   "Common Commands:\n  ps          List containers\n  images      List images\n  logs        Fetch the logs of a container\n"
                   "  exec        Execute a command in a running container\n"
                   "  inspect     Return low-level information on Docker objects\n\n"
                   "Run 'docker COMMAND --help' for more information on a command.\n", ""};
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "ps" || (args[0] == "container" && !rest.empty() && (rest[0] == "ls" || rest[0] == "ps")))
        return ps(ctx, args[0] == "ps" ? rest : std::vector<std::string>(rest.begin() + 1, rest.end()));
    if (args[0] == "images" || (args[0] == "image" && !rest.empty() && (rest[0] == "ls" || rest[0] == "list")))
        return images(ctx, args[0] == "images" ? rest : std::vector<std::string>(rest.begin() + 1, rest.end()));
    if (args[0] == "logs" || (args[0] == "container" && !rest.empty() && rest[0] == "logs"))
        return logs(ctx, args[0] == "logs" ? rest : std::vector<std::string>(rest.begin() + 1, rest.end()));
    if (args[0] == "exec")
        return exec(ctx, rest, "docker exec");
    if (args[0] == "container" && !rest.empty() && rest[0] == "exec")
        return exec(ctx, std::vector<std::string>(rest.begin() + 1, rest.end()), "docker container exec");
    if (args[0] == "inspect")
        return inspect(ctx, rest, "docker inspect", "");
    if ((args[0] == "container" || args[0] == "image") && !rest.empty() && rest[0] == "inspect")
        return inspect(ctx, std::vector<std::string>(rest.begin() + 1, rest.end()), "docker " + args[0] + " inspect",
                       args[0]);
    // SIMPLIFICATION: the rest of the docker CLI is not simulated; kubectl is the way in here.
    return CommandResult::failure("docker: '" + args[0] +
                                      "' is not a docker command supported by kubeplay (try docker ps, images, logs, exec or inspect).\n"
                                      "See 'docker --help'\n",
                                  1);
}

}  // namespace kp::cli::docker
