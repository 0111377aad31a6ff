// The Job controller, with the scheduler and kubelet played through the API (workload_fixture.h).
// The cluster starts at 2025-01-15T10:00:00Z; pod events sync the Job 1 s later.
#include <catch2/catch.hpp>

#include "engine/controller/job/workload_fixture.h"

using namespace kp;
using namespace kp::test;

namespace {

Json jobManifest(const std::string& name, Json spec) {
    Json container = {{"name", "main"}, {"image", "busybox:1.36"}, {"command", Json::array({"sh", "-c", "true"})}};
    spec["template"] = {{"spec", {{"containers", Json::array({container})}, {"restartPolicy", "Never"}}}};
    return {{"apiVersion", "batch/v1"}, {"kind", "Job"}, {"metadata", {{"name", name}, {"namespace", "default"}}}, {"spec", spec}};
}

bool validSuffix(const std::string& s) {
    const std::string alphabet = "bcdfghjklmnpqrstvwxz2456789";
    return s.size() == 5 && s.find_first_not_of(alphabet) == std::string::npos;
}

std::vector<std::string> conditionSummary(const Json& job) {
    std::vector<std::string> out;
    for (const Json& c : job["status"].value("conditions", Json::array()))
        out.push_back(c.value("type", "") + "=" + c.value("status", "") + " " + c.value("reason", "") + " @" +
                      c.value("lastTransitionTime", "").substr(11, 8));
    return out;
}

}  // namespace

TEST_CASE("a Job with completions 5 and parallelism 2 runs its pods in waves and completes", "[job]") {
    Cluster c;
    withWorkloadControllers(c);
    const Json created = create(c, jobManifest("pi", {{"completions", 5}, {"parallelism", 2}}));
    const std::string uid = stringAt(created, "metadata.uid");

    std::vector<Json> pods = podsNamed(c, "pi-");
    REQUIRE(pods.size() == 2);
    for (const Json& p : pods) {
        const std::string name = stringAt(p, "metadata.name");
        CHECK(validSuffix(name.substr(3)));
        CHECK(p["metadata"]["generateName"] == "pi-");
        CHECK(p["metadata"]["labels"] == Json{{"batch.kubernetes.io/controller-uid", uid},
                                              {"batch.kubernetes.io/job-name", "pi"},
                                              {"controller-uid", uid},
                                              {"job-name", "pi"}});
        CHECK(p["metadata"]["finalizers"] == Json::array({"batch.kubernetes.io/job-tracking"}));
        CHECK(p["metadata"]["ownerReferences"] == Json::array({{{"apiVersion", "batch/v1"},
                                                                {"kind", "Job"},
                                                                {"name", "pi"},
                                                                {"uid", uid},
                                                                {"controller", true},
                                                                {"blockOwnerDeletion", true}}}));
    }
    Json job = get(c, "jobs.batch", "pi");
    CHECK(job["status"] == Json{{"active", 2},
                                {"ready", 0},
                                {"startTime", "2025-01-15T10:00:00Z"},
                                {"terminating", 0},
                                {"uncountedTerminatedPods", Json::object()}});

    // Each wave: the pods start at +5 s, finish at +10 s; the Job syncs 1 s later.
    auto wave = [&](size_t expectPods) {
        std::vector<Json> running;
        for (const Json& p : podsNamed(c, "pi-"))
            if (p["status"].value("phase", "") == "Pending")
                running.push_back(p);
        REQUIRE(running.size() == expectPods);
        c.advance(Duration::seconds(5));
        for (const Json& p : running)
            runPod(c, stringAt(p, "metadata.name"));
        c.advance(Duration::seconds(5));
        for (const Json& p : running)
            endPod(c, stringAt(p, "metadata.name"), 0);
        c.advance(Duration::seconds(1));
    };
    wave(2);  // ends 10:00:10, next wave created 10:00:11
    job = get(c, "jobs.batch", "pi");
    CHECK(job["status"]["succeeded"] == 2);
    CHECK(job["status"]["active"] == 2);
    wave(2);  // ends 10:00:21, last pod created 10:00:22
    CHECK(get(c, "jobs.batch", "pi")["status"]["succeeded"] == 4);
    wave(1);  // ends 10:00:32, complete 10:00:33

    CHECK(eventLines(c, "SuccessfulCreate").size() == 5);
    std::vector<std::string> createTimes;
    for (const std::string& e : eventLines(c, "SuccessfulCreate"))
        createTimes.push_back(e.substr(0, 8));
    CHECK(createTimes == std::vector<std::string>{"10:00:00", "10:00:00", "10:00:11", "10:00:11", "10:00:22"});
    CHECK(eventLines(c, "SuccessfulCreate")[0].substr(9, 23) == "SuccessfulCreate: Creat");
    CHECK(eventLines(c, "SuccessfulCreate")[0].find("Created pod: pi-") != std::string::npos);
    CHECK(eventLines(c, "Completed") == std::vector<std::string>{"10:00:33 Completed: Job completed"});

    job = get(c, "jobs.batch", "pi");
    CHECK(conditionSummary(job) == std::vector<std::string>{"SuccessCriteriaMet=True  @10:00:33", "Complete=True  @10:00:33"});
    job["status"].erase("conditions");
    CHECK(job["status"] == Json{{"completionTime", "2025-01-15T10:00:33Z"},
                                {"ready", 0},
                                {"startTime", "2025-01-15T10:00:00Z"},
                                {"succeeded", 5},
                                {"terminating", 0},
                                {"uncountedTerminatedPods", Json::object()}});
    // Every pod was counted, so none keeps the tracking finalizer.
    for (const Json& p : podsNamed(c, "pi-"))
        CHECK(p["metadata"].value("finalizers", Json::array()).empty());

    // The event source is the job-controller.
    for (const ObjectPtr& e : c.store().list("events"))
        if (stringAt(*e, "reason") == "Completed")
            CHECK((*e)["source"] == Json{{"component", "job-controller"}});
}

