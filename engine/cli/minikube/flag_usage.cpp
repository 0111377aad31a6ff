#include "cli/minikube/flag_usage.h"

#include <algorithm>
#include <map>

namespace kp::cli::minikube {
namespace {

// By "verb flag" where one verb means something of its own, else by flag name.
const std::map<std::string, std::string>& usages() {
    static const std::map<std::string, std::string> table = {
        // minikube start
        {"addons", "Addons to enable as the cluster starts (see `minikube addons list` for their names)."},
        {"apiserver-ips", "Extra IP addresses for the API server's certificate, for reaching it from outside the machine."},
        {"apiserver-name", "The name the API server's certificate is made for, for reaching it from outside the machine."},
        {"apiserver-names", "Extra host names for the API server's certificate, for reaching it from outside the machine."},
        {"apiserver-port", "The port the API server listens on."},
        {"auto-pause-interval", "How long a cluster with the auto-pause addon waits idle before it pauses."},
        {"auto-update-drivers", "Update hyperkit and kvm2 drivers by themselves when a new version is out."},
        {"base-image", "The image the docker and podman drivers run the node in."},
        {"binary-mirror", "Where to download kubectl, kubelet and kubeadm from instead of the official location."},
        {"cache-images", "Keep the images the cluster needs in minikube's cache (off with --driver=none)."},
        {"cert-expiration", "How long the certificates minikube makes stay valid."},
        {"cni", "The network plugin: auto, bridge, calico, cilium, flannel, kindnet or a manifest's path."},
        {"container-runtime", "The container runtime of the nodes: docker, containerd or cri-o."},
        {"cpus", "How many CPUs the node gets, or \"max\" for all of the host's."},
        {"cri-socket", "The CRI socket path (only for a remote runtime)."},
        {"delete-on-failure", "Delete the cluster and try again when starting it fails."},
        {"disable-driver-mounts", "Leave out the hypervisor's shared folders (virtualbox, vmware)."},
        {"disable-metrics", "Keep the nodes from sending metrics (docker, podman)."},
        {"disable-optimizations", "Skip the optimisations minikube makes to start faster."},
        {"disk-size", "The node's disk size, as <number>[<unit>] with unit b, k, m or g."},
        {"dns-domain", "The cluster's DNS domain."},
        {"dns-proxy", "Let the NAT proxy answer the VM's DNS requests (virtualbox)."},
        {"docker-env", "Environment variables for the Docker daemon (KEY=VALUE)."},
        {"docker-opt", "Options for the Docker daemon, as --opt=value."},
        {"download-only", "Download what the cluster needs and stop before starting it."},
        {"driver", "The driver to run the node with: docker, virtualbox, kvm2, qemu2, podman, none, ... (autodetected when not given)."},
        {"dry-run", "Check the configuration and change nothing."},
        {"embed-certs", "Put the certificates into the kubeconfig instead of pointing at their files."},
        {"enable-default-cni", "Old name of --cni=bridge."},
        {"extra-config", "A setting of one component, as component.key=value (kubelet, kubeadm, apiserver, ...)."},
        {"extra-disks", "How many extra disks the VM gets (hyperkit, kvm2, qemu2)."},
        {"feature-gates", "Kubernetes feature gates, as name=true|false pairs separated by commas."},
        {"force", "Go on where minikube would stop for the machine's sake."},
        {"force-systemd", "Make the container runtime use systemd as its cgroup manager."},
        {"gpus", "GPUs to give the cluster: nvidia, amd or all (docker driver)."},
        {"ha", "Start a highly available cluster with three control-plane nodes."},
        {"host-dns-resolver", "Use the host's DNS resolver inside the VM (virtualbox)."},
        {"host-only-cidr", "The host-only network's address range (virtualbox)."},
        {"host-only-nic-type", "The host-only network card type (virtualbox)."},
        {"hyperkit-vpnkit-sock", "The VPNKit socket for networking (hyperkit)."},
        {"hyperkit-vsock-ports", "Guest ports to open as vsock sockets (hyperkit)."},
        {"hyperv-external-adapter", "The network adapter for the external switch (hyperv)."},
        {"hyperv-use-external-switch", "Use an external virtual switch (hyperv)."},
        {"hyperv-virtual-switch", "The virtual switch to use (hyperv)."},
        {"image-mirror-country", "Pull images from a mirror in this country (cn for China)."},
        {"image-repository", "Pull the Kubernetes images from this registry instead of registry.k8s.io (\"auto\" picks one)."},
        {"insecure-registry", "Registries the Docker daemon may reach without TLS."},
        {"install-addons", "Install the default addons."},
        {"interactive", "Allow prompts that wait for the user."},
        {"iso-url", "Where to download the VM's ISO image from."},
        {"keep-context", "Leave kubectl's current context as it is."},
        {"kubernetes-version", "The Kubernetes version to run (v1.32.0, stable, latest)."},
        {"kvm-gpu", "Give the VM the host's GPU (kvm2)."},
        {"kvm-hidden", "Hide the hypervisor from the guest (kvm2)."},
        {"kvm-network", "The libvirt network to attach to (kvm2)."},
        {"kvm-numa-count", "How many NUMA nodes the VM gets (kvm2)."},
        {"kvm-qemu-uri", "The QEMU connection URI (kvm2)."},
        {"listen-address", "The address the container's published ports listen on (docker, podman)."},
        {"memory", "The node's memory, as <number>[<unit>] with unit b, k, m or g, or \"max\"."},
        {"mount", "Mount --mount-string into the node."},
        {"mount-9p-version", "The 9p protocol version of the mount."},
        {"mount-gid", "The group that owns the mount."},
        {"mount-ip", "The host IP the mount is served from."},
        {"mount-msize", "The mount's packet payload size in bytes."},
        {"mount-options", "Extra mount options, separated by commas."},
        {"mount-port", "The port the mount is served on (0 picks one)."},
        {"mount-string", "The folder to mount, as <host folder>:<node folder>."},
        {"mount-type", "The mount's kind: 9p."},
        {"mount-uid", "The user that owns the mount."},
        {"namespace", "The namespace kubectl commands use after start."},
        {"nat-nic-type", "The NAT network card type (virtualbox)."},
        {"native-ssh", "Use Go's SSH client instead of the ssh command."},
        {"network", "The network to run the node in (docker, podman, kvm2, qemu2)."},
        {"network-plugin", "Old name of --cni."},
        {"nfs-share", "Host folders to share over NFS (hyperkit)."},
        {"nfs-shares-root", "Where the NFS shares are mounted in the VM (hyperkit)."},
        {"no-kubernetes", "Start the node without Kubernetes."},
        {"no-vtx-check", "Skip the check for hardware virtualisation (virtualbox)."},
        {"nodes", "How many nodes to start."},
        {"output", "The output format: text or json."},
        {"ports", "Ports to publish from the node container, as in docker run -p."},
        {"preload", "Use the preloaded images and binaries when they exist."},
        {"qemu-firmware-path", "The firmware the QEMU VM boots (qemu2)."},
        {"registry-mirror", "Registry mirrors for the Docker daemon."},
        {"service-cluster-ip-range", "The address range of Service cluster IPs."},
        {"socket-vmnet-client-path", "The socket_vmnet_client binary (qemu2 on macOS)."},
        {"socket-vmnet-path", "The socket_vmnet socket (qemu2 on macOS)."},
        {"ssh-ip-address", "The IP address of the machine to reach over SSH (ssh driver)."},
        {"ssh-key", "The SSH key file (ssh driver)."},
        {"ssh-port", "The SSH port (ssh driver)."},
        {"ssh-user", "The SSH user (ssh driver)."},
        {"static-ip", "A fixed IP for the node, from a private range (docker, podman)."},
        {"subnet", "The subnet of the node's network (docker, podman)."},
        {"trace", "Send a trace: gcp."},
        {"uuid", "The VM's UUID (hyperkit)."},
        {"vm", "Prefer a VM driver when none is given."},
        {"vm-driver", "Old name of --driver."},
        {"wait", "Components to wait for before start returns: apiserver, system_pods, default_sa, apps_running, node_ready, kubelet, extra, all or none."},
        {"wait-timeout", "How long to wait for each component in --wait."},
        // other verbs
        {"minikube addons list output", "The output format: list or json."},
        {"minikube addons list docs", "Show each addon's documentation link."},
        {"minikube addons enable images", "Images an addon uses, replaced as Name=image (e.g. MetricsServer=...)."},
        {"minikube addons enable registries", "Registries for the images of --images, as Name=registry."},
        {"minikube addons enable force", "Enable the addon even when minikube would refuse."},
        {"minikube addons enable refresh", "Enable the addon again even when it is enabled."},
        {"minikube config view format", "A Go template for each setting."},
        {"minikube dashboard url", "Print the dashboard's URL instead of opening a browser."},
        {"minikube dashboard port", "The port the dashboard proxy listens on (0 picks one)."},
        {"minikube delete all", "Delete every profile."},
        {"minikube delete purge", "Also delete the ~/.minikube folder."},
        {"minikube delete output", "The output format: text or json."},
        {"minikube docker-env no-proxy", "Add the node's IP to NO_PROXY."},
        {"minikube docker-env shell", "The shell to write for: bash, zsh, fish, powershell, cmd, ... (autodetected)."},
        {"minikube docker-env ssh-add", "Add the SSH identity key to the SSH agent."},
        {"minikube docker-env ssh-host", "Reach Docker over SSH instead of TCP."},
        {"minikube docker-env unset", "Print the commands that undo the environment."},
        {"minikube ip node", "The node whose IP to print."},
        {"minikube kubectl ssh", "Run kubectl on the node over SSH."},
        {"minikube node add control-plane", "Make the new node a control-plane node."},
        {"minikube node add worker", "Make the new node a worker."},
        {"minikube node add delete-on-failure", "Delete the node and try again when adding it fails."},
        {"minikube node start delete-on-failure", "Delete the node and try again when starting it fails."},
        {"minikube pause namespaces", "Namespaces whose containers to pause."},
        {"minikube pause all-namespaces", "Pause the containers of every namespace."},
        {"minikube pause output", "The output format: text or json."},
        {"minikube unpause namespaces", "Namespaces whose containers to unpause."},
        {"minikube unpause all-namespaces", "Unpause the containers of every namespace."},
        {"minikube unpause output", "The output format: text or json."},
        {"minikube profile list output", "The output format: table or json."},
        {"minikube profile list light", "Skip checking whether each cluster is running."},
        {"minikube service namespace", "The namespace of the service."},
        {"minikube service url", "Print the URL instead of opening a browser."},
        {"minikube service https", "Open the service's URL with https."},
        {"minikube service format", "A Go template for each URL (with --url)."},
        {"minikube service interval", "Seconds between tries while waiting for the service."},
        {"minikube service wait", "Seconds to wait for the service to get endpoints."},
        {"minikube service all", "Open every service of the namespace."},
        {"minikube service list namespace", "Only the services of this namespace."},
        {"minikube service list output", "The output format: table or json."},
        {"minikube ssh node", "The node to open a shell on."},
        {"minikube ssh native-ssh", "Use Go's SSH client instead of the ssh command."},
        {"minikube status format", "A Go template for the status (e.g. {{.Host}})."},
        {"minikube status layout", "The layout of the output: nodes or cluster."},
        {"minikube status node", "Only this node's status."},
        {"minikube status output", "The output format: text or json."},
        {"minikube status watch", "Print the status again at this interval."},
        {"minikube stop all", "Stop every profile."},
        {"minikube stop cancel-scheduled", "Cancel a scheduled stop."},
        {"minikube stop keep-context-active", "Leave kubectl's context on this cluster."},
        {"minikube stop output", "The output format: text or json."},
        {"minikube stop schedule", "Stop the cluster after this duration (e.g. 5m)."},
        {"minikube tunnel cleanup", "Remove leftover routes of earlier tunnels."},
        {"minikube tunnel bind-address", "The address the tunnel's ports listen on."},
        {"minikube version components", "Also print the versions of the node's components."},
        {"minikube version output", "The output format: yaml or json."},
        {"minikube version short", "Print only the version number."},
    };
    return table;
}

std::string defaultShown(const FlagSpec& f) {
    switch (f.type) {
        case FlagType::Bool:
        case FlagType::Int:
        case FlagType::Duration:
            return f.defaultValue;
        case FlagType::StringSlice:
            return "[" + f.defaultValue + "]";
        default:
            return "'" + f.defaultValue + "'";
    }
}

}  // namespace

std::string flagUsage(const std::string& commandPath, const std::string& flag) {
    const auto& table = usages();
    if (auto it = table.find(commandPath + " " + flag); it != table.end())
        return it->second;
    if (auto it = table.find(flag); it != table.end())
        return it->second;
    return "";
}

std::string optionsBlock(const std::string& commandPath, const std::vector<FlagSpec>& specs) {
    std::vector<FlagSpec> sorted = specs;
    std::sort(sorted.begin(), sorted.end(), [](const FlagSpec& a, const FlagSpec& b) { return a.name < b.name; });
    std::string out;
    for (const FlagSpec& f : sorted) {
        out += "    ";
        if (f.shorthand)
            out += std::string("-") + f.shorthand + ", ";
        out += "--" + f.name + "=" + defaultShown(f) + ":\n\t" + flagUsage(commandPath, f.name) + "\n\n";
    }
    return out;
}

}  // namespace kp::cli::minikube
