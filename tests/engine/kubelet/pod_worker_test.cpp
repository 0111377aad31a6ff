#include <catch2/catch.hpp>

#include "engine/kubelet/kubelet_test_support.h"

using namespace kp;
using kp::test::container;
using kp::test::eventsFor;
using kp::test::getPod;
using kp::test::podOn;
using kp::test::withKubelets;

namespace {

// A cluster whose minikube node is Ready (t = 10:00:05 when it returns).
struct Fixture {
    Cluster c;
    kubelet::Kubelets& k;
    Client client;
    Fixture() : k(withKubelets(c)), client(c.client("kubectl")) {
        k.addNode(kubelet::minikubeNode(0));
        c.advance(Duration::seconds(5));
    }
    Json create(const Json& pod) {
        ApiResponse r = client.create(pod);
        REQUIRE(r.ok());
        c.runUntilIdle();
        return r.object;
    }
    Json pod(const std::string& name) { return getPod(c, name); }
    Json containerStatus(const std::string& name, size_t i = 0) { return pod(name)["status"]["containerStatuses"][i]; }
    std::string waitingReason(const std::string& name) {
        Json s = containerStatus(name);
        return s["state"].contains("waiting") ? s["state"]["waiting"].value("reason", "") : "";
    }
    // The pod is kept in a local: a range-for over a member of the temporary pod(name) would
    // iterate a destroyed object.
    Json condition(const std::string& name, const std::string& type) {
        const Json p = pod(name);
        for (const Json& c : p["status"]["conditions"])
            if (c["type"] == type)
                return c;
        return Json();
    }
    std::vector<std::string> conditionTypes(const std::string& name) {
        std::vector<std::string> out;
        const Json p = pod(name);
        for (const Json& c : p["status"]["conditions"])
            out.push_back(c["type"]);
        return out;
    }
};

}  // namespace