TEST_CASE("failed pods are replaced after 10 s, then 20 s, until backoffLimit fails the Job", "[job]") {
    Cluster c;
    withWorkloadControllers(c);
    create(c, jobManifest("fail", {{"backoffLimit", 2}}));
    auto runAndFail = [&](const std::string& name, int runFor) {
        c.advance(Duration::seconds(1));
        runPod(c, name);
        c.advance(Duration::seconds(runFor));
        endPod(c, name, 1);
    };

    std::vector<Json> pods = podsNamed(c, "fail-");
    REQUIRE(pods.size() == 1);
    runAndFail(stringAt(pods[0], "metadata.name"), 9);  // fails at 10:00:10
    c.advance(Duration::seconds(9));                    // 10:00:19: still backing off
    CHECK(podsNamed(c, "fail-").size() == 1);
    Json job = get(c, "jobs.batch", "fail");
    CHECK(job["status"]["failed"] == 1);
    CHECK_FALSE(job["status"].contains("active"));
    c.advance(Duration::seconds(1));  // 10:00:20 = failure + 10 s
    pods = podsNamed(c, "fail-");
    REQUIRE(pods.size() == 2);

    const std::string second = stringAt(pods[0]["status"].value("phase", "") == "Pending" ? pods[0] : pods[1], "metadata.name");
    runAndFail(second, 4);             // fails at 10:00:25
    c.advance(Duration::seconds(19));  // 10:00:44
    CHECK(podsNamed(c, "fail-").size() == 2);
    c.advance(Duration::seconds(1));  // 10:00:45 = failure + 20 s
    pods = podsNamed(c, "fail-");
    REQUIRE(pods.size() == 3);
    std::string third;
    for (const Json& p : pods)
        if (p["status"].value("phase", "") == "Pending")
            third = stringAt(p, "metadata.name");
    runAndFail(third, 4);  // fails at 10:00:50: a third failure > backoffLimit 2
    c.advance(Duration::seconds(1));

    std::vector<std::string> createTimes;
    for (const std::string& e : eventLines(c, "SuccessfulCreate"))
        createTimes.push_back(e.substr(0, 8));
    CHECK(createTimes == std::vector<std::string>{"10:00:00", "10:00:20", "10:00:45"});
    CHECK(eventLines(c, "BackoffLimitExceeded") ==
          std::vector<std::string>{"10:00:51 BackoffLimitExceeded: Job has reached the specified backoff limit"});
    job = get(c, "jobs.batch", "fail");
    CHECK(conditionSummary(job) == std::vector<std::string>{"FailureTarget=True BackoffLimitExceeded @10:00:51",
                                                            "Failed=True BackoffLimitExceeded @10:00:51"});
    CHECK(job["status"]["conditions"][1]["message"] == "Job has reached the specified backoff limit");
    CHECK(job["status"]["failed"] == 3);
    CHECK_FALSE(job["status"].contains("completionTime"));
    for (const ObjectPtr& e : c.store().list("events"))
        if (stringAt(*e, "reason") == "BackoffLimitExceeded")
            CHECK((*e)["type"] == "Warning");
    // Nothing more happens to a failed Job.
    c.advance(Duration::minutes(5));
    CHECK(podsNamed(c, "fail-").size() == 3);
}

