// The processes of a minikube node as procps-ng shows them. A kic node (kicbase v0.0.46,
// deploy/kicbase/Dockerfile) boots systemd as /sbin/init, which starts journald, containerd,
// sshd, dockerd (pkg/provision: its ExecStart), cri-dockerd (pkg/minikube/cruntime/docker.go:
// its 10-cni.conf drop-in) and the kubelet (pkg/minikube/bootstrapper/bsutil/kubelet.go: the
// flags left once the kubelet's config file holds the rest). Each running container is a
// containerd-shim-runc-v2 and the container's process: the pod's pause, then its containers
// (the control plane's static pods among them).
#include "cli/minikube/node_tools.h"

#include <algorithm>
#include <cstdio>

#include "cli/docker/docker.h"
#include "cluster/system_images.h"
#include "kubelet/kubelets.h"
#include "network/ip_tool.h"

namespace kp::cli::minikube {
namespace {

struct Proc {
    std::string user = "root";
    int pid = 0, ppid = 1;
    double cpuShare = 0;  // the share of one CPU it has used since it started
    long vsz = 0, rss = 0;  // KiB
    std::string tty = "?", stat = "Ssl";
    Time start;
    std::string comm, args;
};

uint32_t mix(const std::string& s) {
    uint32_t h = 2166136261u;
    for (unsigned char c : s)
        h = (h ^ c) * 16777619u;
    return h;
}

std::string baseName(const std::string& path) {
    const size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& w : words)
        out += (out.empty() ? "" : " ") + w;
    return out;
}

// What a container's main process uses, by program.
// SIMPLIFICATION: sizes and CPU shares are typical figures, not measured ones.
void containerFigures(Proc& p, const std::string& program) {
    struct Figures {
        const char* program;
        long vsz, rss;
        double cpu;
    };
    static const Figures known[] = {
        {"kube-apiserver", 1602364, 281420, 0.030},   {"etcd", 11284428, 52544, 0.015},
        {"kube-controller-manager", 1329248, 101032, 0.012}, {"kube-scheduler", 1289800, 52308, 0.004},
        {"kube-proxy", 1289704, 58740, 0.001},         {"coredns", 1300384, 56020, 0.003},
        {"storage-provisioner", 1257208, 36404, 0.001}, {"pause", 996, 4, 0.0},
    };
    for (const Figures& f : known)
        if (program == f.program) {
            p.vsz = f.vsz;
            p.rss = f.rss;
            p.cpuShare = f.cpu;
            p.stat = program == "pause" ? "Ss" : "Ssl";
            return;
        }
    const uint32_t h = mix(program);
    p.vsz = 4000 + static_cast<long>(h % 40000);
    p.rss = 1500 + static_cast<long>((h >> 8) % 12000);
    p.cpuShare = 0.0005;
    p.stat = "Ss";
}

std::vector<Proc> nodeProcesses(Invocation& inv, const MachineNode& node, const std::string& psLine,
                                const std::vector<std::string>& alongside) {
    Cluster& cluster = inv.cluster();
    const MinikubeConfig& cfg = cluster.minikubeConfig();
    const Time now = cluster.now();
    // The machine booted a little before the kubelet registered its Node.
    Time boot = now;
    if (ObjectPtr n = cluster.store().get("nodes", "", node.name))
        if (std::optional<Time> created = parseRFC3339(stringAt(*n, "metadata.creationTimestamp")))
            boot = *created - Duration{25000};
    auto at = [&](int64_t seconds) { return boot + Duration{seconds * 1000}; };
    std::vector<Proc> ps;
    auto daemon = [&](int pid, const std::string& comm, const std::string& args, int64_t after, long vsz, long rss,
                      double cpu, const char* stat) {
        Proc p;
        p.pid = pid;
        p.ppid = pid == 1 ? 0 : 1;
        p.comm = comm;
        p.args = args;
        p.start = at(after);
        p.vsz = vsz;
        p.rss = rss;
        p.cpuShare = cpu;
        p.stat = stat;
        ps.push_back(p);
    };
    // SIMPLIFICATION: the daemons' PIDs and start times are fixed offsets from the machine's
    // boot (taken from the Node's creation, so a `minikube stop` / `start` keeps the first
    // start; a kubelet restarted with systemctl has its own, below); a VM node lists the same daemons as the
    // kic container (Buildroot's extra ones, like systemd-networkd, are left out).
    daemon(1, "systemd", "/sbin/init", 0, 22076, 13184, 0.002, "Ss");
    daemon(96, "systemd-journal", "/lib/systemd/systemd-journald", 0, 31260, 12032, 0.001, "Ss");
    daemon(113, "containerd", "/usr/bin/containerd", 2, 1939164, 48236, 0.004, "Ssl");
    daemon(119, "sshd", "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups", 2, 15432, 9088, 0.0, "Ss");
    daemon(352, "dockerd",
           "/usr/bin/dockerd -H tcp://0.0.0.0:2376 -H unix:///var/run/docker.sock --default-ulimit=nofile=1048576:1048576 "
           "--tlsverify --tlscacert /etc/docker/ca.pem --tlscert /etc/docker/server.pem --tlskey /etc/docker/server-key.pem "
           "--label provider=" + cfg.driver + " --insecure-registry 10.96.0.0/12",
           3, 2242484, 92416, 0.008, "Ssl");
    daemon(618, "cri-dockerd",
           "/usr/bin/cri-dockerd --container-runtime-endpoint fd:// --pod-infra-container-image=" +
               system_images::image("pause", cfg.imageRepository, cfg.kubernetesVersion) + " --network-plugin=cni --hairpin-mode=hairpin-veth",
           6, 1501380, 42644, 0.005, "Ssl");
    kubelet::Kubelets* kubelets = cluster.kubelets();
    const size_t kubeletAt = ps.size();
    if (!kubelets || kubelets->isRunning(node.name))
        daemon(2215, "kubelet",
               "/var/lib/minikube/binaries/" + cfg.kubernetesVersion +
                   "/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --config=/var/lib/kubelet/config.yaml "
                   "--hostname-override=" + node.name + " --kubeconfig=/etc/kubernetes/kubelet.conf --node-ip=" + node.ip,
               15, 2052528, 88860, 0.020, "Ssl");
    // A kubelet started again with systemctl is a new process: its own start, a later PID.
    // SIMPLIFICATION: that PID follows the virtual clock (the kernel's next free PID is unknown).
    if (auto it = inv.state().kubeletStartedMs.find(node.name);
        it != inv.state().kubeletStartedMs.end() && kubeletAt < ps.size() && it->second > ps[kubeletAt].start.ms) {
        ps[kubeletAt].start = Time{it->second};
        ps[kubeletAt].pid = 20000 + static_cast<int>((it->second / 1000) % 20000);
    }
    for (const docker::ContainerProcess& c : docker::runningContainerProcesses(cluster, node.name)) {
        // SIMPLIFICATION: one process per container, titled with its command line (a program
        // that renames itself or forks workers, like nginx, shows as started).
        Proc shim;
        shim.pid = c.pid - 24;
        shim.comm = "containerd-shim";
        shim.args = "/usr/bin/containerd-shim-runc-v2 -namespace moby -id " + c.id + " -address /run/containerd/containerd.sock";
        shim.start = c.started;
        shim.vsz = 1238276;
        shim.rss = 14080;
        shim.cpuShare = 0.0005;
        shim.stat = "Sl";
        ps.push_back(shim);
        Proc p;
        p.pid = c.pid;
        p.ppid = shim.pid;
        std::vector<std::string> argv = c.argv;
        // An image's docker-entrypoint.sh execs the command it was given (nginx, redis).
        if (argv.size() > 1 && baseName(argv[0]) == "docker-entrypoint.sh")
            argv.erase(argv.begin());
        const std::string program = argv.empty() ? "" : baseName(argv[0]);
        p.comm = program.substr(0, 15);
        p.args = joined(argv);
        p.start = c.started;
        containerFigures(p, program);
        // The pause image runs as 65535, which has no name on the node.
        p.user = c.sandbox ? "65535" : "root";
        ps.push_back(p);
    }
    // The learner's session: sshd's privileged and user halves, the login shell and ps itself.
    // SIMPLIFICATION: the session always has a terminal and its PIDs follow the virtual clock.
    const int base = 40000 + static_cast<int>((now.ms / 1000) % 20000);
    Proc priv;
    priv.pid = base;
    priv.ppid = 119;
    priv.comm = "sshd";
    priv.args = "sshd: docker [priv]";
    priv.start = now;
    priv.vsz = 17136;
    priv.rss = 10624;
    priv.stat = "Ss";
    ps.push_back(priv);
    Proc user = priv;
    user.user = "docker";
    user.pid = base + 33;
    user.ppid = base;
    user.args = "sshd: docker@pts/0";
    user.vsz = 17372;
    user.rss = 7196;
    user.stat = "S";
    ps.push_back(user);
    Proc bash = user;
    bash.pid = base + 34;
    bash.ppid = base + 33;
    bash.comm = "bash";
    bash.args = "-bash";
    bash.tty = "pts/0";
    bash.vsz = 4628;
    bash.rss = 3968;
    bash.stat = "Ss";
    ps.push_back(bash);
    Proc self = bash;
    self.pid = base + 57;
    self.ppid = base + 34;
    self.comm = "ps";
    self.args = psLine;
    self.vsz = 7064;
    self.rss = 1536;
    self.stat = "R+";
    ps.push_back(self);
    for (size_t i = 0; i < alongside.size(); ++i) {
        Proc other = self;
        other.pid = self.pid + 1 + static_cast<int>(i);
        other.args = alongside[i];
        other.comm = baseName(alongside[i].substr(0, alongside[i].find(' '))).substr(0, 15);
        other.vsz = 6480;
        other.rss = 2304;
        other.stat = "S+";
        ps.push_back(other);
    }
    std::stable_sort(ps.begin(), ps.end(), [](const Proc& a, const Proc& b) { return a.pid < b.pid; });
    return ps;
}

// CPU seconds used since it started.
int64_t cpuSeconds(const Proc& p, Time now) {
    const int64_t elapsed = std::max<int64_t>(0, (now.ms - p.start.ms) / 1000);
    return static_cast<int64_t>(static_cast<double>(elapsed) * p.cpuShare);
}

// START / STIME: the time of day within the last 24 hours, else month and day.
std::string startColumn(Time start, Time now) {
    const std::string t = formatRFC3339(start);  // 2026-11-28T00:52:24Z
    if (now.ms - start.ms < 24LL * 3600 * 1000)
        return t.substr(11, 5);
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return months[std::clamp(std::atoi(t.substr(5, 2).c_str()) - 1, 0, 11)] + t.substr(8, 2);
}

std::string clockTime(int64_t seconds) {
    char b[32];
    if (seconds >= 86400)
        std::snprintf(b, sizeof b, "%lld-%02lld:%02lld:%02lld", static_cast<long long>(seconds / 86400),
                      static_cast<long long>(seconds / 3600 % 24), static_cast<long long>(seconds / 60 % 60),
                      static_cast<long long>(seconds % 60));
    else
        std::snprintf(b, sizeof b, "%02lld:%02lld:%02lld", static_cast<long long>(seconds / 3600),
                      static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
    return b;
}

// One row as procps lays it out: a field wider than its column pushes the rest right until
// later columns' padding has absorbed the excess.
struct Column {
    int width;
    bool right;
};

std::string row(const std::vector<Column>& columns, const std::vector<std::string>& cells) {
    std::string out;
    int debt = 0;
    for (size_t i = 0; i < cells.size(); ++i) {
        if (i > 0)
            out += ' ';
        const bool last = i + 1 == cells.size();
        const int len = static_cast<int>(cells[i].size());
        int pad = last ? 0 : std::max(0, columns[i].width - len);
        const int absorbed = std::min(pad, debt);
        pad -= absorbed;
        debt -= absorbed;
        if (!last)
            debt += std::max(0, len - columns[i].width);
        out += columns[i].right ? std::string(static_cast<size_t>(pad), ' ') + cells[i]
                                : cells[i] + std::string(static_cast<size_t>(pad), ' ');
    }
    return out + "\n";
}

constexpr const char* kPsUsage =
    "\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n"
    " for additional help text.\n\nFor more details see ps(1).\n";

}  // namespace

int nodePs(Invocation& inv, const MachineNode& node, const std::vector<std::string>& argv,
           const std::vector<std::string>& alongside) {
    enum class Form { Own, Bsd, Full, Every } form = Form::Own;
    if (argv.size() > 2) {
        inv.out.stderrText("error: unsupported option (BSD syntax)\n" + std::string(kPsUsage));
        return 1;
    }
    if (argv.size() == 2) {
        const std::string& o = argv[1];
        if (o == "aux" || o == "auxw" || o == "auxww")
            form = Form::Bsd;
        else if (o == "-ef" || o == "-eF" || o == "-fe")
            form = Form::Full;
        else if (o == "-e" || o == "-A")
            form = Form::Every;
        else {
            // SIMPLIFICATION: ps's other option sets (-o, -u, f, ...) are not simulated.
            inv.out.stderrText(std::string(o[0] == '-' ? "error: unsupported SysV option\n" : "error: unsupported option (BSD syntax)\n") +
                               kPsUsage);
            return 1;
        }
    }
    const Time now = inv.cluster().now();
    const std::vector<Proc> procs = nodeProcesses(inv, node, joined(argv), alongside);
    std::string out;
    if (form == Form::Bsd) {
        // SIMPLIFICATION: lines are not cut at the terminal's width (as when ps writes to a pipe).
        const std::vector<Column> cols = {{8, false}, {7, true}, {4, true}, {4, true}, {6, true}, {5, true},
                                          {8, false}, {4, false}, {5, true}, {6, true}, {0, false}};
        out += row(cols, {"USER", "PID", "%CPU", "%MEM", "VSZ", "RSS", "TTY", "STAT", "START", "TIME", "COMMAND"});
        // SIMPLIFICATION: %MEM is against the memory the profile was started with.
        const double totalKiB = static_cast<double>(inv.cluster().minikubeConfig().memoryMB) * 1024.0;
        for (const Proc& p : procs) {
            const int64_t cpu = cpuSeconds(p, now);
            const int64_t elapsed = std::max<int64_t>(1, (now.ms - p.start.ms) / 1000);
            char pcpu[32], pmem[32], time[48];
            std::snprintf(pcpu, sizeof pcpu, "%.1f", static_cast<double>(cpu * 1000 / elapsed) / 10.0);
            std::snprintf(pmem, sizeof pmem, "%.1f", static_cast<double>(static_cast<long>(p.rss * 1000.0 / totalKiB)) / 10.0);
            std::snprintf(time, sizeof time, "%lld:%02lld", static_cast<long long>(cpu / 60), static_cast<long long>(cpu % 60));
            out += row(cols, {p.user, std::to_string(p.pid), pcpu, pmem, std::to_string(p.vsz), std::to_string(p.rss), p.tty,
                              p.stat, startColumn(p.start, now), time, p.args});
        }
    } else if (form == Form::Full) {
        const std::vector<Column> cols = {{8, false}, {7, true}, {7, true}, {2, true}, {5, false},
                                          {8, false}, {8, true}, {0, false}};
        out += row(cols, {"UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"});
        for (const Proc& p : procs) {
            const int64_t cpu = cpuSeconds(p, now);
            const int64_t elapsed = std::max<int64_t>(1, (now.ms - p.start.ms) / 1000);
            out += row(cols, {p.user, std::to_string(p.pid), std::to_string(p.ppid), std::to_string(cpu * 100 / elapsed),
                              startColumn(p.start, now), p.tty, clockTime(cpu), p.args});
        }
    } else {
        const std::vector<Column> cols = {{7, true}, {8, false}, {8, true}, {0, false}};
        out += row(cols, {"PID", "TTY", "TIME", "CMD"});
        for (const Proc& p : procs)
            if (form == Form::Every || p.tty == "pts/0")
                out += row(cols, {std::to_string(p.pid), p.tty, clockTime(cpuSeconds(p, now)), p.comm});
    }
    inv.out.stdoutText(out);
    return 0;
}

int nodeIp(Invocation& inv, const MachineNode& node, const std::vector<std::string>& argv) {
    const network::NetView view = network::nodeNetwork(inv.cluster().store(), node.name, !isKIC(inv.cluster().minikubeConfig().driver));
    std::string out, err;
    const int code = network::runIp(view, std::vector<std::string>(argv.begin() + 1, argv.end()), false, out, err);
    inv.out.stdoutText(out);
    inv.out.stderrText(err);
    return code;
}

}  // namespace kp::cli::minikube
