#include "scheduler/plugins/registry.h"

#include "scheduler/plugins/image_locality/image_locality.h"
#include "scheduler/plugins/inter_pod_affinity/inter_pod_affinity.h"
#include "scheduler/plugins/node_affinity/node_affinity.h"
#include "scheduler/plugins/node_name/node_name.h"
#include "scheduler/plugins/node_ports/node_ports.h"
#include "scheduler/plugins/node_resources/balanced_allocation.h"
#include "scheduler/plugins/node_resources/fit.h"
#include "scheduler/plugins/node_unschedulable/node_unschedulable.h"
#include "scheduler/plugins/pod_topology_spread/pod_topology_spread.h"
#include "scheduler/plugins/taint_toleration/taint_toleration.h"

namespace kp::scheduler::plugins {

namespace {

template <class T>
std::unique_ptr<framework::Plugin> make() {
    return std::make_unique<T>();
}

}  // namespace

const std::vector<RegistryEntry>& defaultProfile() {
    static const std::vector<RegistryEntry> profile = {
        {NodeUnschedulable::kName, 0, &make<NodeUnschedulable>},
        {NodeName::kName, 0, &make<NodeName>},
        {TaintToleration::kName, 3, &make<TaintToleration>},
        {NodeAffinity::kName, 2, &make<NodeAffinity>},
        {NodePorts::kName, 0, &make<NodePorts>},
        {NodeResourcesFit::kName, 1, &make<NodeResourcesFit>},
        {PodTopologySpread::kName, 2, &make<PodTopologySpread>},
        {InterPodAffinity::kName, 2, &make<InterPodAffinity>},
        {NodeResourcesBalancedAllocation::kName, 1, &make<NodeResourcesBalancedAllocation>},
        {ImageLocality::kName, 1, &make<ImageLocality>},
    };
    return profile;
}

std::vector<framework::Framework::Entry> newDefaultPlugins() {
    std::vector<framework::Framework::Entry> out;
    for (const RegistryEntry& e : defaultProfile())
        out.push_back({e.factory(), e.weight});
    return out;
}

}  // namespace kp::scheduler::plugins