TEST_CASE("an Indexed Job names pods <job>-<index>-<suffix> and tracks completed indexes", "[job]") {
    Cluster c;
    withWorkloadControllers(c);
    create(c, jobManifest("idx", {{"completions", 3}, {"parallelism", 3}, {"completionMode", "Indexed"}}));
    std::vector<Json> pods = podsNamed(c, "idx-");
    REQUIRE(pods.size() == 3);
    std::map<int, std::string> byIndex;
    for (const Json& p : pods) {
        const std::string name = stringAt(p, "metadata.name");
        const std::string ix = p["metadata"]["annotations"].value("batch.kubernetes.io/job-completion-index", "");
        CHECK(name.substr(0, 6) == "idx-" + ix + "-");
        CHECK(validSuffix(name.substr(6)));
        CHECK(p["metadata"]["generateName"] == "idx-" + ix + "-");
        CHECK(p["metadata"]["labels"]["batch.kubernetes.io/job-completion-index"] == ix);
        CHECK(p["spec"]["hostname"] == "idx-" + ix);
        CHECK(p["spec"]["containers"][0]["env"] ==
              Json::array({{{"name", "JOB_COMPLETION_INDEX"},
                            {"valueFrom",
                             {{"fieldRef",
                               {{"apiVersion", "v1"},
                                {"fieldPath", "metadata.labels['batch.kubernetes.io/job-completion-index']"}}}}}}}));
        byIndex[std::stoi(ix)] = name;
    }
    REQUIRE(byIndex.size() == 3);

    endPod(c, byIndex[0], 0);
    endPod(c, byIndex[2], 0);
    c.advance(Duration::seconds(1));
    Json job = get(c, "jobs.batch", "idx");
    CHECK(job["status"]["completedIndexes"] == "0,2");
    CHECK(job["status"]["succeeded"] == 2);
    CHECK(job["status"]["active"] == 1);

    // A failed index is retried under the same index (after the back-off).
    endPod(c, byIndex[1], 1);
    c.advance(Duration::seconds(10));
    std::string retry;
    for (const Json& p : podsNamed(c, "idx-1-"))
        if (p["status"].value("phase", "") == "Pending")
            retry = stringAt(p, "metadata.name");
    REQUIRE(!retry.empty());
    CHECK(retry != byIndex[1]);
    endPod(c, retry, 0);
    c.advance(Duration::seconds(1));
    job = get(c, "jobs.batch", "idx");
    CHECK(job["status"]["completedIndexes"] == "0-2");
    CHECK(job["status"]["succeeded"] == 3);
    CHECK(job["status"]["failed"] == 1);
    CHECK(conditionSummary(job) == std::vector<std::string>{"SuccessCriteriaMet=True  @10:00:12", "Complete=True  @10:00:12"});
}

