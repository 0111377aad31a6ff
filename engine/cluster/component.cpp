#include "cluster/component.h"

#include "api/resources.h"

namespace kp {

Component::Component(std::string name, ObjectStore& store, VirtualClock& clock)
    : name_(std::move(name)), store_(store), clock_(clock) {}

Component::~Component() {
    for (auto& reg : controllers_)
        for (auto id : reg.watchers)
            store_.stopWatch(id);
}

void Component::add(std::unique_ptr<Controller> controller) {
    Registration reg;
    std::vector<std::string> resources = controller->watches();
    if (resources.empty())
        for (const ResourceInfo& r : ResourceRegistry::builtin().all())
            if (r.preferred)
                resources.push_back(r.groupResource());
    for (const std::string& resource : resources) {
        WatchRequest req;
        req.resource = resource;
        req.sendInitialState = true;
        Status err;
        reg.watchers.push_back(store_.watch(req, err));
    }
    reg.controller = std::move(controller);
    controllers_.push_back(std::move(reg));
}

Controller* Component::find(std::string_view name) const {
    for (const auto& reg : controllers_)
        if (reg.controller->name() == name)
            return reg.controller.get();
    return nullptr;
}

void Component::deliverEvents() {
    for (auto& reg : controllers_)
        for (auto id : reg.watchers)
            for (const WatchEvent& ev : store_.drain(id))
                reg.controller->onEvent(ev);
}

bool Component::step() {
    if (!enabled_)
        return false;
    deliverEvents();
    bool worked = false;
    for (auto& reg : controllers_) {
        Controller& c = *reg.controller;
        // Each key that is queued now runs once this round; keys added meanwhile wait for the next.
        size_t n = c.queue().size();
        for (size_t i = 0; i < n; ++i) {
            std::string key;
            if (!c.queue().pop(key))
                break;
            ReconcileResult res = c.reconcile(key);
            c.queue().done(key);
            worked = true;
            switch (res.kind) {
            case ReconcileResult::Kind::Done:
                c.queue().forget(key);
                break;
            case ReconcileResult::Kind::Requeue: {
                Duration d = c.queue().backoff(key);
                clock_.schedule(clock_.now() + d, [&c, key] { c.queue().add(key); });
                break;
            }
            case ReconcileResult::Kind::RequeueAfter:
                clock_.schedule(clock_.now() + res.after, [&c, key] { c.queue().add(key); });
                break;
            }
        }
        deliverEvents();  // later controllers see this controller's writes in the same round
    }
    return worked;
}

}  // namespace kp
