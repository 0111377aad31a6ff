#include "cluster/cluster.h"

#include <map>
#include <set>

#include "cluster/controller_manager.h"
#include "cluster/machine_nodes.h"
#include "controller/apiservice/available_condition_controller.h"
#include "cluster/system_workloads.h"
#include "kubelet/kubelets.h"
#include "network/ingress.h"
#include "network/node_daemons.h"
#include "network/pod_tools.h"
#include "network/traffic.h"
#include "scheduler/scheduler.h"

namespace kp {

ClusterConfig ClusterConfig::fullCluster() {
    ClusterConfig config;
    config.controllers = {"*"};
    config.scheduler = true;
    config.nodes = true;
    return config;
}

Cluster::Cluster(ClusterConfig config)
    : config_(config),
      clock_(config.startTime),
      rng_(config.seed),
      store_(config.watchHistory, config.packBeyond),
      apiServer_(store_, clock_, rng_, eventLog_) {
    traffic_ = std::make_unique<network::Traffic>(store_, rng_, [this](const std::string& podIP, int port) {
        return kubelets_ ? kubelets_->listener(podIP, port) : nullptr;
    });
    traffic_->setEventLog(&eventLog_);
    traffic_->setHostDaemons([this](const std::string& nodeName, int64_t port) -> std::optional<network::HostDaemon> {
        if (machineState_ != MachineState::Running)
            return std::nullopt;
        return network::nodeDaemon(apiServer_, store_, nodeName, port);
    });
    traffic_->setPodListener([this](const std::string& ns, const std::string& pod, int port) -> runtime::Process* {
        ObjectPtr obj = store_.get("pods", ns, pod);
        if (!kubelets_ || !obj)
            return nullptr;
        for (const Json& c : obj->value("spec", Json::object()).value("containers", Json::array()))
            if (runtime::Process* p = kubelets_->process(ns, pod, c.value("name", std::string(""))))
                if (!p->exited() && p->listens(port))
                    return p;
        return nullptr;
    });
    apiServer_.setWebhookTransport(traffic_.get());
    if (config_.startRunning)
        start(config_.minikube);
}

const char* toString(MachineState state) {
    switch (state) {
    case MachineState::Absent: return "Nonexistent";
    case MachineState::Running: return "Running";
    case MachineState::Stopped: return "Stopped";
    case MachineState::Paused: return "Paused";
    }
    return "Unknown";
}

void Cluster::start(const MinikubeConfig& config) {
    switch (machineState_) {
    case MachineState::Running:
        return;
    case MachineState::Absent:
        config_.minikube = config;
        machineState_ = MachineState::Running;
        bootstrap();
        return;
    case MachineState::Stopped:
    case MachineState::Paused:
        machineState_ = MachineState::Running;
        setComponentsEnabled(true);
        runUntilIdle();
        return;
    }
}

void Cluster::setComponentsEnabled(bool enabled) {
    for (auto& c : components_)
        c->setEnabled(enabled);
}

void Cluster::stop() {
    if (machineState_ == MachineState::Absent)
        return;
    // SIMPLIFICATION: a stopped machine freezes every component; on start they catch up from
    // their watches (a real restart relists and the kubelet restarts every container).
    setComponentsEnabled(false);
    machineState_ = MachineState::Stopped;
}

void Cluster::pause() {
    if (machineState_ != MachineState::Running)
        return;
    setComponentsEnabled(false);
    machineState_ = MachineState::Paused;
}

void Cluster::unpause() {
    if (machineState_ == MachineState::Paused)
        start(config_.minikube);
}

void Cluster::destroy() {
    components_.clear();
    kubelets_ = nullptr;
    scheduler_ = nullptr;
    // Every pending timer belonged to a component that is gone.
    clock_.reset(clock_.now());
    store_.restore(Json::object());
    machineState_ = MachineState::Absent;
}

Cluster::~Cluster() = default;

namespace {

// The aggregator's autoregistration: one APIService per group version the apiserver serves
// itself, with the discovery priorities kube-apiserver gives them.
// Upstream: pkg/controlplane/apiserver/aggregator.go (apiServicesToRegister, the priorities).
void registerLocalAPIServices(Client& system, const ResourceRegistry& resources) {
    static const std::map<std::string, std::pair<int, int>> priorities = {
        {"/v1", {18000, 1}},
        {"apps/v1", {17800, 15}},
        {"events.k8s.io/v1", {17750, 15}},
        {"autoscaling/v1", {17500, 15}},
        {"autoscaling/v2", {17500, 30}},
        {"batch/v1", {17400, 15}},
        {"networking.k8s.io/v1", {17200, 15}},
        {"policy/v1", {17100, 15}},
        {"rbac.authorization.k8s.io/v1", {17000, 15}},
        {"storage.k8s.io/v1", {16800, 15}},
        {"admissionregistration.k8s.io/v1", {16700, 15}},
        {"coordination.k8s.io/v1", {16500, 15}},
        {"discovery.k8s.io/v1", {16200, 15}},
    };
    std::set<std::string> served;
    for (const ResourceInfo& r : resources.all())
        served.insert(r.group + "/" + r.version);
    for (const auto& [groupVersion, priority] : priorities) {
        if (!served.count(groupVersion))
            continue;
        const size_t slash = groupVersion.find('/');
        const std::string group = groupVersion.substr(0, slash), version = groupVersion.substr(slash + 1);
        system.create(Json{{"apiVersion", "apiregistration.k8s.io/v1"},
                           {"kind", "APIService"},
                           {"metadata", {{"name", version + "." + group}, {"labels", {{"kube-aggregator.kubernetes.io/automanaged", "onstart"}}}}},
                           {"spec",
                            {{"group", group},
                             {"version", version},
                             {"groupPriorityMinimum", priority.first},
                             {"versionPriority", priority.second}}}});
    }
}

}  // namespace

void Cluster::bootstrap() {
    apiServer_.setGitVersion(config_.minikube.kubernetesVersion);
    // The apiserver creates the system namespaces and the `kubernetes` Service itself
    // (pkg/controlplane/controller/systemnamespaces, kubernetesservice).
    Client system(apiServer_, "kube-apiserver");
    for (const char* ns : {"default", "kube-node-lease", "kube-public", "kube-system"})
        system.create(Json{{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", ns}}}});
    startComponents();
    Json kubernetesSvc = {
        {"apiVersion", "v1"},
        {"kind", "Service"},
        {"metadata",
         {{"name", "kubernetes"}, {"namespace", "default"}, {"labels", {{"component", "apiserver"}, {"provider", "kubernetes"}}}}},
        {"spec",
         {{"clusterIP", "10.96.0.1"},
          {"ports", Json::array({{{"name", "https"}, {"port", 443}, {"protocol", "TCP"}, {"targetPort", 8443}}})}}}};
    system.create(kubernetesSvc);
    registerLocalAPIServices(system, apiServer_.resources());
    // The apiserver's endpoint reconciler publishes itself behind `kubernetes`.
    const std::string controlPlaneIP = machineIP(config_.minikube.driver, 0);
    const Json https = {{"name", "https"}, {"port", 8443}, {"protocol", "TCP"}};
    system.create(Json{{"apiVersion", "v1"},
                       {"kind", "Endpoints"},
                       {"metadata",
                        {{"name", "kubernetes"},
                         {"namespace", "default"},
                         {"labels", {{"endpointslice.kubernetes.io/skip-mirror", "true"}}}}},
                       {"subsets", Json::array({{{"addresses", Json::array({{{"ip", controlPlaneIP}}})},
                                                 {"ports", Json::array({https})}}})}});
    system.create(Json{{"apiVersion", "discovery.k8s.io/v1"},
                       {"kind", "EndpointSlice"},
                       {"metadata",
                        {{"name", "kubernetes"},
                         {"namespace", "default"},
                         {"labels", {{"kubernetes.io/service-name", "kubernetes"}}}}},
                       {"addressType", "IPv4"},
                       {"endpoints", Json::array({{{"addresses", Json::array({controlPlaneIP})},
                                                   {"conditions", {{"ready", true}}}}})},
                       {"ports", Json::array({https})}});
    runUntilIdle();
    startNodes();
}

void Cluster::startComponents() {
    components_.clear();
    // kube-apiserver's own loops: the aggregator's APIService availability.
    auto kubeApiserver = std::make_unique<Component>("kube-apiserver", store_, clock_);
    kubeApiserver->add(std::make_unique<apiservice::AvailableConditionController>(apiServer_, clock_));
    components_.push_back(std::move(kubeApiserver));
    components_.push_back(newControllerManager(apiServer_, clock_, config_.controllers));
    scheduler_ = nullptr;
    if (config_.scheduler) {
        auto kubeScheduler = std::make_unique<Component>("kube-scheduler", store_, clock_);
        auto s = std::make_unique<scheduler::Scheduler>(apiServer_, clock_, rng_, config_.minikube.profile);
        scheduler_ = s.get();
        kubeScheduler->add(std::move(s));
        components_.push_back(std::move(kubeScheduler));
    }
    kubelets_ = nullptr;
    if (config_.nodes) {
        auto kubelet = std::make_unique<Component>("kubelet", store_, clock_);
        auto kubelets = std::make_unique<kubelet::Kubelets>(apiServer_, clock_, rng_);
        kubelets_ = kubelets.get();
        // wget, nslookup and curl inside containers see the cluster network as their pod does.
        kubelets_->setNetworkCommand([this](const std::string& ns, const std::string& pod, const std::string& image,
                                            const std::vector<std::string>& argv, const runtime::sh::CommandIO& io,
                                            Time now, std::string& out, std::string& err) {
            return network::runPodTool(store_, *traffic_, {ns, pod, image, argv, io, now}, out, err);
        });
        kubelet->add(std::move(kubelets));
        components_.push_back(std::move(kubelet));
        // What the ingress addon's controller pod does to the API (its status sync); it idles
        // until such a pod runs.
        auto ingressNginx = std::make_unique<Component>("ingress-nginx", store_, clock_);
        ingressNginx->add(std::make_unique<network::IngressStatusController>(client("ingress-nginx"), store_, clock_));
        components_.push_back(std::move(ingressNginx));
    }
    runUntilIdle();
}

void Cluster::startNodes() {
    if (!kubelets_)
        return;
    // minikube brings up the control-plane node, applies the addons, and only then joins the
    // workers: CoreDNS and the storage-provisioner land on the control plane.
    const std::string controlPlane = addMachineNode(*this, 0);
    runUntilIdle();
    // The control-plane node's kubelet starts the static pods; the addon manager the rest.
    Client kubelet = client("kubelet");
    if (ObjectPtr first = store_.get("nodes", "", controlPlane))
        system_workloads::createStaticPods(kubelet, *first, config_.minikube, clock_.now());
    Client addons = client("addon-manager");
    system_workloads::applyAddons(addons, config_.minikube);
    runUntilIdle();
    if (config_.minikube.nodes < 2)
        return;
    // The workers join once the control plane is Ready and has scheduled the addons.
    // SIMPLIFICATION: 2 s after Ready; a real `minikube start --nodes` spends tens of seconds
    // creating and joining each worker (its printed steps carry that time instead).
    advance(kubelet::NodeConfig{}.readyAfter + Duration::seconds(2));
    for (int i = 1; i < config_.minikube.nodes; ++i)
        addMachineNode(*this, i);
    runUntilIdle();
}

Component& Cluster::addComponent(std::unique_ptr<Component> component) {
    components_.push_back(std::move(component));
    return *components_.back();
}

Component* Cluster::component(std::string_view name) {
    for (auto& c : components_)
        if (c->name() == name)
            return c.get();
    return nullptr;
}

int Cluster::runUntilIdle(int maxRounds) {
    int rounds = 0;
    while (rounds < maxRounds) {
        int fired = clock_.fireDue();
        bool worked = false;
        for (auto& c : components_)
            worked = c->step() || worked;
        if (!worked && fired == 0)
            break;
        ++rounds;
    }
    if (!observers_.empty()) {
        // A copy: an observer may stop observing from inside its call.
        const std::map<ObserverId, std::function<void()>> observers = observers_;
        for (const auto& [id, observer] : observers)
            if (observers_.count(id))
                observer();
    }
    return rounds;
}

Cluster::ObserverId Cluster::observe(std::function<void()> observer) {
    const ObserverId id = nextObserver_++;
    observers_.emplace(id, std::move(observer));
    return id;
}

void Cluster::unobserve(ObserverId id) { observers_.erase(id); }

void Cluster::advance(Duration d) {
    const Time until = clock_.now() + d;
    runUntilIdle();
    Time next;
    while (clock_.nextDue(next) && next <= until) {
        clock_.advanceTo(next);
        runUntilIdle();
    }
    clock_.advanceTo(until);
    runUntilIdle();
}

Json Cluster::snapshot() const {
    return Json{{"kubeplaySnapshot", 1},
                {"seed", config_.seed},
                {"time", formatRFC3339Micro(clock_.now())},
                {"rng", rng_.state()},
                {"store", store_.snapshot()}};
}

bool Cluster::restore(const Json& snapshot) {
    if (snapshot.value("kubeplaySnapshot", 0) != 1)
        return false;
    auto t = parseRFC3339(snapshot.value("time", ""));
    if (!t)
        return false;
    if (!rng_.restore(snapshot.value("rng", "")))
        return false;
    // SIMPLIFICATION: pending timers (back-offs, requeues) are not part of a snapshot; components
    // rebuild their state from the restored objects.
    components_.clear();
    kubelets_ = nullptr;
    scheduler_ = nullptr;
    store_.restore(snapshot.at("store"));
    clock_.reset(*t);
    startComponents();
    return true;
}

}  // namespace kp
