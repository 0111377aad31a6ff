// A controller: event handlers that map watch events to keys, and one level-triggered
// reconcile(key) that re-reads state and converges. The hosting Component feeds events,
// runs the queues and applies the result (requeue with back-off, or after a delay).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"
#include "client/work_queue.h"
#include "store/object_store.h"

namespace kp {

struct ReconcileResult {
    enum class Kind { Done, Requeue, RequeueAfter } kind = Kind::Done;
    Duration after;

    static ReconcileResult done() { return {}; }
    static ReconcileResult requeue() { return {Kind::Requeue, {}}; }          // rate-limited
    static ReconcileResult requeueAfter(Duration d) { return {Kind::RequeueAfter, d}; }
};

class Controller {
public:
    virtual ~Controller() = default;
    virtual std::string_view name() const = 0;
    // Group resources whose watch events this controller wants ("namespaces", "pods", ...).
    // An empty list means every served resource.
    virtual std::vector<std::string> watches() const = 0;
    // Maps one event to keys (queue().add). Must not write to the API.
    virtual void onEvent(const WatchEvent& event) = 0;
    virtual ReconcileResult reconcile(const std::string& key) = 0;

    WorkQueue& queue() { return queue_; }

private:
    WorkQueue queue_;
};

}  // namespace kp
