// Kubelets: the kubelet of every simulated node, as one controller in the "kubelet" component.
// For each node it registers the Node (labels, capacity, conditions, nodeInfo, images), keeps
// its Lease in kube-node-lease renewed every 10 s, posts node status on change or every 5 min,
// and runs the pods bound to it: sandbox and pod IP, image pulls (serial, sized, cached per
// node, back-off), containers as virtual processes, restarts with CrashLoopBackOff, init
// containers and sidecars, probes, env resolution, graceful termination, and the pod status
// exactly as a v1.32 kubelet writes it.
//
// Keys: "n/<node>" (registration, lease, node status) and "p/<pod uid>" (the pod worker).
// Timers only queue keys; every API write happens in reconcile(), so stopping the component or
// one kubelet (setRunning(false)) freezes exactly what a stopped process would.
//
// SIMPLIFICATION: one shared pod watch dispatched by spec.nodeName instead of one
// field-selector watch per node (5,000 nodes must stay cheap); the effect is the same.
// SIMPLIFICATION: no periodic 1-minute resync of healthy pods and no jitter on retries: a pod
// is synced when something changes, when its container or probe timers fire, and 10 s after a
// failed sync (the pod worker's back-off period). PLEG notices container changes at once.
// SIMPLIFICATION: static pods, volumes (beyond the status volumeMounts list), lifecycle hooks,
// eviction, resource accounting and cgroups are not simulated.
//
// [SECTION] index: kubelets.cpp (dispatch, public API) · node_status.cpp (registration, lease,
// node status) · pod_worker.cpp (sync, termination) · image_manager.cpp (pulls) ·
// container_start.cpp (env, create, start) · pod_status.cpp (status) · prober.cpp (probes).
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "apiserver/api_server.h"
#include "base/clock.h"
#include "base/rng.h"
#include "base/status.h"
#include "client/client.h"
#include "client/event_recorder.h"
#include "controller/controller.h"
#include "kubelet/ip_allocator.h"
#include "kubelet/node_config.h"
#include "kubelet/pod_state.h"
#include "runtime/image_catalog.h"
#include "runtime/process.h"

namespace kp::kubelet {

// Durations of runtime operations (virtual time). Defaults resemble a minikube docker node.
struct KubeletTimings {
    Duration sandboxCreation = Duration::seconds(1);     // pause container + CNI ADD
    Duration pullLatency = Duration::millis(300);        // registry round trips before layers
    int64_t pullBytesPerSecond = 60'000'000;             // layer download + extraction
    Duration pullPresent = Duration::millis(400);        // policy Always, image already present
    Duration leaseRenewInterval = Duration::seconds(10); // 0.25 x leaseDurationSeconds (40)
    Duration nodeStatusUpdateFrequency = Duration::seconds(10);
    Duration nodeStatusReportFrequency = Duration::minutes(5);
    Duration minimumGracePeriod = Duration::seconds(2);  // kuberuntime's floor when killing
};

struct KubeletOptions {
    // Record Kubernetes Events (turned off only by benchmarks that measure the rest).
    bool recordEvents = true;
    KubeletTimings timings;
};

// One line of `kubectl logs`.
struct ContainerLogLine {
    Time time;
    std::string stream;  // "stdout" or "stderr"
    std::string line;
};

struct LogsResult {
    Status status;       // failure: 400 BadRequest with the kubelet's message, or 404
    std::vector<ContainerLogLine> lines;
};

class Kubelets final : public Controller {
public:
    Kubelets(ApiServer& server, VirtualClock& clock, Rng& rng, KubeletOptions options = {});
    ~Kubelets() override;

    std::string_view name() const override { return "kubelet"; }
    std::vector<std::string> watches() const override { return {"pods"}; }
    void onEvent(const WatchEvent& event) override;
    ReconcileResult reconcile(const std::string& key) override;