TEST_CASE("an nginx pod goes from ContainerCreating to Running and Ready", "[kubelet]") {
    Fixture f;
    Json created = f.create(podOn("nginx", "minikube", Json::array({container("nginx", "nginx")})));
    const std::string uid = created["metadata"]["uid"];

    // First sync (10:00:05): Pending, the container is being created, no IP yet.
    Json p = f.pod("nginx");
    CHECK(p["status"]["phase"] == "Pending");
    CHECK(p["status"]["hostIP"] == "192.168.49.2");
    CHECK(p["status"]["hostIPs"] == Json::array({{{"ip", "192.168.49.2"}}}));
    CHECK(p["status"]["startTime"] == "2025-01-15T10:00:05Z");
    CHECK(!p["status"].contains("podIP"));
    CHECK(f.containerStatus("nginx") == Json{{"image", "nginx"},
                                             {"imageID", ""},
                                             {"lastState", Json::object()},
                                             {"name", "nginx"},
                                             {"ready", false},
                                             {"restartCount", 0},
                                             {"started", false},
                                             {"state", {{"waiting", {{"reason", "ContainerCreating"}}}}},
                                             {"volumeMounts", p["status"]["containerStatuses"][0]["volumeMounts"]}});
    CHECK(f.conditionTypes("nginx") ==
          std::vector<std::string>{"PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"});
    CHECK(f.condition("nginx", "PodReadyToStartContainers")["status"] == "False");
    CHECK(f.condition("nginx", "Ready") == Json{{"type", "Ready"},
                                                {"status", "False"},
                                                {"reason", "ContainersNotReady"},
                                                {"message", "containers with unready status: [nginx]"},
                                                {"lastProbeTime", nullptr},
                                                {"lastTransitionTime", "2025-01-15T10:00:05Z"}});

    // The sandbox takes 1 s, then nginx (191,998,640 bytes) is pulled in 3.499 s.
    f.c.advance(Duration::millis(4498));
    CHECK(f.pod("nginx")["status"]["phase"] == "Pending");
    f.c.advance(Duration::millis(1));
    p = f.pod("nginx");
    CHECK(p["status"]["phase"] == "Running");
    CHECK(p["status"]["podIP"] == "10.244.0.2");
    CHECK(p["status"]["podIPs"] == Json::array({{{"ip", "10.244.0.2"}}}));
    Json cs = f.containerStatus("nginx");
    CHECK(cs["state"] == Json{{"running", {{"startedAt", "2025-01-15T10:00:09Z"}}}});
    CHECK(cs["ready"] == true);
    CHECK(cs["started"] == true);
    CHECK(cs["image"] == "nginx:latest");
    CHECK(cs["imageID"].get<std::string>().rfind("docker-pullable://nginx@sha256:", 0) == 0);
    std::string id = cs["containerID"];
    CHECK(id.size() == std::string("docker://").size() + 64);
    CHECK(cs["volumeMounts"][0]["mountPath"] == "/var/run/secrets/kubernetes.io/serviceaccount");
    CHECK(cs["volumeMounts"][0]["readOnly"] == true);
    CHECK(cs["volumeMounts"][0]["recursiveReadOnly"] == "Disabled");
    CHECK(f.condition("nginx", "Ready")["status"] == "True");
    CHECK(f.condition("nginx", "Ready")["lastTransitionTime"] == "2025-01-15T10:00:09Z");
    CHECK(f.condition("nginx", "PodReadyToStartContainers")["status"] == "True");
    CHECK(f.condition("nginx", "Initialized")["lastTransitionTime"] == "2025-01-15T10:00:05Z");

    CHECK(eventsFor(f.c, "nginx") == std::vector<std::string>{
                                         "Pulling: Pulling image \"nginx\"",
                                         "Pulled: Successfully pulled image \"nginx\" in 3.499s (3.499s including "
                                         "waiting). Image size: 191998640 bytes.",
                                         "Created: Created container nginx",
                                         "Started: Started container nginx",
                                     });
    for (const ObjectPtr& e : f.c.store().list("events", "default"))
        if (stringAt(*e, "involvedObject.name") == "nginx")
            CHECK(stringAt(*e, "involvedObject.fieldPath") == "spec.containers{nginx}");

    // The image is now on the node: a tagged reference starts without a pull, and the
    // next pod gets the next address.
    f.create(podOn("web", "minikube", Json::array({container("web", "nginx:latest", {{"imagePullPolicy", "IfNotPresent"}})})));
    f.c.advance(Duration::seconds(1));
    CHECK(f.pod("web")["status"]["phase"] == "Running");
    CHECK(f.pod("web")["status"]["podIP"] == "10.244.0.3");
    CHECK(eventsFor(f.c, "web") == std::vector<std::string>{
                                       "Pulled: Container image \"nginx:latest\" already present on machine",
                                       "Created: Created container web",
                                       "Started: Started container web",
                                   });
}

TEST_CASE("a missing tag gives ErrImagePull, then ImagePullBackOff with back-off 10, 20, 40 ... 300 s", "[kubelet]") {
    Fixture f;
    f.create(podOn("bad", "minikube", Json::array({container("app", "nginx:nope")})));
    const Time t0 = f.c.now();

    f.c.advance(Duration::millis(1900));
    Json w = f.containerStatus("bad")["state"]["waiting"];
    CHECK(w == Json{{"reason", "ErrImagePull"},
                    {"message", "Error response from daemon: manifest for nginx:nope not found: manifest unknown: "
                                "manifest unknown"}});
    CHECK(f.pod("bad")["status"]["phase"] == "Pending");
    f.c.advance(Duration::seconds(10));
    w = f.containerStatus("bad")["state"]["waiting"];
    CHECK(w == Json{{"reason", "ImagePullBackOff"}, {"message", "Back-off pulling image \"nginx:nope\""}});

    // Pull attempts: watch the Pulling event's count every 100 ms (from +11.9 s on, when the
    // second pull starts).
    std::vector<int64_t> pullTimes = {1000};  // the first one, after the 1 s sandbox
    int64_t lastCount = 1;
    for (bool first = true; f.c.now() - t0 < Duration::seconds(700); first = false) {
        if (!first)
            f.c.advance(Duration::millis(100));
        for (const ObjectPtr& e : f.c.store().list("events", "default")) {
            if (stringAt(*e, "involvedObject.name") != "bad" || stringAt(*e, "reason") != "Pulling")
                continue;
            if (intAt(*e, "count") != lastCount) {
                lastCount = intAt(*e, "count");
                pullTimes.push_back((f.c.now() - t0).ms);
            }
        }
    }
    // Each failed pull takes 0.9 s; then 10, 20, 40, 80, 160 s and 300 s (the cap) of back-off.
    // A failed sync is retried every 10 s; each retry inside a window is a BackOff event. The
    // first one is at +1.9 s: the new sandbox's PLEG event syncs the pod again right after the
    // failed pull (which is why ImagePullBackOff shows at once).
    std::vector<int64_t> expected = {1000, 11900, 32800, 73700, 154600, 315500, 616400};
    CHECK(pullTimes == expected);

    auto events = eventsFor(f.c, "bad");
    CHECK(events == std::vector<std::string>{
                        "Pulling: Pulling image \"nginx:nope\" (x7)",
                        "Failed: Failed to pull image \"nginx:nope\": Error response from daemon: manifest for nginx:nope "
                        "not found: manifest unknown: manifest unknown (x7)",
                        "Failed: Error: ErrImagePull (x7)",
                        "BackOff: Back-off pulling image \"nginx:nope\" (x64)",
                        "Failed: Error: ImagePullBackOff (x64)",
                    });
}

