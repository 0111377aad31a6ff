// The default profile of kube-scheduler 1.32 (pkg/scheduler/apis/config/v1/default_plugins.go):
// every plugin kubeplay implements, in the profile's order (which is also the order Filter
// plugins run in, so it decides which reason a node gets), with its score weight.
//
//   plugin                           filter  score weight
//   NodeUnschedulable                  x
//   NodeName                           x
//   TaintToleration                    x        3
//   NodeAffinity                       x        2
//   NodePorts                          x
//   NodeResourcesFit                   x        1   (LeastAllocated, cpu:1 memory:1)
//   PodTopologySpread                  x        2
//   InterPodAffinity                   x        2
//   NodeResourcesBalancedAllocation             1
//   ImageLocality                               1
//
// SIMPLIFICATION: the volume plugins (VolumeRestrictions, NodeVolumeLimits, VolumeBinding,
// VolumeZone) are not part of the profile: kubeplay has no persistent volumes to schedule. The
// SchedulingGates, PrioritySort, DefaultPreemption and DefaultBinder roles are built into the
// queue, the preemption step and the binding step of the scheduler.
#pragma once
#include <memory>
#include <string_view>
#include <vector>

#include "scheduler/framework/framework.h"

namespace kp::scheduler::plugins {

struct RegistryEntry {
    std::string_view name;
    int32_t weight;  // 0 = no Score extension
    std::unique_ptr<framework::Plugin> (*factory)();
};

const std::vector<RegistryEntry>& defaultProfile();
// The plugins of the default profile, ready for a Framework.
std::vector<framework::Framework::Entry> newDefaultPlugins();

}  // namespace kp::scheduler::plugins
