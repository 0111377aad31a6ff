#include "cli/minikube/start_flags.h"

#include <cctype>
#include <cstdio>

#include "base/text.h"

namespace kp::cli::minikube {
namespace {

constexpr const char* kDefaultKubernetesVersion = "v1.32.0";
constexpr const char* kNewestKubernetesVersion = "v1.32.0";
constexpr const char* kOldestKubernetesVersion = "v1.20.0";

// The newest patch release minikube v1.35.0 knows for each minor version
// (pkg/minikube/constants/constants_kubernetes_versions.go).
const char* latestPatch(int minor) {
    static const char* const kLatest[] = {
        "1.0.7",  "1.1.8",  "1.2.7",   "1.3.10",  "1.4.12",  "1.5.8",   "1.6.13",  "1.7.16",  "1.8.15",
        "1.9.11", "1.10.13", "1.11.10", "1.12.10", "1.13.12", "1.14.10", "1.15.12", "1.16.15", "1.17.17",
        "1.18.20", "1.19.16", "1.20.15", "1.21.14", "1.22.17", "1.23.17", "1.24.17", "1.25.16", "1.26.15",
        "1.27.16", "1.28.15", "1.29.12", "1.30.8",  "1.31.4",  "1.32.0",
    };
    if (minor < 0 || minor >= static_cast<int>(sizeof kLatest / sizeof kLatest[0]))
        return nullptr;
    return kLatest[minor];
}

struct Semver {
    int major = 0, minor = 0, patch = 0;
    std::string pre;  // "rc.1"