TEST_CASE("unknown repositories and malformed names fail the way Docker and the kubelet report them", "[kubelet]") {
    Fixture f;
    f.create(podOn("nosuch", "minikube", Json::array({container("app", "nosuchimage")})));
    f.create(podOn("upper", "minikube", Json::array({container("app", "Nginx")})));
    f.c.advance(Duration::seconds(3));
    CHECK(f.containerStatus("nosuch")["state"]["waiting"]["message"] ==
          "Error response from daemon: pull access denied for nosuchimage, repository does not exist or may require "
          "'docker login': denied: requested access to the resource is denied");
    CHECK(f.containerStatus("upper")["state"]["waiting"] ==
          Json{{"reason", "InvalidImageName"},
               {"message", "Failed to apply default image tag \"Nginx\": couldn't parse image name \"Nginx\": invalid "
                           "reference format: repository name (library/Nginx) must be lowercase"}});
    CHECK(eventsFor(f.c, "upper") ==
          std::vector<std::string>{"InspectFailed: Failed to apply default image tag \"Nginx\": couldn't parse image name "
                                   "\"Nginx\": invalid reference format: repository name (library/Nginx) must be lowercase (x2)",
                                   "Failed: Error: InvalidImageName (x2)"});
}

TEST_CASE("a crashing container restarts after 10, 20, 40 s and shows CrashLoopBackOff", "[kubelet]") {
    Fixture f;
    Json created = f.create(podOn("crash", "minikube",
                                  Json::array({container("app", "busybox:1.36", {{"command", {"sh", "-c", "exit 1"}}})})));
    const std::string uid = created["metadata"]["uid"];
    const Time t0 = f.c.now();
    // Sandbox 1 s, busybox pulled in 371 ms: the first run starts (and ends) at +1.371 s and
    // is restarted at once; the second run ends at once too and the 10 s back-off begins. The
    // status a sync writes is the one it starts from: the second run shows as terminated.
    f.c.advance(Duration::millis(1371));
    Json cs = f.containerStatus("crash");
    CHECK(cs["restartCount"] == 1);
    CHECK(cs["state"]["terminated"]["reason"] == "Error");
    CHECK(cs["state"]["terminated"]["exitCode"] == 1);
    CHECK(cs["lastState"]["terminated"]["exitCode"] == 1);
    CHECK(f.pod("crash")["status"]["phase"] == "Running");

    std::vector<int64_t> restarts;
    std::vector<std::string> messages;
    int64_t last = 1;
    while (f.c.now() - t0 < Duration::seconds(200)) {
        f.c.advance(Duration::millis(500));
        Json s = f.containerStatus("crash");
        if (s["restartCount"] != last) {
            last = s["restartCount"];
            restarts.push_back((f.c.now() - t0).ms);
        }
        if (s["state"].contains("waiting")) {
            std::string m = s["state"]["waiting"]["message"];
            if (messages.empty() || messages.back() != m)
                messages.push_back(m);
        }
    }
    // Each restart comes exactly when the back-off window since the last exit closes (the
    // 10 s sync retries land on it); polling every 500 ms from +1.371 s sees it at once.
    CHECK(restarts == std::vector<int64_t>{11371, 31371, 71371, 151371});
    const std::string podDesc = "crash_default(" + uid + ")";
    // The retry at +11.371 s writes "back-off 10s" and restarts in the same instant (polling
    // cannot see it); the longer windows have retries in between that show their message.
    CHECK(messages == std::vector<std::string>{"back-off 20s restarting failed container=app pod=" + podDesc,
                                               "back-off 40s restarting failed container=app pod=" + podDesc,
                                               "back-off 1m20s restarting failed container=app pod=" + podDesc,
                                               "back-off 2m40s restarting failed container=app pod=" + podDesc});
    CHECK(f.waitingReason("crash") == "CrashLoopBackOff");
    auto events = eventsFor(f.c, "crash");
    // A BackOff for every sync inside a window: 1 (10 s), 2 (20 s), 4 (40 s), 8 (80 s) and 5 of
    // the 160 s window by +200 s.
    CHECK(std::find(events.begin(), events.end(),
                    "BackOff: Back-off restarting failed container app in pod " + podDesc + " (x20)") != events.end());
}

