// TTLAfterFinishedController ("ttl-after-finished-controller") deletes a finished Job (Complete or
// Failed) ttlSecondsAfterFinished seconds after it finished, with Foreground propagation so that
// its pods go first. Concrete example: ttlSecondsAfterFinished: 100 on a Job that completed at
// 10:00:30 -> the Job is deleted at 10:02:10. No Events are recorded.
// Upstream: pkg/controller/ttlafterfinished/ttlafterfinished_controller.go.
#pragma once
#include <string>
#include <vector>

#include "base/clock.h"
#include "client/client.h"
#include "controller/controller.h"
#include "controller/job/delaying_queue.h"

namespace kp::ttlafterfinished {

class TTLAfterFinishedController final : public Controller {
public:
    TTLAfterFinishedController(ApiServer& server, VirtualClock& clock)
        : client_(server, "ttl-after-finished-controller"), clock_(clock), delayed_(clock, queue()) {}

    std::string_view name() const override { return "ttl-after-finished-controller"; }
    std::vector<std::string> watches() const override { return {"jobs.batch"}; }
    void onEvent(const WatchEvent& event) override;
    // Key: "<namespace>/<name>" of a Job.
    ReconcileResult reconcile(const std::string& key) override;

private:
    Client client_;
    VirtualClock& clock_;
    DelayingQueue delayed_;
};

}  // namespace kp::ttlafterfinished
