#include "cli/docker/docker.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

#include "api/pod_util.h"
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
};

std::string joinCommand(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& w : words)
        out += (out.empty() ? "" : " ") + w;
    return out;
}

std::string commandOf(const Json& container) {
    const runtime::ImageRepository* repo = nullptr;
    if (std::optional<runtime::ImageReference> ref = runtime::parseImageReference(container.value("image", ""), nullptr))
        repo = runtime::ImageCatalog::builtin().repository(*ref);
    return joinCommand(runtime::containerCommandLine(repo, container));
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

Time timeAt(const Json& object, const char* path, Time fallback) {
    std::optional<Time> t = parseRFC3339(stringAt(object, path));
    return t ? *t : fallback;
}

// The containers the node's Docker Engine has: for every pod bound to it, the sandbox and each
// container's current and last attempt.
std::vector<Container> containersOn(Cluster& cluster, const std::string& node) {
    const std::string pause =
        system_images::image("pause", cluster.minikubeConfig().imageRepository);
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
                const std::string command = specs.count(name) ? commandOf(*specs[name]) : "";
                auto add = [&](const Json& state, int attempt) {
                    Container c;
                    c.ns = ns;
                    c.pod = podName;
                    c.container = name;
                    c.latest = attempt == restarts;
                    c.image = imageColumn(s);
                    c.command = command;
                    c.name = "k8s_" + name + suffix + std::to_string(attempt);
                    if (const Json* run = findPath(state, "running")) {
                        c.running = true;
                        c.id = afterPrefix(s.value("containerID", ""), "docker://");
                        c.created = timeAt(*run, "startedAt", cluster.now());
                    } else if (const Json* done = findPath(state, "terminated")) {
                        c.id = afterPrefix(done->value("containerID", ""), "docker://");
                        c.exitCode = done->value("exitCode", 0);
                        c.created = timeAt(*done, "startedAt", cluster.now());
                        c.finished = timeAt(*done, "finishedAt", cluster.now());
                    }
                    if (c.id.size() == 64)
                        out.push_back(c);
                };
                add(s.value("state", Json::object()), restarts);
                if (restarts > 0)
                    add(s.value("lastState", Json::object()), restarts - 1);
            }
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

std::string quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

CommandResult ps(DockerContext& ctx, const std::vector<std::string>& args) {
    bool all = false, quiet = false, noTrunc = false;
    for (const std::string& a : args) {
        if (a == "-a" || a == "--all")
            all = true;
        else if (a == "-q" || a == "--quiet")
            quiet = true;
        else if (a == "--no-trunc")
            noTrunc = true;
        else if (a == "-aq" || a == "-qa")
            all = quiet = true;
        else if (a.rfind("--", 0) == 0)
            // SIMPLIFICATION: --filter, --format, --last and --size are not simulated.
            return CommandResult::failure("unknown flag: " + a.substr(0, a.find('=')) + "\nSee 'docker ps --help'.\n", 125);
        else
            return CommandResult::failure("unknown shorthand flag: '" + a.substr(1, 1) + "' in " + a +
                                              "\nSee 'docker ps --help'.\n",
                                          125);
    }
    Daemon daemon = connect(ctx);
    if (!daemon.reachable)
        return CommandResult::failure(daemon.error, 1);
    const Time now = ctx.cluster.now();
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
        const std::string status = c.running ? "Up " + humanDuration(now.ms - c.created.ms)
                                             : "Exited (" + std::to_string(c.exitCode) + ") " +
                                                   humanDuration(now.ms - c.finished.ms) + " ago";
        table.write(id + "\t" + c.image + "\t" + quote(noTrunc ? c.command : ellipsis(c.command, 20)) + "\t" +
                    humanDuration(now.ms - c.created.ms) + " ago\t" + status + "\t\t" + c.name + "\n");
    }
    return {0, table.str(), ""};
}

CommandResult images(DockerContext& ctx, const std::vector<std::string>& args) {
    bool quiet = false, noTrunc = false;
    for (const std::string& a : args) {
        if (a == "-q" || a == "--quiet")
            quiet = true;
        else if (a == "--no-trunc")
            noTrunc = true;
        else if (a.rfind("--", 0) == 0)
            // SIMPLIFICATION: --all, --digests, --filter and --format are not simulated.
            return CommandResult::failure("unknown flag: " + a.substr(0, a.find('=')) + "\nSee 'docker images --help'.\n", 125);
        else if (a.rfind("-", 0) == 0)
            return CommandResult::failure("unknown shorthand flag: '" + a.substr(1, 1) + "' in " + a +
                                              "\nSee 'docker images --help'.\n",
                                          125);
        // SIMPLIFICATION: a REPOSITORY[:TAG] argument to filter by is ignored.
    }
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
        if (img.repoTags.empty())
            rows.push_back({img.repository, "<none>", id, img.sizeBytes});
        for (const std::string& t : img.repoTags) {
            const size_t colon = t.rfind(':');
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
    bool timestamps = false;
    long tail = -1;
    std::vector<std::string> names;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-t" || a == "--timestamps")
            timestamps = true;
        else if ((a == "-n" || a == "--tail") && i + 1 < args.size())
            tail = args[++i] == "all" ? -1 : std::atol(args[i].c_str());
        else if (a.rfind("--tail=", 0) == 0)
            tail = a.substr(7) == "all" ? -1 : std::atol(a.substr(7).c_str());
        else if (a.rfind("-", 0) == 0)
            // SIMPLIFICATION: --follow, --since, --until and --details are not simulated.
            return CommandResult::failure("unknown flag: " + a + "\nSee 'docker logs --help'.\n", 125);
        else
            names.push_back(a);
    }
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

CommandResult run(DockerContext& ctx, const std::vector<std::string>& args) {
    if (args.empty() || args[0] == "--help" || args[0] == "help")
        return {0, "\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\n"
                   "Common Commands:\n  ps          List containers\n  images      List images\n  logs        Fetch the logs of a container\n\n"
                   "Run 'docker COMMAND --help' for more information on a command.\n", ""};
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "ps" || (args[0] == "container" && !rest.empty() && (rest[0] == "ls" || rest[0] == "ps")))
        return ps(ctx, args[0] == "ps" ? rest : std::vector<std::string>(rest.begin() + 1, rest.end()));
    if (args[0] == "images" || (args[0] == "image" && !rest.empty() && (rest[0] == "ls" || rest[0] == "list")))
        return images(ctx, args[0] == "images" ? rest : std::vector<std::string>(rest.begin() + 1, rest.end()));
    if (args[0] == "logs" || (args[0] == "container" && !rest.empty() && rest[0] == "logs"))
        return logs(ctx, args[0] == "logs" ? rest : std::vector<std::string>(rest.begin() + 1, rest.end()));
    // SIMPLIFICATION: the rest of the docker CLI is not simulated; kubectl is the way in here.
    return CommandResult::failure("docker: '" + args[0] +
                                      "' is not a docker command supported by kubeplay (try docker ps, images or logs).\n"
                                      "See 'docker --help'\n",
                                  1);
}

}  // namespace kp::cli::docker