TEST_CASE("a command that exits 0 with restartPolicy Never completes the pod", "[kubelet]") {
    Fixture f;
    f.create(podOn("job", "minikube",
                   Json::array({container("main", "busybox:1.36", {{"command", {"sh", "-c", "echo hello; sleep 2"}}})}),
                   {{"restartPolicy", "Never"}}));
    f.c.advance(Duration::millis(1371));
    CHECK(f.pod("job")["status"]["phase"] == "Running");
    f.c.advance(Duration::seconds(2));
    Json p = f.pod("job");
    CHECK(p["status"]["phase"] == "Succeeded");
    Json t = f.containerStatus("job")["state"]["terminated"];
    CHECK(t["reason"] == "Completed");
    CHECK(t["exitCode"] == 0);
    CHECK(t["startedAt"] == "2025-01-15T10:00:06Z");
    CHECK(t["finishedAt"] == "2025-01-15T10:00:08Z");
    CHECK(f.condition("job", "PodReadyToStartContainers")["status"] == "False");
    CHECK(f.condition("job", "Initialized") == Json{{"type", "Initialized"},
                                                    {"status", "True"},
                                                    {"reason", "PodCompleted"},
                                                    {"lastProbeTime", nullptr},
                                                    // True before and after: the transition time stays.
                                                    {"lastTransitionTime", "2025-01-15T10:00:05Z"}});
    CHECK(f.condition("job", "Ready")["reason"] == "PodCompleted");
    CHECK(f.condition("job", "ContainersReady")["reason"] == "PodCompleted");
    CHECK(p["status"]["podIP"] == "10.244.0.2");  // kept after the sandbox is gone
    kubelet::LogsResult logs = f.k.logs("default", "job", "", false);
    REQUIRE(logs.status.ok());
    REQUIRE(logs.lines.size() == 1);
    CHECK(logs.lines[0].line == "hello");
    CHECK(logs.lines[0].stream == "stdout");
}

TEST_CASE("restartPolicy OnFailure restarts a failing container and stops after success", "[kubelet]") {
    Fixture f;
    f.create(podOn("fail", "minikube",
                   Json::array({container("main", "busybox:1.36", {{"command", {"sh", "-c", "sleep 1; exit 3"}}})}),
                   {{"restartPolicy", "OnFailure"}}));
    f.create(podOn("ok", "minikube",
                   Json::array({container("main", "busybox:1.36", {{"command", {"sh", "-c", "sleep 1; exit 0"}}})}),
                   {{"restartPolicy", "OnFailure"}}));
    f.c.advance(Duration::seconds(30));
    CHECK(f.pod("fail")["status"]["phase"] == "Running");
    CHECK(f.containerStatus("fail")["restartCount"].get<int>() >= 2);
    CHECK(f.containerStatus("fail")["lastState"]["terminated"]["exitCode"] == 3);
    CHECK(f.pod("ok")["status"]["phase"] == "Succeeded");
    CHECK(f.containerStatus("ok")["restartCount"] == 0);
}

