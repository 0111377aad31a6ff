// Component: one control-plane or node process (kube-controller-manager, kube-scheduler, the
// kubelets) in one thread. It opens one watch per resource each of its controllers asked for,
// delivers the events in order, and drains each controller's queue in registration order.
// step() does one round; Cluster::runUntilIdle() repeats it over every component. A stopped
// component keeps its queues and pending watch events and catches up when started again, like a
// restarted process relisting.
//
// SIMPLIFICATION: controllers read the store directly instead of informer caches. Upstream needs
// caches (and "expectations") because its informers lag the apiserver; ours are synchronous.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/clock.h"
#include "controller/controller.h"
#include "store/object_store.h"

namespace kp {

class Component {
public:
    Component(std::string name, ObjectStore& store, VirtualClock& clock);
    ~Component();
    Component(const Component&) = delete;
    Component& operator=(const Component&) = delete;

    const std::string& name() const { return name_; }

    void add(std::unique_ptr<Controller> controller);
    Controller* find(std::string_view name) const;

    // Delivers pending watch events and processes queued keys once. Returns true if any key ran.
    bool step();
    // Stops or starts the whole process (fault lessons: "stop the scheduler").
    void setEnabled(bool enabled) { enabled_ = enabled; }
    bool enabled() const { return enabled_; }

private:
    struct Registration {
        std::unique_ptr<Controller> controller;
        std::vector<ObjectStore::WatcherId> watchers;
    };
    void deliverEvents();

    std::string name_;
    ObjectStore& store_;
    VirtualClock& clock_;
    std::vector<Registration> controllers_;
    bool enabled_ = true;
};

}  // namespace kp
