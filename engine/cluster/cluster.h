// Cluster: the engine facade. It owns the virtual clock, the seeded Rng, the store, the
// apiserver, the event log and the control-plane components, and moves virtual time.
//
//  - runUntilIdle(): lets every component react to what happened until nothing is left to do
//    at the current instant (no time passes);
//  - advance(d): moves virtual time by d, firing timers in (time, sequence) order and letting
//    components react after each one.
// Same seed + same commands = byte-identical event log, natively and in WASM.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "apiserver/api_server.h"
#include "base/clock.h"
#include "base/event_log.h"
#include "base/rng.h"
#include "client/client.h"
#include "cluster/component.h"
#include "cluster/minikube_config.h"
#include "store/object_store.h"

namespace kp {
namespace kubelet {
class Kubelets;
}
namespace network {
class Traffic;
}
namespace scheduler {
class Scheduler;
}

struct ClusterConfig {
    uint64_t seed = 1;
    // Virtual time at start: 2025-01-15T10:00:00Z (fixed, so every run prints the same dates).
    Time startTime{1736935200000};
    size_t watchHistory = 10000;
    // The store keeps pods and Events packed beyond this many of a kind (ObjectStore::Stored).
    size_t packBeyond = ObjectStore::kPackBeyond;
    // Tests and scripts get a running cluster at once; the page and the REPL start Absent and
    // wait for `minikube start`.
    bool startRunning = true;
    MinikubeConfig minikube;
    // Which processes run. The defaults are the API machinery alone: kube-controller-manager with
    // the controllers the apiserver's objects rely on (endpoints, endpointslices, service
    // accounts, namespaces, garbage collection); unit tests add the components they test.
    // fullCluster() runs everything.
    // kube-controller-manager --controllers (see cluster/controller_manager.h).
    std::vector<std::string> controllers = {"endpoints-controller", "endpointslice-controller",
                                            "serviceaccount-controller", "namespace-controller",
                                            "garbage-collector-controller"};
    bool scheduler = false;
    // The machines and what runs on them: a kubelet per node (minikube.nodes of them), the
    // control plane's static pods and the addons.
    bool nodes = false;

    // Everything `minikube start` brings up: every controller, kube-scheduler, the nodes'
    // kubelets, the control plane's static pods and the addons.
    static ClusterConfig fullCluster();
};

class Cluster {
public:
    explicit Cluster(ClusterConfig config = {});
    ~Cluster();
    Cluster(const Cluster&) = delete;
    Cluster& operator=(const Cluster&) = delete;

    VirtualClock& clock() { return clock_; }
    Rng& rng() { return rng_; }
    ObjectStore& store() { return store_; }
    const ObjectStore& store() const { return store_; }
    ApiServer& apiServer() { return apiServer_; }
    EventLog& eventLog() { return eventLog_; }
    const EventLog& eventLog() const { return eventLog_; }
    // kube-controller-manager; component(name) finds any process by name ("kube-scheduler", ...).
    Component& controllers() { return *components_.front(); }
    Component* component(std::string_view name);
    const std::vector<std::unique_ptr<Component>>& components() const { return components_; }
    // Adds a process after the built-in ones (tests, tools). Returns it.
    Component& addComponent(std::unique_ptr<Component> component);
    Client client(std::string actor) { return Client(apiServer_, std::move(actor)); }
    // The kubelets of every node (nullptr without nodes); the network between everything.
    kubelet::Kubelets* kubelets() { return kubelets_; }
    scheduler::Scheduler* scheduler() { return scheduler_; }
    const scheduler::Scheduler* scheduler() const { return scheduler_; }
    network::Traffic& traffic() { return *traffic_; }
    Time now() const { return clock_.now(); }
    // When the earliest pending timer (heartbeat, back-off, probe...) is due; false when none.
    // The page's "skip to next event" moves time there.
    bool nextTimerAt(Time& at) const { return clock_.nextDue(at); }

    // The machine's lifecycle (`minikube start|stop|pause|unpause|delete`). start() on an Absent
    // machine bootstraps a fresh cluster from `config`; on a Stopped one it restarts every
    // component on the kept state. destroy() forgets every object (a new etcd) but not the time.
    MachineState machineState() const { return machineState_; }
    const MinikubeConfig& minikubeConfig() const { return config_.minikube; }
    void start(const MinikubeConfig& config);
    void stop();
    void pause();
    void unpause();
    void destroy();
    bool apiserverReachable() const { return machineState_ == MachineState::Running; }

    // Returns the number of controller rounds that did work.
    int runUntilIdle(int maxRounds = 100000);
    void advance(Duration d);

    // Observers run after the cluster settles at each instant (after every command and timer):
    // clients that print as things change (`kubectl get -w`) read the store there. They must
    // only read, so that watching never changes what happens.
    using ObserverId = uint64_t;
    ObserverId observe(std::function<void()> observer);
    void unobserve(ObserverId id);

    // Whole-cluster state as JSON (objects, time, rng) and back.
    Json snapshot() const;
    bool restore(const Json& snapshot);

private:
    void bootstrap();
    void startComponents();

    void setComponentsEnabled(bool enabled);
    void startNodes();

    ClusterConfig config_;
    MachineState machineState_ = MachineState::Absent;
    VirtualClock clock_;
    Rng rng_;
    ObjectStore store_;
    EventLog eventLog_;
    ApiServer apiServer_;
    // In start order; the first is kube-controller-manager.
    std::vector<std::unique_ptr<Component>> components_;
    std::map<ObserverId, std::function<void()>> observers_;
    ObserverId nextObserver_ = 1;
    kubelet::Kubelets* kubelets_ = nullptr;     // owned by the "kubelet" component
    scheduler::Scheduler* scheduler_ = nullptr;  // owned by the "kube-scheduler" component
    std::unique_ptr<network::Traffic> traffic_;
};

}  // namespace kp