TEST_CASE("init containers run one after the other before the containers", "[kubelet]") {
    Fixture f;
    Json inits = Json::array({container("init-a", "busybox:1.36", {{"command", {"sh", "-c", "sleep 5"}}}),
                              container("init-b", "busybox:1.36", {{"command", {"sh", "-c", "sleep 5"}}})});
    f.create(podOn("app", "minikube", Json::array({container("main", "nginx:1.25")}), {{"initContainers", inits}}));
    f.c.advance(Duration::seconds(2));
    Json p = f.pod("app");
    CHECK(p["status"]["phase"] == "Pending");
    CHECK(p["status"]["initContainerStatuses"][0]["state"].contains("running"));
    CHECK(p["status"]["initContainerStatuses"][1]["state"] == Json{{"waiting", {{"reason", "PodInitializing"}}}});
    CHECK(p["status"]["containerStatuses"][0]["state"] == Json{{"waiting", {{"reason", "PodInitializing"}}}});
    CHECK(f.condition("app", "Initialized")["reason"] == "ContainersNotInitialized");
    CHECK(f.condition("app", "Initialized")["message"] == "containers with incomplete status: [init-a init-b]");

    f.c.advance(Duration::seconds(5));  // init-a done at +6.371, init-b runs
    p = f.pod("app");
    CHECK(p["status"]["initContainerStatuses"][0]["state"]["terminated"]["reason"] == "Completed");
    CHECK(p["status"]["initContainerStatuses"][0]["ready"] == true);
    CHECK(p["status"]["initContainerStatuses"][1]["state"].contains("running"));
    CHECK(f.condition("app", "Initialized")["message"] == "containers with incomplete status: [init-b]");

    f.c.advance(Duration::seconds(10));
    p = f.pod("app");
    CHECK(p["status"]["phase"] == "Running");
    CHECK(f.condition("app", "Initialized")["status"] == "True");
    CHECK(p["status"]["containerStatuses"][0]["state"].contains("running"));
}

TEST_CASE("a missing ConfigMap gives CreateContainerConfigError until it is created", "[kubelet]") {
    Fixture f;
    Json env = Json::array({{{"name", "COLOR"}, {"valueFrom", {{"configMapKeyRef", {{"name", "cfg"}, {"key", "color"}}}}}}});
    f.create(podOn("cfg-pod", "minikube", Json::array({container("app", "nginx:1.25", {{"env", env}})})));
    f.c.advance(Duration::seconds(6));
    CHECK(f.containerStatus("cfg-pod")["state"]["waiting"] ==
          Json{{"reason", "CreateContainerConfigError"}, {"message", "configmap \"cfg\" not found"}});
    auto events = eventsFor(f.c, "cfg-pod");
    // Twice by +6 s: the sync after the pull, and the one right after it that the new sandbox's
    // PLEG event causes.
    CHECK(std::find(events.begin(), events.end(), "Failed: Error: configmap \"cfg\" not found (x2)") != events.end());

    // The failed sync is retried every 10 s (+14.4 s, +24.4 s, ...) and a sync writes the status
    // it starts from: the new error shows from the retry after the one that met it.
    f.client.create(Json{{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "cfg"}}}, {"data", {{"k", "v"}}}});
    f.c.advance(Duration::seconds(10));
    CHECK(f.containerStatus("cfg-pod")["state"]["waiting"]["message"] == "configmap \"cfg\" not found");
    f.c.advance(Duration::seconds(10));
    CHECK(f.containerStatus("cfg-pod")["state"]["waiting"]["message"] == "couldn't find key color in ConfigMap default/cfg");

    Json cm = *f.c.store().get("configmaps", "default", "cfg");
    cm["data"]["color"] = "blue";
    f.client.update(cm);
    f.c.advance(Duration::seconds(10));
    CHECK(f.containerStatus("cfg-pod")["state"].contains("running"));
    runtime::Process* proc = f.k.process("default", "cfg-pod", "app");
    REQUIRE(proc);
    std::string out, err;
    CHECK(proc->exec({"printenv", "COLOR"}, f.c.now(), out, err) == 0);
    CHECK(out == "blue\n");
}