TEST_CASE("activeDeadlineSeconds fails the Job once its pods are gone", "[job]") {
    Cluster c;
    withWorkloadControllers(c);
    create(c, jobManifest("slow", {{"activeDeadlineSeconds", 30}}));
    const std::string pod = stringAt(podsNamed(c, "slow-").at(0), "metadata.name");
    c.advance(Duration::seconds(2));
    runPod(c, pod);
    c.advance(Duration::seconds(27));  // 10:00:29
    CHECK(eventLines(c, "SuccessfulDelete").empty());
    c.advance(Duration::seconds(1));  // 10:00:30
    CHECK(eventLines(c, "SuccessfulDelete") == std::vector<std::string>{"10:00:30 SuccessfulDelete: Deleted pod: " + pod});
    Json job = get(c, "jobs.batch", "slow");
    CHECK(conditionSummary(job) == std::vector<std::string>{"FailureTarget=True DeadlineExceeded @10:00:30"});
    CHECK(job["status"]["terminating"] == 1);
    const Json p = get(c, "pods", pod);
    CHECK(p["metadata"]["deletionTimestamp"] == "2025-01-15T10:01:00Z");
    CHECK(p["metadata"].value("finalizers", Json::array()).empty());

    c.advance(Duration::seconds(2));
    finishDeletion(c, pod);  // the kubelet stopped it at 10:00:32
    c.advance(Duration::seconds(1));
    job = get(c, "jobs.batch", "slow");
    CHECK(conditionSummary(job) == std::vector<std::string>{"FailureTarget=True DeadlineExceeded @10:00:30",
                                                            "Failed=True DeadlineExceeded @10:00:33"});
    CHECK(job["status"]["failed"] == 1);
    CHECK(job["status"]["terminating"] == 0);
    CHECK(eventLines(c, "DeadlineExceeded") ==
          std::vector<std::string>{"10:00:33 DeadlineExceeded: Job was active longer than specified deadline"});
}

TEST_CASE("a suspended Job has no pods until it is resumed", "[job]") {
    Cluster c;
    withWorkloadControllers(c);
    create(c, jobManifest("later", {{"suspend", true}}));
    CHECK(podsNamed(c, "later-").empty());
    Json job = get(c, "jobs.batch", "later");
    REQUIRE(job["status"]["conditions"].size() == 1);
    CHECK(job["status"]["conditions"][0]["type"] == "Suspended");
    CHECK(job["status"]["conditions"][0]["status"] == "True");
    CHECK(job["status"]["conditions"][0]["reason"] == "JobSuspended");
    CHECK(job["status"]["conditions"][0]["message"] == "Job suspended");
    CHECK_FALSE(job["status"].contains("startTime"));
    CHECK(eventLines(c, "Suspended") == std::vector<std::string>{"10:00:00 Suspended: Job suspended"});

    c.advance(Duration::seconds(40));
    job = get(c, "jobs.batch", "later");
    job["spec"]["suspend"] = false;
    REQUIRE(c.client("kubectl").update(job).ok());
    c.runUntilIdle();
    CHECK(podsNamed(c, "later-").size() == 1);
    job = get(c, "jobs.batch", "later");
    CHECK(job["status"]["startTime"] == "2025-01-15T10:00:40Z");
    CHECK(job["status"]["conditions"][0]["status"] == "False");
    CHECK(job["status"]["conditions"][0]["reason"] == "JobResumed");
    CHECK(eventLines(c, "Resumed") == std::vector<std::string>{"10:00:40 Resumed: Job resumed"});
}

