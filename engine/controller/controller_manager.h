// ControllerManager: kube-controller-manager in one thread. It opens one watch per resource a
// controller asked for, delivers the events in order, and drains each controller's queue in
// registration order. step() does one round; Cluster::runUntilIdle() repeats it.
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

class ControllerManager {
public:
    ControllerManager(ObjectStore& store, VirtualClock& clock);
    ~ControllerManager();

    void add(std::unique_ptr<Controller> controller);
    Controller* find(std::string_view name) const;

    // Delivers pending watch events and processes queued keys once. Returns true if any key ran.
    bool step();
    // Stops or restarts a controller by name (fault lessons: "stop the controller-manager").
    void setEnabled(bool enabled) { enabled_ = enabled; }
    bool enabled() const { return enabled_; }

private:
    struct Registration {
        std::unique_ptr<Controller> controller;
        std::vector<ObjectStore::WatcherId> watchers;
    };
    void deliverEvents();

    ObjectStore& store_;
    VirtualClock& clock_;
    std::vector<Registration> controllers_;
    bool enabled_ = true;
};

}  // namespace kp