TEST_CASE("a readiness probe gates the Ready condition", "[kubelet]") {
    Fixture f;
    Json probe = {{"httpGet", {{"path", "/"}, {"port", 80}}}, {"initialDelaySeconds", 5}, {"periodSeconds", 10}};
    Json bad = {{"httpGet", {{"path", "/healthz"}, {"port", 80}}}, {"periodSeconds", 10}};
    f.create(podOn("ready", "minikube", Json::array({container("web", "nginx:1.25", {{"readinessProbe", probe}})})));
    f.create(podOn("never", "minikube", Json::array({container("web", "nginx:1.25", {{"readinessProbe", bad}})})));
    // nginx:1.25 is pulled at +1 s and runs from +4.428 s (the second pod waits for the same
    // pull); probes tick every 10 s from admission: the first one past the 5 s delay is at +10 s.
    f.c.advance(Duration::seconds(9));
    CHECK(f.pod("ready")["status"]["phase"] == "Running");
    CHECK(f.containerStatus("ready")["ready"] == false);
    CHECK(f.condition("ready", "Ready")["message"] == "containers with unready status: [web]");
    f.c.advance(Duration::seconds(1));
    CHECK(f.containerStatus("ready")["ready"] == true);
    CHECK(f.condition("ready", "Ready")["status"] == "True");
    CHECK(f.condition("ready", "Ready")["lastTransitionTime"] == "2025-01-15T10:00:15Z");

    // "never" runs before +10 s; its probe fails on every tick: +10, +20, +30 and +40 s, and
    // every failure is an event (failureThreshold only decides when the result flips).
    f.c.advance(Duration::seconds(30));
    CHECK(f.containerStatus("never")["ready"] == false);
    auto events = eventsFor(f.c, "never");
    CHECK(events.back() == "Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 404 (x4)");
}

TEST_CASE("a failing liveness probe restarts the container", "[kubelet]") {
    // The Kubernetes documentation's liveness-exec example.
    Fixture f;
    Json probe = {{"exec", {{"command", {"cat", "/tmp/healthy"}}}}, {"initialDelaySeconds", 5}, {"periodSeconds", 5}};
    Json args = {"/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"};
    f.create(podOn("liveness-exec", "minikube",
                   Json::array({container("liveness", "busybox:1.36", {{"args", args}, {"livenessProbe", probe}})})));
    f.c.advance(Duration::seconds(30));
    CHECK(f.containerStatus("liveness-exec")["restartCount"] == 0);
    // The file goes at +31.371 s; probes at +35, +40, +45 fail; the third kills the container.
    f.c.advance(Duration::seconds(15));
    auto events = eventsFor(f.c, "liveness-exec");
    CHECK(std::find(events.begin(), events.end(),
                    "Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n (x3)") !=
          events.end());
    CHECK(std::find(events.begin(), events.end(),
                    "Killing: Container liveness failed liveness probe, will be restarted") != events.end());
    // busybox's shell ignores SIGTERM: it dies at the end of the 30 s grace period, then restarts.
    f.c.advance(Duration::seconds(29));
    CHECK(f.containerStatus("liveness-exec")["restartCount"] == 0);
    f.c.advance(Duration::seconds(1));
    Json cs = f.containerStatus("liveness-exec");
    CHECK(cs["restartCount"] == 1);
    CHECK(cs["lastState"]["terminated"]["exitCode"] == 137);
    CHECK(cs["state"].contains("running"));
}

TEST_CASE("deleting a pod stops its containers gracefully, then the kubelet removes it", "[kubelet]") {
    Fixture f;
    f.create(podOn("web", "minikube", Json::array({container("nginx", "nginx:1.25")})));
    f.create(podOn("sleeper", "minikube",
                   Json::array({container("main", "busybox:1.36", {{"command", {"sleep", "3600"}}})})));
    f.c.advance(Duration::seconds(10));
    REQUIRE(f.pod("web")["status"]["phase"] == "Running");
    REQUIRE(f.pod("sleeper")["status"]["phase"] == "Running");

    const Time t = f.c.now();
    ApiResponse r = f.client.remove(f.client.resource("pods"), "default", "web");
    REQUIRE(r.ok());
    CHECK(r.object["metadata"]["deletionTimestamp"] == formatRFC3339(t + Duration::seconds(30)));
    f.client.remove(f.client.resource("pods"), "default", "sleeper");
    f.c.runUntilIdle();
    // nginx stops on SIGTERM at once: the pod is gone.
    CHECK(!f.c.store().get("pods", "default", "web"));
    auto events = eventsFor(f.c, "web");
    CHECK(events.back() == "Killing: Stopping container nginx");
    // sleep ignores SIGTERM: the pod stays Terminating for the whole grace period.
    f.c.advance(Duration::seconds(29));
    REQUIRE(f.c.store().get("pods", "default", "sleeper"));
    f.c.advance(Duration::seconds(1));
    CHECK(!f.c.store().get("pods", "default", "sleeper"));

    // The final status was written before the deletion: phase and exit codes.
    bool sawFinal = false;
    for (const LogRecord& rec : f.c.eventLog().records())
        if (rec.name == "sleeper" && rec.resource == "pods" && rec.detail == "status")
            sawFinal = true;
    CHECK(sawFinal);
}

