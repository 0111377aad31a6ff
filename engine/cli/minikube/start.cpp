// `minikube start`: creates, restarts or updates the profile's machine and brings the control
// plane up (cmd/minikube/cmd/start.go#runStart, pkg/minikube/node/start.go#Provision/Start).
//
// The lines it prints depend on what exists: a fresh machine is created ("🔥  Creating docker
// container ..."), kubeadm bootstraps it (certificates, control plane, RBAC) and the CNI is
// configured; a stopped one is restarted ("🔄  Restarting existing ..."); a running one is
// updated ("🏃  Updating the running ..."). Extra nodes follow the primary one, each after an
// empty line. Virtual time moves as a real start would take (timings.h).
#include <algorithm>
#include <cctype>

#include "cli/minikube/addons.h"
#include "cli/minikube/commands.h"
#include "kubelet/kubelets.h"
#include "cli/minikube/start_flags.h"
#include "cli/minikube/timings.h"

namespace kp::cli::minikube {
namespace {

// What this start will run.
struct StartPlan {
    std::string profile;
    std::string driver;
    std::string runtime = "docker";
    std::string version;
    std::string imageRepository;
    std::string ns = "default";
    int cpus = 2;
    int memoryMB = 2200;
    int diskMB = 20000;
    int nodes = 1;
    bool fresh = true;               // no machine yet
    MachineState before = MachineState::Absent;
};

// SIMPLIFICATION: the simulated host has Docker (and VirtualBox when asked for); every other
// Linux driver is "not installed", and drivers of other operating systems are unsupported.
bool supportedOnLinux(const std::string& d) {
    return d == "docker" || d == "virtualbox" || d == "podman" || d == "kvm2" || d == "kvm" || d == "qemu2" ||
           d == "qemu" || d == "vmware" || d == "none" || d == "ssh";
}

struct MissingProvider {
    const char* driver;
    const char* binary;
    const char* fix;
    const char* doc;
};
constexpr MissingProvider kMissingProviders[] = {
    {"podman", "podman", "Install Podman", "https://minikube.sigs.k8s.io/docs/drivers/podman/"},
    {"kvm2", "virsh", "Install libvirt", "https://minikube.sigs.k8s.io/docs/reference/drivers/kvm2/"},
    {"qemu2", "qemu-system-x86_64", "Install qemu-system", "https://minikube.sigs.k8s.io/docs/reference/drivers/qemu/"},
    {"vmware", "vmrun", "Install vmrun", "https://minikube.sigs.k8s.io/docs/reference/drivers/vmware/"},
};

std::string upper(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string setting(Invocation& inv, const std::string& name) {
    auto it = inv.state().settings.find(name);
    return it == inv.state().settings.end() ? "" : it->second;
}

// A flag's value, else the `minikube config set` value, else "" (viper's precedence).
std::string flagOrSetting(Invocation& inv, const std::string& name) {
    if (inv.flags.changed(name))
        return inv.flags.get(name);
    return setting(inv, name);
}

bool profileNameValid(const std::string& name) {
    if (name.size() < 2)
        return false;
    // Dot-separated labels of letters, digits and inner dashes.
    size_t start = 0;
    while (true) {
        size_t dot = name.find('.', start);
        std::string label = name.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (label.empty() || !std::isalnum(static_cast<unsigned char>(label.front())) ||
            !std::isalnum(static_cast<unsigned char>(label.back())))
            return false;
        for (char c : label)
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-')
                return false;
        if (dot == std::string::npos)
            return true;
        start = dot + 1;
    }
}

std::string runtimeName(const std::string& rt) {
    if (rt == "containerd")
        return "containerd";
    if (rt == "crio")
        return "CRI-O";
    return "Docker";
}

Style runtimeStyle(const std::string& rt) {
    if (rt == "containerd")
        return Style::Containerd;
    if (rt == "crio")
        return Style::CRIO;
    return Style::Docker;
}

// The runtime versions inside kicbase v0.0.46 and the v1.35.0 ISO.
std::string runtimeVersion(const std::string& rt, const std::string& driver) {
    const bool kic = isKIC(driver);
    if (rt == "containerd")
        return kic ? "1.7.24" : "1.7.23";
    if (rt == "crio")
        return kic ? "1.24.6" : "1.29.1";
    return kic ? "27.4.1" : "27.4.0";
}

// Which CNI minikube picks (pkg/minikube/cni/cni.go#chooseDefault): kindnet ("CNI") for
// several nodes or a non-docker runtime in a container, else the bridge CNI.
std::string cniName(const StartPlan& p) {
    if (p.nodes > 1)
        return "CNI";
    if (p.runtime != "docker" && isKIC(p.driver))
        return "CNI";
    return "bridge CNI";
}

// The machine line of a node, and how long that machine step takes.
Duration machineStep(Invocation& inv, const StartPlan& p, const std::string& machine) {
    Output& out = inv.out;
    const std::string type = machineType(p.driver);
    if (p.before == MachineState::Running || p.before == MachineState::Paused) {
        out.step(Style::Running, "Updating the running " + p.driver + " \"" + machine + "\" " + type + " ...");
        return timing::kUpdateRunning;
    }
    if (p.before == MachineState::Stopped) {
        out.step(Style::Restarting, "Restarting existing " + p.driver + " " + type + " for \"" + machine + "\" ...");
        return isKIC(p.driver) ? timing::kRestartContainer : timing::kRestartVM;
    }
    const std::string resources = "(CPUs=" + std::to_string(p.cpus) + ", Memory=" + std::to_string(p.memoryMB) + "MB";
    if (isKIC(p.driver)) {
        out.step(Style::StartingVM, "Creating " + p.driver + " " + type + " " + resources + ") ...");
        return timing::kCreateContainer;
    }
    out.step(Style::StartingVM,
             "Creating " + p.driver + " " + type + " " + resources + ", Disk=" + std::to_string(p.diskMB) + "MB) ...");
    return timing::kCreateVM;
}

// Addons to enable at start (addons.ToEnable): the profile's saved toggles, defaults for the
// rest, plus --addons. Ordered as printed.
// SIMPLIFICATION: minikube enables them concurrently, so their lines and the "Enabled addons"
// list come in completion order; storage-provisioner first and the rest by name is how a real
// start usually reads.
std::vector<std::string> addonsToEnable(Invocation& inv) {
    std::vector<std::string> names;
    for (const Addon& a : addonRegistry())
        if (isAddonEnabled(inv.state(), a))
            names.push_back(a.name);
    for (std::string name : inv.flags.list("addons")) {
        std::string replacement, message;
        if (addonDeprecation(name, replacement, message)) {
            if (replacement.empty()) {
                inv.out.errStep(Style::Failure, message);
                continue;
            }
            inv.out.step(Style::Waiting, message);
            name = replacement;
        }
        if (findAddon(name) && std::find(names.begin(), names.end(), name) == names.end())
            names.push_back(name);
    }
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
        if ((a == "storage-provisioner") != (b == "storage-provisioner"))
            return a == "storage-provisioner";
        return a < b;
    });
    return names;
}

// Validation that may end the command before the machine is touched. Returns an exit code.
int selectDriver(Invocation& inv, StartPlan& p) {
    Output& out = inv.out;
    if (!p.fresh) {
        p.driver = inv.cluster().minikubeConfig().driver;
        out.step(Style::Sparkle, "Using the " + p.driver + " driver based on existing profile");
        return 0;
    }
    std::string d = flagOrSetting(inv, "driver");
    std::string vmd = flagOrSetting(inv, "vm-driver");
    if (!d.empty() && !vmd.empty())
        out.warning("Both driver=" + d + " and vm-driver=" + vmd + " have been set.\n\n    Since vm-driver is deprecated, minikube will default to driver=" +
                    d + ".\n\n    If vm-driver is set in the global config, please run \"minikube config unset vm-driver\" to resolve this warning.\n\t\t\t");
    if (d.empty())
        d = vmd;
    if (d.empty()) {
        p.driver = "docker";
        out.step(Style::Sparkle, "Automatically selected the docker driver. Other choices: none, ssh");
        return 0;
    }
    if (!supportedOnLinux(d))
        return out.exitMessage(reason::kind("DRV_UNSUPPORTED_OS", 56),
                               "The driver '" + d + "' is not supported on linux/amd64");
    if (d == "kvm")
        d = "kvm2";
    if (d == "qemu")
        d = "qemu2";
    p.driver = d;
    out.step(Style::Sparkle, "Using the " + d + " driver based on user configuration");
    for (const MissingProvider& m : kMissingProviders) {
        if (d != m.driver)
            continue;
        Kind k = reason::kind("PROVIDER_" + upper(d) + "_NOT_FOUND", 65, Style::Shrug);
        k.advice = m.fix;
        k.url = m.doc;
        return out.exitMessage(k, "The '" + d + "' provider was not found: exec: \"" + m.binary +
                                      "\": executable file not found in $PATH");
    }
    if (d == "none" || d == "ssh") {
        // SIMPLIFICATION: kubeplay simulates a machine per node; running Kubernetes directly on
        // the learner's computer (none) or on a remote one (ssh) is not simulated.
        return out.exitMessage(reason::kind("DRV_UNSUPPORTED_OS", 56),
                               "The driver '" + d + "' is not available in kubeplay; use --driver=docker");
    }
    return 0;
}

// validateFlags / generateClusterConfig: everything read from flags, with their messages.
int planConfig(Invocation& inv, StartPlan& p) {
    Output& out = inv.out;
    const ParsedFlags& f = inv.flags;
    if (f.changed("base-image") && !isKIC(p.driver))
        return out.exitMessage(reason::usage(),
                               "flag --base-image is not available for driver '" + p.driver +
                                   "'. Did you mean to use 'docker' or 'podman' driver instead?\n"
                                   "Please use --iso-url flag to configure VM based drivers");
    for (const std::string& mirror : f.list("registry-mirror")) {
        size_t sep = mirror.find("://");
        std::string scheme = sep == std::string::npos ? "" : mirror.substr(0, sep);
        std::string rest = sep == std::string::npos ? mirror : mirror.substr(sep + 3);
        if ((scheme != "http" && scheme != "https") || rest.find('/') != std::string::npos)
            return out.exitMessage(reason::usage(),
                                   "Sorry, the url provided with the --registry-mirror flag is invalid: " + mirror);
    }
    std::string repository = f.changed("image-repository") ? validateImageRepository(inv, f.get("image-repository")) : "";
    std::string runtime = flagOrSetting(inv, "container-runtime");
    if (!runtime.empty() && runtime != "docker" && runtime != "containerd" && runtime != "cri-o" && runtime != "crio")
        return out.exitMessage(reason::usage(), "Invalid Container Runtime: " + runtime +
                                                    ". Valid runtimes are: [docker cri-o containerd]");

    if (!p.fresh) {
        const MinikubeConfig& old = inv.cluster().minikubeConfig();
        p.runtime = old.containerRuntime;
        p.cpus = old.cpus;
        p.memoryMB = old.memoryMB;
        p.imageRepository = old.imageRepository;
        p.nodes = old.nodes + inv.state().addedNodes;
        p.diskMB = inv.state().diskMB;
        if (f.changed("nodes"))
            out.warning("You cannot change the number of nodes for an existing minikube cluster. Please use 'minikube node add' to add nodes to an existing cluster.");
        std::string err;
        if (f.changed("memory")) {
            auto mem = calculateSizeInMB(f.get("memory"), err);
            if (mem && *mem != old.memoryMB)
                out.warning("You cannot change the memory size for an existing minikube cluster. Please first delete the cluster.");
        }
        if (f.changed("cpus") && f.get("cpus") != std::to_string(old.cpus))
            out.warning("You cannot change the CPUs for an existing minikube cluster. Please first delete the cluster.");
        if (f.changed("disk-size")) {
            auto disk = calculateSizeInMB(f.get("disk-size"), err);
            if (disk && *disk != p.diskMB)
                out.warning("You cannot change the disk size for an existing minikube cluster. Please first delete the cluster.");
        }
        return 0;
    }

    p.runtime = runtime.empty() ? "docker" : runtime == "cri-o" ? "crio" : runtime;
    p.nodes = std::max(1, std::stoi(f.get("nodes")));
    std::string err;
    std::string memory = flagOrSetting(inv, "memory");
    if (!memory.empty()) {
        auto mem = calculateSizeInMB(memory, err);
        if (!mem)
            return out.exitMessage(reason::usage(), "Generate unable to parse memory '" + memory + "': " + err);
        p.memoryMB = *mem;
    }
    // SIMPLIFICATION: minikube suggests 25% of the host's memory (at least 2200 MB, at most
    // 6000 MB); the simulated laptop is small enough for the minimum.
    std::string cpus = flagOrSetting(inv, "cpus");
    if (!cpus.empty() && cpus != "max" && cpus != "no-limit") {
        bool digits = std::all_of(cpus.begin(), cpus.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
        if (!digits)
            return out.exitMessage(reason::usage(), "Unable to parse cpus '" + cpus + "'");
        p.cpus = std::stoi(cpus);
    }
    std::string disk = flagOrSetting(inv, "disk-size");
    if (!disk.empty()) {
        auto size = calculateSizeInMB(disk, err);
        if (!size)
            return out.exitMessage(reason::usage(), "Generate unable to parse disk size '" + disk + "': " + err);
        p.diskMB = *size;
    }
    // Upstream: cmd/minikube/cmd/start_flags.go#getRepository.
    std::string country = f.get("image-mirror-country");
    for (char& c : country)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (repository == "auto" || (!country.empty() && repository.empty()))
        repository = country == "cn" ? kAliyunMirror : "";
    p.imageRepository = repository;
    if (f.changed("image-repository") || f.changed("image-mirror-country"))
        out.step(Style::Success, "Using image repository " + repository);
    if (isKIC(p.driver))
        out.step(Style::Notice, "Using Docker driver with root privileges");
    p.ns = f.get("namespace");
    return 0;
}

// Upstream: cmd/minikube/cmd/start.go#showKubectlInfo (version skew and the closing line).
void showKubectlInfo(Invocation& inv, const StartPlan& p) {
    const MinikubeHost& host = inv.ctx.host;
    auto minorOf = [](const std::string& v) {
        std::string s = v[0] == 'v' ? v.substr(1) : v;
        size_t a = s.find('.');
        size_t b = s.find('.', a + 1);
        return std::make_pair(std::stoi(s.substr(0, a)), std::stoi(s.substr(a + 1, b - a - 1)));
    };
    auto client = minorOf(host.kubectlVersion);
    auto cluster = minorOf(p.version);
    if (client.first != cluster.first || std::abs(client.second - cluster.second) > 1) {
        inv.out.ln();
        inv.out.warning(host.kubectlPath + " is version " + host.kubectlVersion +
                        ", which may have incompatibilities with Kubernetes " + p.version.substr(1) + ".");
        inv.out.info("Want kubectl " + p.version + "? Try 'minikube kubectl -- get pods -A'");
    }
    if (inv.flags.getBool("keep-context")) {
        inv.out.step(Style::Kubectl, "To connect to this cluster, use:  --context=" + p.profile);
        return;
    }
    inv.state().kubeContextActive = true;
    inv.out.step(Style::Ready, "Done! kubectl is now configured to use \"" + p.profile + "\" cluster and \"" + p.ns +
                                   "\" namespace by default");
}

// The primary control-plane node: machine, runtime, kubeadm, addons.
void startPrimary(Invocation& inv, const StartPlan& p) {
    Output& out = inv.out;
    Cluster& cluster = inv.cluster();
    const std::string machine = machineName(p.profile, 0);
    out.step(Style::ThumbsUp, "Starting \"" + machine + "\" primary control-plane node in \"" + p.profile + "\" cluster");
    if (isKIC(p.driver))
        out.step(Style::Pulling, std::string("Pulling base image ") + kKicVersion + " ...");
    cluster.advance(machineStep(inv, p, machine));

    out.step(runtimeStyle(p.runtime), "Preparing Kubernetes " + p.version + " on " + runtimeName(p.runtime) + " " +
                                          runtimeVersion(p.runtime, p.driver) + " ...");
    if (p.fresh) {
        out.step(Style::SubStep, "Generating certificates and keys ...");
        out.step(Style::SubStep, "Booting up control plane ...");
        out.step(Style::SubStep, "Configuring RBAC rules ...");
        out.step(Style::CNI, "Configuring " + cniName(p) + " (Container Networking Interface) ...");
    } else if (!isKIC(p.driver)) {
        // A VM's kubeadm configuration lives in tmpfs, so minikube reconfigures the control
        // plane (and the CNI) on every start; a container keeps it and skips this.
        out.step(Style::CNI, "Configuring " + cniName(p) + " (Container Networking Interface) ...");
    }

    MinikubeConfig config;
    config.profile = p.profile;
    config.driver = p.driver;
    config.nodes = p.nodes;
    config.cpus = p.cpus;
    config.memoryMB = p.memoryMB;
    config.kubernetesVersion = p.version;
    config.containerRuntime = p.runtime;
    config.imageRepository = p.imageRepository;
    cluster.start(config);
    // A restart powers every machine on, also those stopped one by one with `minikube node stop`.
    if (!p.fresh && cluster.kubelets())
        for (const MachineNode& n : machineNodes(inv.ctx))
            cluster.kubelets()->setRunning(n.name, true);

    const std::map<std::string, bool> before = inv.state().addons;
    std::vector<std::string> enabled = addonsToEnable(inv);
    out.step(Style::HealthCheck, "Verifying Kubernetes components...");
    std::string list;
    for (const std::string& name : enabled) {
        const Addon& addon = *findAddon(name);
        for (const std::string& line : addonImageLines(addon, p.imageRepository))
            out.info(line);
        if (addonIsVerified(name))
            out.step(Style::HealthCheck, "Verifying " + name + " addon...");
        addonPostStartMessages(out, name, p.profile);
        list += (list.empty() ? "" : ", ") + name;
        inv.state().addons[name] = true;
        // storage-provisioner and default-storageclass come with every cluster (the Cluster
        // applies them); others need their objects.
        auto was = before.find(name);
        const bool wasOn = was != before.end() && was->second;
        if (inv.ctx.onAddonChanged && !addon.enabledByDefault && (p.fresh || !wasOn))
            inv.ctx.onAddonChanged(name, true);
    }
    out.step(Style::AddonEnable, "Enabled addons: " + list);
    Duration after = timing::kAfterRestart;
    if (p.fresh)
        after = isKIC(p.driver) ? timing::kBootstrapAfterContainer : timing::kBootstrapAfterVM;
    else if (p.before != MachineState::Stopped)
        after = isKIC(p.driver) ? timing::kAfterUpdateContainer : timing::kAfterUpdateVM;
    cluster.advance(after);
}

// Every other node (node.Add): the NO_PROXY list grows by the IP of each node started before,
// and minikube passes it to each next node's container runtime.
void startWorkers(Invocation& inv, const StartPlan& p) {
    Output& out = inv.out;
    std::vector<MachineNode> nodes = machineNodes(inv.ctx);
    if (nodes.empty())
        return;
    std::string noProxy = nodes[0].ip;
    std::vector<std::string> dockerEnv;
    for (size_t i = 1; i < nodes.size(); ++i) {
        out.ln();
        out.step(Style::ThumbsUp, "Starting \"" + nodes[i].name + "\" worker node in \"" + p.profile + "\" cluster");
        if (isKIC(p.driver))
            out.step(Style::Pulling, std::string("Pulling base image ") + kKicVersion + " ...");
        machineStep(inv, p, nodes[i].name);
        out.step(Style::Internet, "Found network options:");
        out.info("NO_PROXY=" + noProxy);
        dockerEnv.push_back("NO_PROXY=" + noProxy);
        out.step(runtimeStyle(p.runtime), "Preparing Kubernetes " + p.version + " on " + runtimeName(p.runtime) + " " +
                                              runtimeVersion(p.runtime, p.driver) + " ...");
        for (const std::string& env : dockerEnv)
            out.info("env " + env);
        out.step(Style::HealthCheck, "Verifying Kubernetes components...");
        noProxy += "," + nodes[i].ip;
        inv.cluster().advance(isKIC(p.driver) ? timing::kWorkerContainer : timing::kWorkerVM);
    }
}

}  // namespace

int runStart(Invocation& inv) {
    int code = 0;
    if (!inv.parse(startFlags(), code))
        return code;
    Output& out = inv.out;
    Cluster& cluster = inv.cluster();

    StartPlan p;
    p.profile = inv.profile();
    const std::string prefix = p.profile != kDefaultProfile ? "[" + p.profile + "] " : "";
    out.step(Style::Happy, prefix + "minikube " + kMinikubeVersion + " on " + inv.ctx.host.platform);
    if (inv.flags.getBool("force"))
        out.warning("minikube skips various validations when --force is supplied; this may lead to unexpected behavior");
    if (!profileNameValid(p.profile)) {
        out.warning("Profile name '" + p.profile + "' is not valid");
        return out.exitMessage(reason::usage(),
                               "Only alphanumeric and dashes '-' are permitted. Minimum 2 characters, starting with alphanumeric.");
    }
    if (cluster.machineState() != MachineState::Absent && cluster.minikubeConfig().profile != p.profile) {
        // SIMPLIFICATION: kubeplay simulates one machine at a time; minikube would create a
        // second cluster next to the first.
        return out.exitMessage(reason::usage(), "kubeplay runs one cluster at a time: delete the \"" +
                                                    cluster.minikubeConfig().profile + "\" cluster first ('" +
                                                    exampleCommand(cluster.minikubeConfig().profile, "delete") + "')");
    }
    p.fresh = !profileExists(inv.ctx, p.profile);
    p.before = cluster.machineState();

    // Upstream: start.go#validateSpecifiedDriver.
    if (!p.fresh) {
        std::string requested = flagOrSetting(inv, "driver");
        if (requested.empty())
            requested = flagOrSetting(inv, "vm-driver");
        const std::string old = cluster.minikubeConfig().driver;
        if (!requested.empty() && requested != old) {
            Kind k = reason::kind("GUEST_DRIVER_MISMATCH", 81, Style::Conflict);
            k.advice = "Delete the existing '" + p.profile + "' cluster using: '" + exampleCommand(p.profile, "delete") +
                       "', or start the existing '" + p.profile + "' cluster using: '" +
                       exampleCommand(p.profile, "start") + " --driver=" + old + "'";
            return out.exitMessage(k, "The existing \"" + p.profile + "\" cluster was created using the \"" + old +
                                          "\" driver, which is incompatible with requested \"" + requested + "\" driver.");
        }
    }
    if (int c = resolveKubernetesVersion(inv, flagOrSetting(inv, "kubernetes-version"),
                                         p.fresh ? "" : cluster.minikubeConfig().kubernetesVersion, p.version))
        return c;
    if (int c = selectDriver(inv, p))
        return c;
    if (int c = planConfig(inv, p))
        return c;

    if (p.fresh) {
        inv.state().addons.clear();
        inv.state().addedNodes = 0;
        inv.state().deletedNodeIds.clear();
        inv.state().diskMB = p.diskMB;
    }
    inv.state().controlPlaneStoppedAlone = false;
    startPrimary(inv, p);
    startWorkers(inv, p);
    showKubectlInfo(inv, p);
    return 0;
}

}  // namespace kp::cli::minikube
