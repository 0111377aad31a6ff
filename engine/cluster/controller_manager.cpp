#include "cluster/controller_manager.h"

#include <functional>

#include "controller/cronjob/cronjob_controllerv2.h"
#include "controller/daemon/daemon_controller.h"
#include "controller/deployment/deployment_controller.h"
#include "controller/endpoint/endpoints_controller.h"
#include "controller/endpointslice/endpointslice_controller.h"
#include "controller/garbagecollector/garbage_collector.h"
#include "controller/job/job_controller.h"
#include "controller/namespace/namespace_controller.h"
#include "controller/nodelifecycle/node_lifecycle_controller.h"
#include "controller/podgc/pod_gc_controller.h"
#include "controller/replicaset/replica_set_controller.h"
#include "controller/serviceaccount/service_account_controller.h"
#include "controller/statefulset/stateful_set.h"
#include "controller/tainteviction/taint_eviction_controller.h"
#include "controller/ttlafterfinished/ttlafterfinished_controller.h"

namespace kp {
namespace {

using Factory = std::function<std::unique_ptr<Controller>(ApiServer&, VirtualClock&)>;

struct Descriptor {
    std::string name;
    Factory make;
};

const std::vector<Descriptor>& descriptors() {
    static const std::vector<Descriptor> all = {
        {"endpoints-controller", [](ApiServer& s, VirtualClock&) { return std::make_unique<controller::EndpointsController>(s); }},
        {"endpointslice-controller", [](ApiServer& s, VirtualClock&) { return std::make_unique<controller::EndpointSliceController>(s); }},
        {"serviceaccount-controller", [](ApiServer& s, VirtualClock&) { return std::make_unique<controller::ServiceAccountController>(s); }},
        {"namespace-controller", [](ApiServer& s, VirtualClock&) { return std::make_unique<controller::NamespaceController>(s); }},
        {"garbage-collector-controller", [](ApiServer& s, VirtualClock&) { return std::make_unique<controller::GarbageCollector>(s); }},
        {"pod-garbage-collector-controller", [](ApiServer& s, VirtualClock&) { return std::make_unique<podgc::PodGCController>(s); }},
        {"daemonset-controller", [](ApiServer& s, VirtualClock& c) { return std::make_unique<daemon::DaemonSetsController>(s, c); }},
        {"job-controller", [](ApiServer& s, VirtualClock& c) { return std::make_unique<job::JobController>(s, c); }},
        {"deployment-controller", [](ApiServer& s, VirtualClock& c) { return std::make_unique<controller::DeploymentController>(s, c); }},
        {"replicaset-controller", [](ApiServer& s, VirtualClock& c) { return std::make_unique<controller::ReplicaSetController>(s, c); }},
        {"statefulset-controller", [](ApiServer& s, VirtualClock& c) { return std::make_unique<statefulset::StatefulSetController>(s, c); }},
        {"cronjob-controller", [](ApiServer& s, VirtualClock& c) { return std::make_unique<cronjob::CronJobController>(s, c); }},
        {"ttl-after-finished-controller",
         [](ApiServer& s, VirtualClock& c) { return std::make_unique<ttlafterfinished::TTLAfterFinishedController>(s, c); }},
        {"node-lifecycle-controller",
         [](ApiServer& s, VirtualClock& c) { return std::make_unique<nodelifecycle::NodeLifecycleController>(s, c); }},
        {"taint-eviction-controller",
         [](ApiServer& s, VirtualClock& c) { return std::make_unique<tainteviction::TaintEvictionController>(s, c); }},
    };
    return all;
}

}  // namespace

bool controllerEnabled(const std::string& name, const std::vector<std::string>& flags) {
    // An explicit "name" or "-name" wins over "*" (Upstream: controller-manager/app#IsControllerEnabled).
    bool star = false;
    for (const std::string& f : flags) {
        if (f == name)
            return true;
        if (f == "-" + name)
            return false;
        star = star || f == "*";
    }
    return star;
}

std::unique_ptr<Component> newControllerManager(ApiServer& server, VirtualClock& clock,
                                                const std::vector<std::string>& flags) {
    auto kcm = std::make_unique<Component>("kube-controller-manager", server.store(), clock);
    for (const Descriptor& d : descriptors())
        if (controllerEnabled(d.name, flags))
            kcm->add(d.make(server, clock));
    return kcm;
}

}  // namespace kp
