#include "scheduler/plugins/node_ports/node_ports.h"

namespace kp::scheduler::plugins {

using namespace framework;

QueueingHint NodePorts::queueingHint(const ClusterEvent& event, const PodInfo& pod, const EventObjects& objs) const {
    if (event.resource == EventResource::Node)
        return objs.node && fitsPorts(pod, *objs.node) ? QueueingHint::Queue : QueueingHint::Skip;
    // Upstream: isSchedulableAfterPodDeleted: the deleted pod held a port this pod wants.
    if (!objs.pod)
        return QueueingHint::Skip;
    HostPortInfo freed;
    for (const ContainerPort& p : objs.pod->ports)
        freed.add(p);
    for (const ContainerPort& p : pod.ports)
        if (freed.checkConflict(p))
            return QueueingHint::Queue;
    return QueueingHint::Skip;
}

}  // namespace kp::scheduler::plugins