    std::string str() const {
        std::string s = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
        return pre.empty() ? s : s + "-" + pre;
    }
};

bool parseNumber(const std::string& s, size_t& i, int& out) {
    size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
        ++i;
    if (i == start)
        return false;
    out = std::stoi(s.substr(start, i - start));
    return true;
}

std::optional<Semver> parseSemver(const std::string& s) {
    Semver v;
    size_t i = 0;
    if (!parseNumber(s, i, v.major) || i >= s.size() || s[i++] != '.' || !parseNumber(s, i, v.minor) ||
        i >= s.size() || s[i++] != '.' || !parseNumber(s, i, v.patch))
        return std::nullopt;
    if (i < s.size()) {
        if (s[i] != '-' || i + 1 == s.size())
            return std::nullopt;
        v.pre = s.substr(i + 1);
    }
    return v;
}

// Release order, with a pre-release before its release.
int compare(const Semver& a, const Semver& b) {
    if (a.major != b.major)
        return a.major < b.major ? -1 : 1;
    if (a.minor != b.minor)
        return a.minor < b.minor ? -1 : 1;
    if (a.patch != b.patch)
        return a.patch < b.patch ? -1 : 1;
    if (a.pre == b.pre)
        return 0;
    if (a.pre.empty())
        return 1;
    if (b.pre.empty())
        return -1;
    return a.pre < b.pre ? -1 : 1;
}

std::string trimV(const std::string& s) { return !s.empty() && s[0] == 'v' ? s.substr(1) : s; }

bool isTwoDigitSemver(const std::string& s) {
    size_t i = 0;
    int a, b;
    return parseNumber(s, i, a) && i < s.size() && s[i++] == '.' && parseNumber(s, i, b) && i == s.size();
}

}  // namespace

const std::vector<FlagSpec>& startFlags() {
    using T = FlagType;
    static const std::vector<FlagSpec> flags = {
        {"force", 0, T::Bool, "false"}, {"interactive", 0, T::Bool, "true"}, {"dry-run", 0, T::Bool, "false"},
        {"cpus", 0, T::String, "2"}, {"memory", 0, T::String, ""}, {"disk-size", 0, T::String, "20000mb"},
        {"download-only", 0, T::Bool, "false"}, {"cache-images", 0, T::Bool, "true"},
        {"iso-url", 0, T::StringSlice, ""}, {"base-image", 0, T::String, "gcr.io/k8s-minikube/kicbase:v0.0.46"},
        {"keep-context", 0, T::Bool, "false"}, {"embed-certs", 0, T::Bool, "false"},
        {"container-runtime", 'c', T::String, ""}, {"mount", 0, T::Bool, "false"}, {"mount-string", 0, T::String, ""},
        {"mount-9p-version", 0, T::String, "9p2000.L"}, {"mount-gid", 0, T::String, "docker"},
        {"mount-ip", 0, T::String, ""}, {"mount-msize", 0, T::Int, "262144"}, {"mount-options", 0, T::StringSlice, ""},
        {"mount-port", 0, T::Int, "0"}, {"mount-type", 0, T::String, "9p"}, {"mount-uid", 0, T::String, "docker"},
        {"addons", 0, T::StringSlice, ""}, {"cri-socket", 0, T::String, ""}, {"network-plugin", 0, T::String, ""},
        {"enable-default-cni", 0, T::Bool, "false"}, {"cni", 0, T::String, ""}, {"wait", 0, T::StringSlice, ""},
        {"wait-timeout", 0, T::Duration, "6m0s"}, {"native-ssh", 0, T::Bool, "true"},
        {"auto-update-drivers", 0, T::Bool, "true"}, {"install-addons", 0, T::Bool, "true"}, {"ha", 0, T::Bool, "false"},
        {"nodes", 'n', T::Int, "1"}, {"preload", 0, T::Bool, "true"}, {"no-kubernetes", 0, T::Bool, "false"},
        {"delete-on-failure", 0, T::Bool, "false"}, {"force-systemd", 0, T::Bool, "false"},
        {"network", 0, T::String, ""}, {"output", 'o', T::String, "text"}, {"trace", 0, T::String, ""},
        {"extra-disks", 0, T::Int, "0"}, {"cert-expiration", 0, T::Duration, "26280h0m0s"},
        {"binary-mirror", 0, T::String, ""}, {"disable-optimizations", 0, T::Bool, "false"},
        {"disable-metrics", 0, T::Bool, "false"}, {"static-ip", 0, T::String, ""}, {"gpus", 'g', T::String, ""},
        {"auto-pause-interval", 0, T::Duration, "1m0s"}, {"kubernetes-version", 0, T::String, ""},
        {"namespace", 0, T::String, "default"}, {"extra-config", 0, T::StringSlice, ""},
        {"feature-gates", 0, T::String, ""}, {"dns-domain", 0, T::String, "cluster.local"},
        {"apiserver-port", 0, T::Int, "8443"}, {"apiserver-name", 0, T::String, "minikubeCA"},
        {"apiserver-names", 0, T::StringSlice, ""}, {"apiserver-ips", 0, T::StringSlice, ""},
        {"driver", 'd', T::String, ""}, {"vm-driver", 0, T::String, ""}, {"disable-driver-mounts", 0, T::Bool, "false"},
        {"vm", 0, T::Bool, "false"}, {"kvm-network", 0, T::String, "default"},
        {"kvm-qemu-uri", 0, T::String, "qemu:///system"}, {"kvm-gpu", 0, T::Bool, "false"},
        {"kvm-hidden", 0, T::Bool, "false"}, {"kvm-numa-count", 0, T::Int, "1"},
        {"host-only-cidr", 0, T::String, "192.168.59.1/24"}, {"dns-proxy", 0, T::Bool, "false"},
        {"host-dns-resolver", 0, T::Bool, "true"}, {"no-vtx-check", 0, T::Bool, "false"},
        {"host-only-nic-type", 0, T::String, "virtio"}, {"nat-nic-type", 0, T::String, "virtio"},
        {"hyperkit-vsock-ports", 0, T::StringSlice, ""}, {"uuid", 0, T::String, ""},
        {"hyperkit-vpnkit-sock", 0, T::String, ""}, {"nfs-share", 0, T::StringSlice, ""},
        {"nfs-shares-root", 0, T::String, "/nfsshares"}, {"hyperv-virtual-switch", 0, T::String, ""},
        {"hyperv-use-external-switch", 0, T::Bool, "false"}, {"hyperv-external-adapter", 0, T::String, ""},
        {"listen-address", 0, T::String, ""}, {"ports", 0, T::StringSlice, ""}, {"subnet", 0, T::String, ""},
        {"qemu-firmware-path", 0, T::String, ""}, {"insecure-registry", 0, T::StringSlice, ""},
        {"registry-mirror", 0, T::StringSlice, ""}, {"image-repository", 0, T::String, ""},
        {"image-mirror-country", 0, T::String, ""}, {"service-cluster-ip-range", 0, T::String, "10.96.0.0/12"},
        {"docker-env", 0, T::StringSlice, ""}, {"docker-opt", 0, T::StringSlice, ""},
        {"ssh-ip-address", 0, T::String, ""}, {"ssh-user", 0, T::String, "root"}, {"ssh-key", 0, T::String, ""},
        {"ssh-port", 0, T::Int, "22"}, {"socket-vmnet-client-path", 0, T::String, ""},
        {"socket-vmnet-path", 0, T::String, ""},
    };
    return flags;
}

std::optional<int> calculateSizeInMB(const std::string& text, std::string& error) {
    std::string s = text;
    bool digitsOnly = !s.empty();
    for (char c : s)
        digitsOnly = digitsOnly && std::isdigit(static_cast<unsigned char>(c));
    if (digitsOnly)
        s += "mb";
    // go-units RAMInBytes: a number, an optional space, an optional k/m/g/t/p and optional i/b.
    size_t i = 0;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.'))
        ++i;
    std::string number = s.substr(0, i);
    if (i < s.size() && s[i] == ' ')
        ++i;
    char unit = i < s.size() ? static_cast<char>(std::tolower(static_cast<unsigned char>(s[i]))) : 0;
    double multiplier = 1;
    if (unit == 'k' || unit == 'm' || unit == 'g' || unit == 't' || unit == 'p') {
        int power = unit == 'k' ? 1 : unit == 'm' ? 2 : unit == 'g' ? 3 : unit == 't' ? 4 : 5;
        for (int p = 0; p < power; ++p)
            multiplier *= 1024;
        ++i;
    }
    if (i < s.size() && (s[i] == 'i' || s[i] == 'I'))
        ++i;
    if (i < s.size() && (s[i] == 'b' || s[i] == 'B'))
        ++i;
    if (number.empty() || number[0] == '.' || i != s.size()) {
        error = "FromHumanSize: invalid size: '" + s + "'";
        return std::nullopt;
    }
    double bytes = std::stod(number) * multiplier;
    return static_cast<int>(static_cast<long long>(bytes) / (1024 * 1024));
}

// Upstream: cmd/minikube/cmd/start.go#getKubernetesVersion and #validateKubernetesVersion.
int resolveKubernetesVersion(Invocation& inv, const std::string& requested, const std::string& existingVersion,
                             std::string& version) {
    Output& out = inv.out;
    std::string param = requested;
    if (param.empty())
        param = existingVersion;
    if (param.empty() || asciiLower(param) == "stable")
        param = kDefaultKubernetesVersion;
    else if (asciiLower(param) == "latest" || asciiLower(param) == "newest")
        param = kNewestKubernetesVersion;

    const std::string given = trimV(asciiLower(requested));
    std::string semverText = trimV(asciiLower(param));
    if (isTwoDigitSemver(semverText)) {
        size_t dot = semverText.find('.');
        const char* patch = semverText.substr(0, dot) == "1" ? latestPatch(std::stoi(semverText.substr(dot + 1))) : nullptr;
        if (!patch) {
            Kind k = reason::kind("MK_PATCH_NOT_FOUND", reason::kExProgramUsage);
            k.advice = "Specify --kubernetes-version in v<major>.<minor.<build> form. example: 'v1.1.14'";
            return out.exitMessage(k, "Unable to detect the latest patch release for specified major.minor version v" + given);
        }
        semverText = patch;
    }
    std::optional<Semver> v = parseSemver(semverText);
    if (!v)
        return out.exitMessage(reason::usage(), "Unable to parse \"" + param + "\": No Major.Minor.Patch elements found");
    version = "v" + v->str();

    const Semver oldest = *parseSemver(trimV(kOldestKubernetesVersion));
    const Semver newest = *parseSemver(trimV(kNewestKubernetesVersion));
    if (isTwoDigitSemver(given))
        out.step(Style::Workaround, "Using Kubernetes " + v->str() + " since patch version was unspecified");
    if (v->major > newest.major) {
        out.warning("Specified Major version of Kubernetes " + std::to_string(v->major) +
                    " is newer than the newest supported Major version: " + std::to_string(newest.major));
        out.warning("You can force an unsupported Kubernetes version via the --force flag");
        return out.exitMessage(reason::kind("K8S_NEW_UNSUPPORTED", 106),
                               "Kubernetes " + v->str() + " is not supported by this release of minikube");
    }
    if (compare(*v, newest) > 0) {
        // SIMPLIFICATION: minikube then searches GitHub's release list; the simulation has no
        // internet, so the version is simply unknown.
        out.warning("Specified Kubernetes version " + v->str() + " is newer than the newest supported version: " +
                    kNewestKubernetesVersion + ". Use `minikube config defaults kubernetes-version` for details.");
        out.warning("Specified Kubernetes version " + v->str() + " not found in Kubernetes version list");
        out.step(Style::Verifying, "Searching the internet for Kubernetes version...");
        out.warning("Kubernetes version not found in GitHub version list. You can force a Kubernetes version via the --force flag");
        return out.exitMessage(reason::kind("K8S_NEW_UNSUPPORTED", 106),
                               "Kubernetes version " + v->str() + " is not supported by this release of minikube");
    }
    if (compare(*v, oldest) < 0) {
        out.warning("Specified Kubernetes version " + v->str() + " is less than the oldest supported version: " +
                    kOldestKubernetesVersion + ". Use `minikube config defaults kubernetes-version` for details.");
        out.warning("You can force an unsupported Kubernetes version via the --force flag");
        return out.exitMessage(reason::kind("K8S_OLD_UNSUPPORTED", 106),
                               "Kubernetes " + v->str() + " is not supported by this release of minikube");
    }
    // Versions with a known problem (pkg/minikube/reason/k8s.go).
    static const char* const kSlowStartup[] = {"1.20.3", "1.20.4", "1.20.5", "1.20.6", "1.21.0"};
    for (const char* bad : kSlowStartup)
        if (v->str() == bad) {
            out.warning("Kubernetes " + v->str() +
                        " has a known performance issue on cluster startup. It might take 2 to 3 minutes for a cluster to start.");
            out.warning("For more information, see: https://github.com/kubernetes/kubeadm/issues/2395");
        }
    if (v->str() == "1.25.0") {
        out.warning("Kubernetes 1.25.0 has a known issue with resolv.conf. minikube is using a workaround that should work for most use cases.");
        out.warning("For more information, see: https://github.com/kubernetes/kubernetes/issues/112135");
    }

    if (existingVersion.empty())
        return 0;
    std::optional<Semver> old = parseSemver(trimV(existingVersion));
    if (old && compare(*v, *old) < 0) {
        const std::string profile = inv.profile() == kDefaultProfile ? "" : " -p " + inv.profile();
        Kind k = reason::kind("K8S_DOWNGRADE_UNSUPPORTED", 106, Style::SeeNoEvil);
        k.advice = "1) Recreate the cluster with Kubernetes " + v->str() + ", by running:\n\n" +
                   "minikube delete" + profile + "\nminikube start" + profile + " --kubernetes-version=v" + v->str() +
                   "\n\n2) Create a second cluster with Kubernetes " + v->str() + ", by running:\n\n" +
                   "minikube start -p " + inv.profile() + "2 --kubernetes-version=v" + v->str() +
                   "\n\n3) Use the existing cluster at version Kubernetes " + old->str() + ", by running:\n\n" +
                   "minikube start" + profile + " --kubernetes-version=v" + old->str() + "\n";
        return out.exitMessage(k, "Unable to safely downgrade existing Kubernetes v" + old->str() + " cluster to v" + v->str());
    }
    if (compare(*parseSemver(trimV(kDefaultKubernetesVersion)), *v) > 0)
        out.step(Style::New, std::string("Kubernetes ") + trimV(kDefaultKubernetesVersion) +
                                 " is now available. If you would like to upgrade, specify: --kubernetes-version=" +
                                 kDefaultKubernetesVersion);
    return 0;
}

// Upstream: cmd/minikube/cmd/start.go#validateImageRepository.
std::string validateImageRepository(Invocation& inv, const std::string& repository) {
    std::string repo = repository;
    if (asciiLower(repo) == "auto")
        return "auto";
    std::string scheme;
    size_t sep = repo.find("://");
    if (sep != std::string::npos) {
        scheme = repo.substr(0, sep);
        repo = repo.substr(sep + 3);
    }
    if (!repository.empty() && repository.back() == '/')
        inv.out.info("The --image-repository flag your provided ended with a trailing / that could cause conflict in kubernetes, removed automatically");
    if (!scheme.empty())
        inv.out.info("The --image-repository flag you provided contains Scheme: " + scheme +
                     ", which will be removed automatically");
    while (!repo.empty() && repo.back() == '/')
        repo.pop_back();
    return repo;
}

}  // namespace kp::cli::minikube