TEST_CASE("a podFailurePolicy FailJob rule fails the Job at the first matching exit code", "[job]") {
    Cluster c;
    withWorkloadControllers(c);
    Json policy = {{"rules", Json::array({{{"action", "FailJob"},
                                           {"onExitCodes", {{"containerName", "main"}, {"operator", "In"}, {"values", {42}}}}}})}};
    create(c, jobManifest("strict", {{"backoffLimit", 6}, {"podFailurePolicy", policy}}));
    const std::string pod = stringAt(podsNamed(c, "strict-").at(0), "metadata.name");
    endPod(c, pod, 42);
    c.advance(Duration::seconds(1));
    const Json job = get(c, "jobs.batch", "strict");
    const std::string message = "Container main for pod default/" + pod + " failed with exit code 42 matching FailJob rule at index 0";
    CHECK(conditionSummary(job) == std::vector<std::string>{"FailureTarget=True PodFailurePolicy @10:00:01",
                                                            "Failed=True PodFailurePolicy @10:00:01"});
    CHECK(job["status"]["conditions"][1]["message"] == message);
    CHECK(eventLines(c, "PodFailurePolicy") == std::vector<std::string>{"10:00:01 PodFailurePolicy: " + message});
}

TEST_CASE("ttlSecondsAfterFinished deletes the finished Job and its pods", "[job]") {
    Cluster c;
    withWorkloadControllers(c);
    create(c, jobManifest("short", {{"ttlSecondsAfterFinished", 100}}));
    const std::string pod = stringAt(podsNamed(c, "short-").at(0), "metadata.name");
    endPod(c, pod, 0);
    c.advance(Duration::seconds(1));  // complete at 10:00:01
    REQUIRE(get(c, "jobs.batch", "short")["status"]["completionTime"] == "2025-01-15T10:00:01Z");
    c.advance(Duration::seconds(99));  // 10:01:40
    CHECK_FALSE(get(c, "jobs.batch", "short").is_null());
    c.advance(Duration::seconds(1));  // 10:01:41
    CHECK(get(c, "jobs.batch", "short").is_null());
    CHECK(podsNamed(c, "short-").empty());
}

TEST_CASE("completed indexes print as compressed intervals", "[job]") {
    using job::OrderedIntervals;
    CHECK(OrderedIntervals::parse("0-2,4,6,7", 10).toString() == "0-2,4,6,7");
    CHECK(OrderedIntervals().withOrderedIndexes({0, 1, 2, 4, 6, 7}).toString() == "0-2,4,6,7");
    CHECK(OrderedIntervals::parse("1,3-5", 10).withOrderedIndexes({2}).toString() == "1-5");
    CHECK(OrderedIntervals::parse("3-9", 5).toString() == "3,4");
    CHECK(OrderedIntervals::parse("0,x,2", 5).total() == 2);
    CHECK(OrderedIntervals::parse("0-2,4", 10).has(4));
    CHECK_FALSE(OrderedIntervals::parse("0-2,4", 10).has(3));
    CHECK(job::podGenerateNameWithIndex("pi", 7) == "pi-7-");
    CHECK(job::podGenerateNameWithIndex(std::string(60, 'a'), 12) == std::string(54, 'a') + "-12-");
}

TEST_CASE("the pod failure back-off doubles from 10 s and stops at 10 min", "[job]") {
    const Time failed{1736935200000};
    CHECK(job::remainingBackoff(0, failed, failed) == Duration{});
    CHECK(job::remainingBackoff(1, failed, failed + Duration::seconds(1)) == Duration::seconds(9));
    CHECK(job::remainingBackoff(2, failed, failed) == Duration::seconds(20));
    CHECK(job::remainingBackoff(3, failed, failed) == Duration::seconds(40));
    CHECK(job::remainingBackoff(7, failed, failed) == Duration::seconds(600));  // 640 s capped
    CHECK(job::remainingBackoff(2, failed, failed + Duration::seconds(25)) == Duration{});
}
