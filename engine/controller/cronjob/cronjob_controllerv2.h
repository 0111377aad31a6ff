// CronJobController ("cronjob-controller", upstream's ControllerV2) creates a Job for each
// activation of a CronJob's schedule, in virtual time: after each sync it sleeps until the next
// activation + 100 ms and wakes up exactly then.
//   - the Job is "<cronjob>-<scheduled time in minutes since the epoch>" (hello-28948921), owned
//     by the CronJob, annotated batch.kubernetes.io/cronjob-scheduled-timestamp;
//   - only the most recent missed activation runs; none when it is older than
//     startingDeadlineSeconds (MissSchedule); more than 100 missed ones warn TooManyMissedTimes;
//   - concurrencyPolicy: Allow runs Jobs side by side, Forbid skips an activation while a Job is
//     active (JobAlreadyActive), Replace deletes the active Jobs first;
//   - suspend stops new Jobs; finished Jobs beyond successfulJobsHistoryLimit (3) and
//     failedJobsHistoryLimit (1) are deleted, oldest first;
//   - status: active (references to running Jobs), lastScheduleTime, lastSuccessfulTime.
// Events (source cronjob-controller): SuccessfulCreate "Created job x", SawCompletedJob "Saw
// completed job: x, status: Complete", SuccessfulDelete "Deleted job x", and the warnings above.
// Upstream: pkg/controller/cronjob/cronjob_controllerv2.go, utils.go, injection.go.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "client/client.h"
#include "client/event_recorder.h"
#include "controller/controller.h"
#include "controller/cronjob/cron_schedule.h"
#include "controller/job/delaying_queue.h"

namespace kp::cronjob {

class CronJobController final : public Controller {
public:
    CronJobController(ApiServer& server, VirtualClock& clock);

    std::string_view name() const override { return "cronjob-controller"; }
    std::vector<std::string> watches() const override { return {"cronjobs.batch", "jobs.batch"}; }
    void onEvent(const WatchEvent& event) override;
    // Key: "<namespace>/<name>" of a CronJob.
    ReconcileResult reconcile(const std::string& key) override;

    const DelayingQueue& delayed() const { return delayed_; }

private:
    struct SyncResult {
        std::optional<Duration> requeueAfter;
        bool updateStatus = false;
        bool error = false;
    };

    void onCronJobEvent(const WatchEvent& event);
    void onJobEvent(const WatchEvent& event);
    ObjectPtr resolveControllerRef(const std::string& ns, const std::string& kind, const std::string& name,
                                   const std::string& uid) const;
    // formatSchedule: spec.schedule, prefixed "TZ=<zone> " for spec.timeZone.
    std::string formatSchedule(const Json& cj, bool recordWarnings);

    SyncResult syncCronJob(Json& cj, const std::vector<ObjectPtr>& jobs);
    bool cleanupFinishedJobs(Json& cj, const std::vector<ObjectPtr>& jobs);
    bool removeOldestJobs(Json& cj, std::vector<ObjectPtr> jobs, int64_t maxJobs);
    bool deleteJob(Json& cj, const Json& job);

    Client client_;
    ObjectStore& store_;
    EventRecorder recorder_;
    VirtualClock& clock_;
    DelayingQueue delayed_;

    struct SeenCronJob {
        std::string schedule;
        std::optional<std::string> timeZone;
    };
    std::map<std::string, SeenCronJob> seen_;  // cronjob key -> schedule the last event showed
    struct JobOwner {
        std::string kind, name, uid;
    };
    std::map<std::string, JobOwner> jobOwner_;  // job key -> its controller, as last seen
};

}  // namespace kp::cronjob
