// `minikube tunnel`: routes the Service network (10.96.0.0/12) to the node and gives every
// LoadBalancer Service its ClusterIP as ingress IP, so `kubectl get svc` shows an EXTERNAL-IP
// (cmd/minikube/cmd/tunnel.go, pkg/minikube/tunnel: tunnel_manager.go, tunnel.go,
// loadbalancer_patcher.go, reporter.go). On a Linux host with the docker driver minikube uses a
// route, not SSH. The tunnel keeps its terminal: every 5 s it checks the machine, patches new
// LoadBalancer Services and prints its status when the status changed; Ctrl+C removes the
// ingress IPs again. It ends by itself when the machine stops.
#include "cli/minikube/commands.h"

namespace kp::cli::minikube {
namespace {

// tunnel_manager.go: stateCheckInterval. The first check comes one interval after start.
constexpr Duration kStateCheckInterval = Duration::seconds(5);

class Tunnel : public ForegroundProcess {
public:
    Tunnel(Cluster& cluster, std::string profile, std::string nodeIP, int pid)
        : cluster_(cluster), profile_(std::move(profile)), nodeIP_(std::move(nodeIP)), pid_(pid) {
        schedule();
    }
    ~Tunnel() override { cancel(); }

    std::string takeOutput() override { return std::exchange(out_, ""); }
    bool finished() const override { return ended_; }
    std::string interrupt() override {
        if (!ended_) {
            cancel();
            if (cluster_.apiserverReachable()) {
                forEachLoadBalancer(&Tunnel::cleanupService);
                cluster_.runUntilIdle();
            }
            ended_ = true;
        }
        return "";
    }

private:
    void schedule() {
        timer_ = cluster_.clock().schedule(cluster_.now() + kStateCheckInterval, [this] {
            timer_ = 0;
            update();
        });
    }
    void cancel() {
        if (timer_)
            cluster_.clock().cancel(timer_);
        timer_ = 0;
    }

    // tunnel.go#update, then the manager's loop: a stopped machine ends the tunnel.
    void update() {
        const MachineState machine = cluster_.machineState();
        const bool running = machine == MachineState::Running || machine == MachineState::Paused;
        std::vector<std::string> services;
        if (running && cluster_.apiserverReachable())
            services = forEachLoadBalancer(&Tunnel::updateService);
        // SIMPLIFICATION: a deleted machine reports "Unknown" without minikube's error text.
        report(running ? "Running" : machine == MachineState::Stopped ? "Stopped" : "Unknown", services);
        if (!running) {
            ended_ = true;
            return;
        }
        schedule();
    }

    // reporter.go: the status block, printed only when it differs from the last one.
    void report(const std::string& state, const std::vector<std::string>& services) {
        std::string list;
        for (const std::string& s : services)
            list += (list.empty() ? "" : ", ") + s;
        std::string text = "Status:\t\n\tmachine: " + profile_ + "\n\tpid: " + std::to_string(pid_) +
                           "\n\troute: 10.96.0.0/12 -> " + nodeIP_ + "\n\tminikube: " + state + "\n\tservices: [" +
                           list +
                           "]\n    errors: \n\t\tminikube: no errors\n\t\trouter: no errors\n\t\tloadbalancer "
                           "emulator: no errors\n";
        if (text != lastReport_)
            out_ += text;
        lastReport_ = std::move(text);
    }

    // loadbalancer_patcher.go#applyOnLBServices: every LoadBalancer Service in every namespace.
    std::vector<std::string> forEachLoadBalancer(void (Tunnel::*action)(Client&, const Json&)) {
        std::vector<std::string> managed;
        Client client = cluster_.client("minikube-tunnel");
        for (const ObjectPtr& svc : cluster_.store().list("services")) {
            if (stringAt(*svc, "spec.type") != "LoadBalancer")
                continue;
            managed.push_back(stringAt(*svc, "metadata.name"));
            (this->*action)(client, *svc);
        }
        return managed;
    }

    // The ClusterIP becomes the ingress IP (JSON patch on the status subresource).
    void updateService(Client& client, const Json& svc) {
        const std::string clusterIP = stringAt(svc, "spec.clusterIP");
        const Json* ingress = findPath(svc, "status.loadBalancer.ingress");
        const bool done = ingress && ingress->is_array() && ingress->size() == 1 &&
                          (*ingress)[0].value("ip", "") == clusterIP;
        if (done || clusterIP.empty() || clusterIP == "None")
            return;
        patchStatus(client, svc,
                    "[{\"op\": \"add\", \"path\": \"/status/loadBalancer/ingress\", \"value\":  [ { \"ip\": \"" +
                        clusterIP + "\" } ] }]");
    }

    void cleanupService(Client& client, const Json& svc) {
        const Json* ingress = findPath(svc, "status.loadBalancer.ingress");
        if (!ingress || !ingress->is_array() || ingress->empty())
            return;
        patchStatus(client, svc, "[{\"op\": \"remove\", \"path\": \"/status/loadBalancer/ingress\" }]");
    }

    static void patchStatus(Client& client, const Json& svc, const std::string& patch) {
        client.patch(client.resource("services"), stringAt(svc, "metadata.namespace"),
                     stringAt(svc, "metadata.name"), PatchType::JsonPatch, patch, {}, "status");
    }

    Cluster& cluster_;
    std::string profile_, nodeIP_;
    int pid_;
    VirtualClock::TimerId timer_ = 0;
    std::string out_, lastReport_;
    bool ended_ = false;
};

}  // namespace

int runTunnel(Invocation& inv) {
    int code = 0;
    if (!inv.parse({{"cleanup", 'c', FlagType::Bool, "true"}, {"bind-address", 0, FlagType::String, ""}}, code))
        return code;
    const std::string profile = inv.profile();
    if (int c = mustLoadHealthy(inv, profile))
        return c;
    std::vector<MachineNode> nodes = machineNodes(inv.ctx);
    // The tunnel process's PID: any free one.
    const int pid = 10000 + static_cast<int>(inv.cluster().rng().uniform(50000));
    inv.ctx.foreground = std::make_shared<Tunnel>(inv.cluster(), profile, nodes[0].ip, pid);
    return 0;
}

}  // namespace kp::cli::minikube
