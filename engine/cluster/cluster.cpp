#include "cluster/cluster.h"

#include "controller/endpoint/endpoints_controller.h"
#include "controller/endpointslice/endpointslice_controller.h"
#include "controller/garbagecollector/garbage_collector.h"
#include "controller/namespace/namespace_controller.h"
#include "controller/serviceaccount/service_account_controller.h"

namespace kp {
namespace {

// minikube's docker network gives the first node this address (pkg/minikube/constants).
constexpr const char* kControlPlaneIP = "192.168.49.2";

}  // namespace

Cluster::Cluster(ClusterConfig config)
    : config_(config),
      clock_(config.startTime),
      rng_(config.seed),
      store_(config.watchHistory),
      apiServer_(store_, clock_, rng_, eventLog_) {
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
    // Every pending timer belonged to a component that is gone.
    clock_.reset(clock_.now());
    store_.restore(Json::object());
    machineState_ = MachineState::Absent;
}

Cluster::~Cluster() = default;

void Cluster::bootstrap() {
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
    // The apiserver's endpoint reconciler publishes itself behind `kubernetes`.
    const Json https = {{"name", "https"}, {"port", 8443}, {"protocol", "TCP"}};
    system.create(Json{{"apiVersion", "v1"},
                       {"kind", "Endpoints"},
                       {"metadata",
                        {{"name", "kubernetes"},
                         {"namespace", "default"},
                         {"labels", {{"endpointslice.kubernetes.io/skip-mirror", "true"}}}}},
                       {"subsets", Json::array({{{"addresses", Json::array({{{"ip", kControlPlaneIP}}})},
                                                 {"ports", Json::array({https})}}})}});
    system.create(Json{{"apiVersion", "discovery.k8s.io/v1"},
                       {"kind", "EndpointSlice"},
                       {"metadata",
                        {{"name", "kubernetes"},
                         {"namespace", "default"},
                         {"labels", {{"kubernetes.io/service-name", "kubernetes"}}}}},
                       {"addressType", "IPv4"},
                       {"endpoints", Json::array({{{"addresses", Json::array({kControlPlaneIP})},
                                                   {"conditions", {{"ready", true}}}}})},
                       {"ports", Json::array({https})}});
    runUntilIdle();
}

void Cluster::startComponents() {
    components_.clear();
    // kube-controller-manager's controllers, in the order they start upstream.
    auto kcm = std::make_unique<Component>("kube-controller-manager", store_, clock_);
    kcm->add(std::make_unique<controller::EndpointsController>(apiServer_));
    kcm->add(std::make_unique<controller::EndpointSliceController>(apiServer_));
    kcm->add(std::make_unique<controller::ServiceAccountController>(apiServer_));
    kcm->add(std::make_unique<controller::NamespaceController>(apiServer_));
    kcm->add(std::make_unique<controller::GarbageCollector>(apiServer_));
    components_.push_back(std::move(kcm));
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
    return rounds;
}

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
    store_.restore(snapshot.at("store"));
    clock_.reset(*t);
    startComponents();
    return true;
}

}  // namespace kp
