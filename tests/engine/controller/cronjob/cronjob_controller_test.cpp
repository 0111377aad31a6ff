// The CronJob controller in virtual time. The cluster starts at 2025-01-15T10:00:00Z, i.e.
// 28948920 minutes after the epoch, so the 10:01 run of "hello" is the Job hello-28948921.
// The controller wakes up 100 ms after each activation.
#include <catch2/catch.hpp>

#include "controller/cronjob/cron_schedule.h"
#include "controller/cronjob/utils.h"
#include "engine/controller/job/workload_fixture.h"

using namespace kp;
using namespace kp::test;

namespace {

Json cronJobManifest(const std::string& name, const std::string& schedule, Json extra = Json::object()) {
    Json container = {{"name", "hello"}, {"image", "busybox:1.36"}, {"command", Json::array({"sh", "-c", "date"})}};
    Json spec = {{"schedule", schedule},
                 {"jobTemplate",
                  {{"spec", {{"template", {{"spec", {{"containers", Json::array({container})}, {"restartPolicy", "OnFailure"}}}}}}}}}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        spec[it.key()] = it.value();
    return {{"apiVersion", "batch/v1"}, {"kind", "CronJob"}, {"metadata", {{"name", name}, {"namespace", "default"}}}, {"spec", spec}};
}

std::vector<std::string> jobNames(Cluster& c) {
    std::vector<std::string> out;
    for (const ObjectPtr& j : c.store().list("jobs.batch", "default"))
        out.push_back(stringAt(*j, "metadata.name"));
    return out;
}

// The kubelet finishes the (single) pod of a Job with this exit code.
void finishJobPod(Cluster& c, const std::string& jobName, int exitCode) {
    for (const Json& p : podsNamed(c, jobName + "-"))
        if (p["status"].value("phase", "") == "Pending" || p["status"].value("phase", "") == "Running")
            endPod(c, stringAt(p, "metadata.name"), exitCode);
}

Time at(const std::string& hhmmss) { return *parseRFC3339("2025-01-15T" + hhmmss + "Z"); }

}  // namespace

TEST_CASE("a */1 CronJob creates a Job every minute, named after the scheduled minute", "[cronjob]") {
    Cluster c;
    withWorkloadControllers(c);
    const Json cj = create(c, cronJobManifest("hello", "*/1 * * * *"));
    auto* controller = dynamic_cast<cronjob::CronJobController*>(
        c.component("kube-controller-manager-workloads")->find("cronjob-controller"));
    REQUIRE(controller);
    REQUIRE(controller->delayed().dueTime("default/hello"));
    CHECK(*controller->delayed().dueTime("default/hello") == at("10:01:00") + Duration::millis(100));

    c.advance(Duration::seconds(60));  // 10:01:00.000: not yet
    CHECK(jobNames(c).empty());
    c.advance(Duration::millis(100));  // 10:01:00.100
    REQUIRE(jobNames(c) == std::vector<std::string>{"hello-28948921"});
    const Json job = get(c, "jobs.batch", "hello-28948921");
    CHECK(job["metadata"]["creationTimestamp"] == "2025-01-15T10:01:00Z");
    CHECK(job["metadata"]["annotations"] == Json{{"batch.kubernetes.io/cronjob-scheduled-timestamp", "2025-01-15T10:01:00Z"}});
    CHECK(job["metadata"]["ownerReferences"] == Json::array({{{"apiVersion", "batch/v1"},
                                                              {"kind", "CronJob"},
                                                              {"name", "hello"},
                                                              {"uid", cj["metadata"]["uid"]},
                                                              {"controller", true},
                                                              {"blockOwnerDeletion", true}}}));
    Json status = get(c, "cronjobs.batch", "hello")["status"];
    CHECK(status["lastScheduleTime"] == "2025-01-15T10:01:00Z");
    REQUIRE(status["active"].size() == 1);
    CHECK(status["active"][0]["kind"] == "Job");
    CHECK(status["active"][0]["apiVersion"] == "batch/v1");
    CHECK(status["active"][0]["name"] == "hello-28948921");
    CHECK(status["active"][0]["uid"] == job["metadata"]["uid"]);
    // The Job controller runs it like any Job.
    CHECK(podsNamed(c, "hello-28948921-").size() == 1);

    finishJobPod(c, "hello-28948921", 0);  // 10:01:00.100
    c.advance(Duration::seconds(1));       // the Job completes at 10:01:01
    status = get(c, "cronjobs.batch", "hello")["status"];
    CHECK_FALSE(status.contains("active"));
    CHECK(status["lastSuccessfulTime"] == "2025-01-15T10:01:01Z");

    c.advance(Duration::seconds(59));  // 10:02:00.100
    CHECK(jobNames(c) == std::vector<std::string>{"hello-28948921", "hello-28948922"});
    c.advance(Duration::minutes(1));
    CHECK(jobNames(c) == std::vector<std::string>{"hello-28948921", "hello-28948922", "hello-28948923"});
    CHECK(eventLines(c, "SuccessfulCreate").size() >= 3);
    std::vector<std::string> cronEvents;
    for (const std::string& e : eventLines(c))
        if (e.find("job hello-") != std::string::npos || e.find("Saw completed") != std::string::npos)
            cronEvents.push_back(e);
    CHECK(cronEvents == std::vector<std::string>{"10:01:00 SuccessfulCreate: Created job hello-28948921",
                                                 "10:01:01 SawCompletedJob: Saw completed job: hello-28948921, status: Complete",
                                                 "10:02:00 SuccessfulCreate: Created job hello-28948922",
                                                 "10:03:00 SuccessfulCreate: Created job hello-28948923"});
}

TEST_CASE("concurrencyPolicy Forbid skips a run while the previous Job is active", "[cronjob]") {
    Cluster c;
    withWorkloadControllers(c);
    create(c, cronJobManifest("hello", "*/1 * * * *", {{"concurrencyPolicy", "Forbid"}}));
    c.advance(Duration::millis(60'100));  // 10:01:00.100: first Job
    REQUIRE(jobNames(c) == std::vector<std::string>{"hello-28948921"});
    c.advance(Duration::seconds(60));  // 10:02:00.100: still running -> skipped
    CHECK(jobNames(c) == std::vector<std::string>{"hello-28948921"});
    CHECK(eventLines(c, "JobAlreadyActive") ==
          std::vector<std::string>{"10:02:00 JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid"});

    c.advance(Duration::seconds(30));
    finishJobPod(c, "hello-28948921", 0);  // 10:02:30.100
    c.advance(Duration::seconds(1));
    // The skipped 10:02 run is still the most recent one (no startingDeadlineSeconds): it starts
    // as soon as the previous Job is done.
    CHECK(jobNames(c) == std::vector<std::string>{"hello-28948921", "hello-28948922"});
    std::vector<std::string> lines;
    for (const std::string& e : eventLines(c))
        if (e.find("job hello-") != std::string::npos || e.find("job: hello-") != std::string::npos)
            lines.push_back(e);
    CHECK(lines == std::vector<std::string>{"10:01:00 SuccessfulCreate: Created job hello-28948921",
                                            "10:02:31 SawCompletedJob: Saw completed job: hello-28948921, status: Complete",
                                            "10:02:31 SuccessfulCreate: Created job hello-28948922"});
    c.advance(Duration::seconds(29));  // 10:03:00.100: hello-28948922 still runs
    CHECK(jobNames(c) == std::vector<std::string>{"hello-28948921", "hello-28948922"});
}

TEST_CASE("concurrencyPolicy Replace deletes the running Job before starting the next", "[cronjob]") {
    Cluster c;
    withWorkloadControllers(c);
    create(c, cronJobManifest("hello", "*/1 * * * *", {{"concurrencyPolicy", "Replace"}}));
    c.advance(Duration::millis(60'100));
    c.advance(Duration::seconds(60));  // 10:02:00.100
    CHECK(jobNames(c) == std::vector<std::string>{"hello-28948922"});
    CHECK(eventLines(c, "SuccessfulDelete") == std::vector<std::string>{"10:02:00 SuccessfulDelete: Deleted job hello-28948921"});
    const Json status = get(c, "cronjobs.batch", "hello")["status"];
    REQUIRE(status["active"].size() == 1);
    CHECK(status["active"][0]["name"] == "hello-28948922");
}

TEST_CASE("history limits keep 3 succeeded and 1 failed Job", "[cronjob]") {
    Cluster c;
    withWorkloadControllers(c);
    create(c, cronJobManifest("hello", "*/1 * * * *"));
    c.advance(Duration::millis(100));
    for (int minute = 1; minute <= 5; ++minute) {
        c.advance(Duration::seconds(60));  // 10:0m:00.100: created, and its pod ends at once
        finishJobPod(c, "hello-" + std::to_string(28948920 + minute), 0);
    }
    c.advance(Duration::seconds(5));  // the Jobs completed at 10:0m:01.100
    CHECK(jobNames(c) == std::vector<std::string>{"hello-28948923", "hello-28948924", "hello-28948925"});
    CHECK(eventLines(c, "SuccessfulDelete") == std::vector<std::string>{"10:04:01 SuccessfulDelete: Deleted job hello-28948921",
                                                                        "10:05:01 SuccessfulDelete: Deleted job hello-28948922"});
    // Their pods go with them (Background propagation).
    CHECK(podsNamed(c, "hello-28948921-").empty());

    // A failing run: the Job fails (backoffLimit 0) and only the newest failure is kept.
    Json cj = get(c, "cronjobs.batch", "hello");
    cj["spec"]["jobTemplate"]["spec"]["backoffLimit"] = 0;
    REQUIRE(c.client("kubectl").update(cj).ok());
    for (int minute = 6; minute <= 7; ++minute) {
        c.advance(Duration::seconds(55));  // 10:0m:00.100
        finishJobPod(c, "hello-" + std::to_string(28948920 + minute), 1);
        c.advance(Duration::seconds(5));
    }
    CHECK(jobNames(c) == std::vector<std::string>{"hello-28948923", "hello-28948924", "hello-28948925", "hello-28948927"});
    CHECK(eventLines(c, "SawCompletedJob").back() == "10:07:01 SawCompletedJob: Saw completed job: hello-28948927, status: Failed");
}

TEST_CASE("resuming a suspended CronJob runs only the latest missed run, unless it is older than startingDeadlineSeconds", "[cronjob]") {
    Cluster c;
    withWorkloadControllers(c);
    create(c, cronJobManifest("hello", "*/1 * * * *", {{"suspend", true}}));
    c.advance(Duration::seconds(185));  // 10:03:05
    CHECK(jobNames(c).empty());

    Json cj = get(c, "cronjobs.batch", "hello");
    cj["spec"]["suspend"] = false;
    REQUIRE(c.client("kubectl").update(cj).ok());
    c.runUntilIdle();  // 10:03:05: 10:01, 10:02 and 10:03 were missed; only 10:03 runs
    CHECK(jobNames(c) == std::vector<std::string>{"hello-28948923"});

    cj = get(c, "cronjobs.batch", "hello");
    cj["spec"]["suspend"] = true;
    REQUIRE(c.client("kubectl").update(cj).ok());
    c.advance(Duration::seconds(80));  // 10:04:25
    cj = get(c, "cronjobs.batch", "hello");
    cj["spec"]["suspend"] = false;
    cj["spec"]["startingDeadlineSeconds"] = 10;
    REQUIRE(c.client("kubectl").update(cj).ok());
    c.runUntilIdle();  // the 10:04 run is 25 s late, beyond the 10 s deadline: skipped
    CHECK(jobNames(c) == std::vector<std::string>{"hello-28948923"});
    c.advance(Duration::millis(35'100));  // 10:05:00.100
    CHECK(jobNames(c) == std::vector<std::string>{"hello-28948923", "hello-28948925"});
    CHECK(eventLines(c, "MissSchedule").empty());
}

TEST_CASE("cron schedules: fields, ranges, steps, names, descriptors", "[cronjob]") {
    using cronjob::CronSchedule;
    auto next = [](const std::string& spec, const std::string& from) {
        std::string error;
        auto s = CronSchedule::parseStandard(spec, &error);
        REQUIRE(s);
        return formatRFC3339(s->next(*parseRFC3339(from)));
    };
    CHECK(next("*/1 * * * *", "2025-01-15T10:00:00Z") == "2025-01-15T10:01:00Z");
    CHECK(next("*/15 * * * *", "2025-01-15T10:00:00Z") == "2025-01-15T10:15:00Z");
    CHECK(next("5/20 * * * *", "2025-01-15T10:30:00Z") == "2025-01-15T10:45:00Z");
    CHECK(next("0 9 * * mon-fri", "2025-01-17T10:00:00Z") == "2025-01-20T09:00:00Z");  // Fri -> Mon
    CHECK(next("0 0 1 * mon", "2025-01-15T10:00:00Z") == "2025-01-20T00:00:00Z");      // day 1 OR Monday
    CHECK(next("0 0 1 * *", "2025-01-15T10:00:00Z") == "2025-02-01T00:00:00Z");
    CHECK(next("30 6-16/4 * * 1-5", "2025-01-15T10:31:00Z") == "2025-01-15T14:30:00Z");
    CHECK(next("0 12 * JAN,jul *", "2025-01-31T12:00:00Z") == "2025-07-01T12:00:00Z");
    CHECK(next("@hourly", "2025-01-15T10:00:00Z") == "2025-01-15T11:00:00Z");
    CHECK(next("@daily", "2025-01-15T10:00:00Z") == "2025-01-16T00:00:00Z");
    CHECK(next("@weekly", "2025-01-15T10:00:00Z") == "2025-01-19T00:00:00Z");  // Sunday
    CHECK(next("@monthly", "2025-01-15T10:00:00Z") == "2025-02-01T00:00:00Z");
    CHECK(next("@yearly", "2025-01-15T10:00:00Z") == "2026-01-01T00:00:00Z");
    CHECK(next("0 0 29 2 *", "2025-01-15T10:00:00Z") == "2028-02-29T00:00:00Z");
    CHECK(next("@every 90s", "2025-01-15T10:00:00Z") == "2025-01-15T10:01:30Z");
    CHECK(next("TZ=Asia/Shanghai 0 9 * * *", "2025-01-15T10:00:00Z") == "2025-01-16T01:00:00Z");

    std::string error;
    CHECK_FALSE(CronSchedule::parseStandard("* * *", &error));
    CHECK(error == "expected exactly 5 fields, found 3: [* * *]");
    auto never = CronSchedule::parseStandard("0 0 30 2 *", &error);
    REQUIRE(never);
    CHECK(never->next(*parseRFC3339("2025-01-15T10:00:00Z")).isZero());
}

TEST_CASE("more than 100 missed runs are reported as many", "[cronjob]") {
    std::string error;
    auto s = cronjob::CronSchedule::parseStandard("* * * * *", &error);
    REQUIRE(s);
    Json cj = {{"metadata", {{"name", "hello"}, {"creationTimestamp", "2025-01-15T10:00:00Z"}}}, {"spec", {{"schedule", "* * * * *"}}}};
    auto few = cronjob::mostRecentScheduleTime(cj, at("10:30:30"), *s, true);
    CHECK(few.missed == cronjob::MissedSchedules::Few);
    CHECK(formatRFC3339(*few.mostRecent) == "2025-01-15T10:30:00Z");
    auto many = cronjob::mostRecentScheduleTime(cj, at("12:00:30"), *s, true);
    CHECK(many.missed == cronjob::MissedSchedules::Many);
    CHECK(formatRFC3339(*many.mostRecent) == "2025-01-15T12:00:00Z");
    CHECK(cronjob::nextScheduleTimeDuration(cj, at("10:00:00"), *s) == Duration::millis(60'100));
    CHECK(cronjob::jobName(cj, at("10:01:00")) == "hello-28948921");
}