    // [SECTION] machines
    // Boots a node's kubelet: it registers the Node and its Lease on its next reconcile.
    void addNode(NodeConfig config);
    // The machine goes away: its containers stop (no events), the Node object is deleted
    // (what `minikube node delete` does after draining); the Lease follows by garbage collection.
    void removeNode(const std::string& name);
    // Stops or starts one kubelet process (fault lessons). A stopped kubelet renews no lease,
    // posts no status and does no pod work; its containers keep running. Starting it again
    // re-registers (Starting event) and catches up with every pod.
    void setRunning(const std::string& name, bool running);
    bool hasNode(const std::string& name) const { return nodes_.count(name) > 0; }
    bool isRunning(const std::string& name) const;
    std::vector<std::string> nodeNames() const;
    const NodeConfig* nodeConfig(const std::string& name) const;

    // [SECTION] what the command layer reads
    // `kubectl logs [--previous]`: the container's output, oldest first. container "" = the
    // first container. Errors as the kubelet/apiserver report them, e.g.
    //   container "nginx" in pod "web" is waiting to start: ContainerCreating
    //   previous terminated container "app" in pod "app-x" not found
    LogsResult logs(const std::string& ns, const std::string& pod, const std::string& container, bool previous);
    // The images the node's container runtime holds (`docker images` on the node).
    struct RuntimeImage {
        std::vector<std::string> repoTags;  // "nginx:latest"; empty for an image pulled by digest only
        std::string repository;             // "nginx" (for the <none> tag row of a digest pull)
        std::string id;                     // "sha256:<64 hex>", as `docker ps` shows it
        int64_t sizeBytes = 0;
    };
    std::vector<RuntimeImage> runtimeImages(const std::string& node) const;
    // The running (or last) process of a container, for `kubectl exec` and traffic; nullptr
    // when the container never started.
    runtime::Process* process(const std::string& ns, const std::string& pod, const std::string& container);
    // The process of the pod with IP `podIP` that listens on `port` (Service traffic, curl).
    runtime::Process* listener(const std::string& podIP, int port);
    // Commands answered by the network layer inside containers (wget, curl, nslookup): nullopt
    // when the container's image has no such command.
    using NetworkCommand = std::function<std::optional<int>(const std::string& ns, const std::string& pod,
                                                            const std::string& image,
                                                            const std::vector<std::string>& argv,
                                                            const runtime::sh::CommandIO& io, Time now,
                                                            std::string& out, std::string& err)>;
    void setNetworkCommand(NetworkCommand command) { networkCommand_ = std::move(command); }
    // Tells the kubelet a container changed from outside (e.g. `kubectl exec ... rm index.html`)
    // so its probes look again.
    void containerChanged(const std::string& ns, const std::string& pod);

    const KubeletOptions& options() const { return options_; }
    size_t podCount() const { return pods_.size(); }

private:
    // One node's kubelet.
    struct NodeImage {
        const runtime::ImageRepository* repo = nullptr;
        const runtime::ImageTag* tag = nullptr;
        std::set<std::string> repoTags, repoDigests;
        bool fromRegistry = false;  // pulled (has a RepoDigest) rather than loaded from the preload
    };
    struct NodeState {
        NodeConfig config;
        bool running = true;
        bool removing = false;
        bool registered = false;
        bool ready = false;
        Time startedAt, readyAt;
        Time nextLeaseRenew = kNever, nextStatusCheck = kNever, lastStatusReport;
        bool statusDirty = false;
        std::string machineID, systemUUID, bootID;
        IpAllocator ips;
        std::map<std::string, NodeImage> images;         // by content: repo name + digest
        std::map<std::string, std::string> imageByRef;   // "nginx:latest" / "nginx@sha256:.." -> content key
        Time pullerFreeAt;
        std::set<std::string> pods;                       // uids bound here
        Time wakeAt = kNever;
        std::unique_ptr<Client> client;
        std::unique_ptr<EventRecorder> recorder;
    };

    // [SECTION] dispatch (kubelets.cpp)
    void wake(const std::string& key, Time at, Time& scheduled);
    PodState* podFor(const std::string& ns, const std::string& name);
    void event(NodeState& node, const Json& object, std::string_view type, std::string_view reason,
               const std::string& message, const std::string& fieldPath = "");

    // [SECTION] node_status.cpp
    ReconcileResult reconcileNode(const std::string& name);
    void registerNode(NodeState& node);
    Json initialNode(NodeState& node);
    void setNodeStatus(NodeState& node, Json& status);
    void renewLease(NodeState& node);
    void postNodeStatus(NodeState& node);
    void deleteNode(NodeState& node);
    Json nodeRef(const NodeState& node) const;