TEST_CASE("kubectl logs reads the current and the previous run", "[kubelet]") {
    Fixture f;
    f.create(podOn("counter", "minikube",
                   Json::array({container("count", "busybox:1.36",
                                          {{"args", {"/bin/sh", "-c",
                                                     "i=0; while true; do echo \"$i: $(date)\"; i=$((i+1)); sleep 1; done"}}})})));
    f.create(podOn("web", "minikube", Json::array({container("nginx", "nginx:1.27")})));
    kubelet::LogsResult early = f.k.logs("default", "counter", "count", false);
    CHECK(early.status.reason() == "BadRequest");
    CHECK(early.status.message() == "container \"count\" in pod \"counter\" is waiting to start: ContainerCreating");
    f.c.advance(Duration::seconds(4));
    kubelet::LogsResult logs = f.k.logs("default", "counter", "count", false);
    REQUIRE(logs.status.ok());
    REQUIRE(logs.lines.size() == 3);
    CHECK(logs.lines[0].line == "0: Wed Jan 15 10:00:06 UTC 2025");
    CHECK(logs.lines[2].line == "2: Wed Jan 15 10:00:08 UTC 2025");
    kubelet::LogsResult prev = f.k.logs("default", "counter", "count", true);
    CHECK(prev.status.message() == "previous terminated container \"count\" in pod \"counter\" not found");

    f.c.advance(Duration::seconds(5));
    kubelet::LogsResult web = f.k.logs("default", "web", "", false);
    REQUIRE(web.status.ok());
    REQUIRE(web.lines.size() == 17);
    CHECK(web.lines[0].line == "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration");
    CHECK(web.lines[10].line == "2025/01/15 10:00:09 [notice] 1#1: nginx/1.27.3");
    CHECK(web.lines[10].stream == "stderr");
}

TEST_CASE("a sidecar starts before the main container and keeps running", "[kubelet]") {
    Fixture f;
    Json sidecar = container("logshipper", "busybox:1.36",
                             {{"restartPolicy", "Always"}, {"command", {"sh", "-c", "tail -F /opt/logs.txt"}}});
    f.create(podOn("with-sidecar", "minikube", Json::array({container("app", "nginx:1.25")}),
                   {{"initContainers", Json::array({sidecar})}}));
    f.c.advance(Duration::seconds(10));
    Json p = f.pod("with-sidecar");
    CHECK(p["status"]["phase"] == "Running");
    CHECK(p["status"]["initContainerStatuses"][0]["state"].contains("running"));
    CHECK(p["status"]["initContainerStatuses"][0]["ready"] == true);
    CHECK(p["status"]["initContainerStatuses"][0]["started"] == true);
    CHECK(p["status"]["containerStatuses"][0]["state"].contains("running"));
    CHECK(f.condition("with-sidecar", "Ready")["status"] == "True");
    CHECK(f.condition("with-sidecar", "Initialized")["status"] == "True");
}

TEST_CASE("a stopped kubelet does no pod work until it runs again", "[kubelet]") {
    Fixture f;
    f.k.setRunning("minikube", false);
    f.create(podOn("late", "minikube", Json::array({container("nginx", "nginx:1.25")})));
    f.c.advance(Duration::seconds(60));
    CHECK(!f.pod("late")["status"].contains("containerStatuses"));
    f.k.setRunning("minikube", true);
    f.c.advance(Duration::seconds(10));
    CHECK(f.pod("late")["status"]["phase"] == "Running");
}