    // [SECTION] pod_worker.cpp
    ReconcileResult reconcilePod(const std::string& uid);
    void admitPod(PodState& pod, const Json& obj);
    bool observeRuntime(PodState& pod, NodeState& node, const Json& obj, Time now);
    void syncPod(PodState& pod, NodeState& node, const Json& obj, Time now);
    void computeActions(PodState& pod, const Json& obj, Time now);
    void continuePlan(PodState& pod, NodeState& node, const Json& obj, Time now);
    void completeOp(PodState& pod, NodeState& node, const Json& obj, Time now);
    void finishTerminal(PodState& pod, NodeState& node, const Json& obj, Time now);
    void stopContainer(PodState& pod, NodeState& node, const Json& obj, ContainerState& c, Time now,
                       Duration grace, const std::string& message, bool recordEvent);
    void markExited(ContainerState& c, Time at);
    void forgetPod(PodState& pod, NodeState* node);
    void schedulePod(PodState& pod, Time now);
    // Writes the generated status when it differs from the API's; returns the phase.
    std::string writeStatus(PodState& pod, NodeState& node, bool podIsTerminal, Time now);
    void startTermination(PodState& pod, NodeState& node, const Json& obj, Time now);
    void progressTermination(PodState& pod, NodeState& node, const Json& obj, Time now);

    // [SECTION] image_manager.cpp
    // Returns true when the step must wait for a pull (pod.op set).
    bool ensureImage(PodState& pod, NodeState& node, const Json& obj, size_t index, Time now, bool& failed);
    void finishPull(PodState& pod, NodeState& node, const Json& obj, Time now, bool& failed);
    void addImage(NodeState& node, const runtime::ResolvedImage& image, bool fromRegistry);
    const NodeImage* findImage(const NodeState& node, const runtime::ImageReference& ref) const;
    Json nodeImages(const NodeState& node) const;

    // [SECTION] container_start.cpp
    void startContainer(PodState& pod, NodeState& node, const Json& obj, size_t index, bool afterKill, Time now,
                        bool& failed);
    void createAndStart(PodState& pod, NodeState& node, const Json& obj, size_t index,
                        const runtime::ResolvedImage& image, Time now, bool& failed);
    std::string imageIDFor(const NodeState& node, const runtime::ResolvedImage& image) const;
    bool makeEnvironment(const PodState& pod, const NodeState& node, const Json& obj, const Json& spec,
                         std::vector<std::pair<std::string, std::string>>& env, std::string& error) const;
    std::optional<std::string> podFile(const PodState& pod, const NodeState& node, const std::string& path) const;
    // What `ps` prints in `container` (process_list.cpp).
    std::string processList(const PodState& pod, const Json& podObj, const std::string& container,
                            const std::vector<std::string>& argv) const;
    std::string newContainerID();

    // [SECTION] prober.cpp
    void resetProbes(PodState& pod, ContainerState& c, const Json& spec, Time now);
    // Runs due probes. Returns true when readiness or startup changed (status to write).
    bool runProbes(PodState& pod, NodeState& node, const Json& obj, Time now);
    Time nextProbeTime(const PodState& pod) const;

    ApiServer& server_;
    VirtualClock& clock_;
    Rng& rng_;
    KubeletOptions options_;
    const runtime::ImageCatalog& catalog_;
    std::map<std::string, NodeState> nodes_;
    std::map<std::string, std::unique_ptr<PodState>> pods_;         // by uid
    std::unordered_map<std::string, std::string> podByName_;       // "ns/name" -> uid (lookup only)
    std::unordered_map<std::string, std::string> podByIP_;         // pod IP -> uid (lookup only)
    NetworkCommand networkCommand_;
    // Image records the running containers share, by node, image and ID (weak: dropped with the
    // last container; pruned as the table grows).
    std::map<std::string, std::weak_ptr<const ContainerImage>> containerImages_;
    size_t containerImagesPruneAt_ = 64;
    std::shared_ptr<bool> alive_;  // timers outliving this controller do nothing
};

}  // namespace kp::kubelet
