// The page's laptop: terminal tabs over one cluster, and the journal that rebuilds it. Replaying
// the journal of a session into a fresh laptop must give the same cluster, the same event log
// and the same terminal text: that is what reload, undo and share links stand on.
#include <catch2/catch.hpp>

#include <map>

#include "cli/laptop.h"
#include "cli/manifest_export.h"
#include "laptop.h"

using namespace kp;

namespace {

struct Session {
    cli::Laptop laptop{test::laptopConfig()};
    std::map<int, std::string> screens;  // what each tab showed

    void type(int tab, const std::string& line) {
        const std::string prompt = laptop.terminal(tab).prompt();
        cli::CommandResult r = laptop.run(tab, line);
        std::string echoed;
        size_t start = 0;
        while (start <= line.size()) {
            size_t end = line.find('\n', start);
            if (end == std::string::npos)
                end = line.size();
            echoed += (start == 0 ? prompt : "> ") + line.substr(start, end - start) + "\n";
            start = end + 1;
        }
        screens[tab] += echoed + r.terminalText();
        pollAll();
    }
    void ctrlC(int tab) {
        if (!laptop.terminal(tab).busy())
            return;
        screens[tab] += "^C\n" + laptop.interrupt(tab);
    }
    // Wall time at 60 frames a second, as the page's clock moves it.
    void wait(int seconds) {
        for (int frame = 0; frame < seconds * 60; ++frame) {
            laptop.advance(Duration::millis(frame % 3 == 0 ? 16 : 17));
            pollAll();
        }
    }
    void pollAll() {
        for (int tab = 0; tab < 2; ++tab) {
            std::string out = laptop.poll(tab).out;
            if (!out.empty())
                screens[tab] += out;
        }
    }
    std::string state() { return laptop.cluster().store().snapshot().dump(); }
};

}  // namespace

TEST_CASE("replaying a session's journal rebuilds the cluster, the event log and the terminals", "[laptop]") {
    Session live;
    live.type(0, "minikube start");
    live.type(1, "kubectl get pods -w");
    live.type(0, "kubectl create deployment web --image=nginx --replicas=2");
    live.wait(3);
    live.type(0, "kubectl expose deployment web --type=LoadBalancer --port=80");
    live.ctrlC(1);
    live.type(1, "minikube tunnel");
    live.wait(6);
    live.type(0, "cat <<EOF > notes.txt\nhello\nEOF");
    live.type(0, "export GREETING=hi");
    live.wait(1);

    const Json journal = live.laptop.journal();
    // The frames between two commands are one entry.
    CHECK(journal["entries"].size() == 11);
    CHECK(journal.dump().size() < 1000);

    cli::Laptop replayed{test::laptopConfig()};
    std::map<int, std::string> screens;
    REQUIRE(replayed.replay(journal, [&](int tab, const std::string& text) { screens[tab] += text; }));
    CHECK(replayed.cluster().now() == live.laptop.cluster().now());
    CHECK(replayed.cluster().eventLog().hash() == live.laptop.cluster().eventLog().hash());
    CHECK(replayed.cluster().store().snapshot().dump() == live.state());
    CHECK(screens == live.screens);
    CHECK(replayed.files().readFile("notes.txt") == std::optional<std::string>("hello\n"));
    CHECK(replayed.terminal(0).variable("GREETING") == "hi");
    CHECK(replayed.terminal(1).busy());  // the tunnel still runs
    CHECK(screens[1].find("services: [web]") != std::string::npos);
    CHECK(screens[1].find("web-") != std::string::npos);  // the watch saw the pods
    CHECK(replayed.journal() == journal);
}

TEST_CASE("undo: the journal before the last command", "[laptop]") {
    Session live;
    CHECK(live.laptop.journalBeforeLastCommand().is_null());
    live.type(0, "minikube start");
    live.wait(1);
    live.type(0, "kubectl create namespace oops");
    live.wait(1);
    const Json before = live.laptop.journalBeforeLastCommand();
    REQUIRE(before.is_object());
    cli::Laptop undone{test::laptopConfig()};
    REQUIRE(undone.replay(before));
    CHECK(undone.cluster().store().get("namespaces", "", "oops") == nullptr);
    CHECK(undone.cluster().store().get("namespaces", "", "default") != nullptr);
}

TEST_CASE("replaying up to a moment gives the cluster the live session had then", "[laptop][scrub]") {
    // The timeline's scrub: what the map shows at T must be what the learner saw at T.
    struct Moment {
        Time at;
        std::string store;
        uint64_t logHash;
        std::map<int, std::string> screens;
    };
    Session live;
    std::vector<Moment> moments;
    auto remember = [&] {
        const Cluster& c = live.laptop.cluster();
        moments.push_back({c.now(), live.state(), c.eventLog().hash(), live.screens});
    };
    // Each moment is taken just before time passes: commands typed at T belong to T.
    live.type(0, "minikube start");
    remember();
    live.wait(2);
    live.type(1, "kubectl get pods -w");
    live.type(0, "kubectl create deployment web --image=nginx --replicas=3");
    remember();  // pods Pending
    live.wait(1);
    remember();  // half-way through the frames of one journal entry
    live.wait(3);
    live.type(0, "kubectl set image deployment/web nginx=nginx:1.27");
    live.wait(1);
    remember();  // the rollout under way
    live.wait(2);
    live.ctrlC(1);
    live.wait(5);
    remember();
    const Json journal = live.laptop.journal();
    REQUIRE(moments.size() == 5);

    SECTION("a fresh laptop for each moment") {
        for (const Moment& m : moments) {
            INFO("moment at " << formatRFC3339Micro(m.at));
            cli::Laptop past{test::laptopConfig()};
            std::map<int, std::string> screens;
            REQUIRE(past.replayUntil(journal, m.at, [&](int tab, const std::string& text) { screens[tab] += text; }));
            CHECK(past.cluster().now() == m.at);
            CHECK(past.cluster().store().snapshot().dump() == m.store);
            CHECK(past.cluster().eventLog().hash() == m.logHash);
            CHECK(screens == m.screens);
        }
    }
    SECTION("one laptop stepping forward carries on where it stopped") {
        cli::Laptop past{test::laptopConfig()};
        for (const Moment& m : moments) {
            REQUIRE(past.replayUntil(journal, m.at));
            CHECK(past.cluster().now() == m.at);
            CHECK(past.cluster().store().snapshot().dump() == m.store);
            CHECK(past.cluster().eventLog().hash() == m.logHash);
        }
        // Past the end: the whole journal, as replay() gives it.
        REQUIRE(past.replayUntil(journal, moments.back().at + Duration::hours(1)));
        CHECK(past.cluster().now() == live.laptop.cluster().now());
        CHECK(past.cluster().store().snapshot().dump() == live.state());
        CHECK(past.journal() == journal);
    }
    SECTION("going back, or another journal, needs a fresh laptop") {
        cli::Laptop past{test::laptopConfig()};
        REQUIRE(past.replayUntil(journal, moments[3].at));
        const std::string state = past.cluster().store().snapshot().dump();
        // Back in time: nothing happens (the page replays into a fresh laptop instead).
        CHECK(past.replayUntil(journal, moments[1].at));
        CHECK(past.cluster().now() == moments[3].at);
        Json other = journal;
        other["entries"][1] = Json::array({"advance", 1});
        CHECK_FALSE(past.replayUntil(other, moments[4].at));
        CHECK(past.cluster().store().snapshot().dump() == state);
    }
}

TEST_CASE("a journal that is not one, or from another seed, is refused", "[laptop]") {
    cli::Laptop laptop{test::laptopConfig()};
    CHECK_FALSE(laptop.replay(Json::parse(R"({"entries": []})")));
    CHECK_FALSE(laptop.replay(Json::parse(R"({"kubeplayJournal": 1, "seed": 2, "entries": []})")));
    // Malformed entries are skipped; tabs are capped.
    CHECK(laptop.replay(Json::parse(
        R"({"kubeplayJournal": 1, "seed": 1, "entries": [["run"], [7], ["advance", -5], ["run", 99, "echo hi"], ["interrupt", 0]]})")));
    CHECK(laptop.terminal(7).lastStatus() == 0);
}

TEST_CASE("exported manifests apply unchanged on a fresh cluster", "[laptop][export]") {
    test::Laptop laptop;
    const std::string setup = R"(minikube start
kubectl create namespace shop
kubectl create deployment web --image=nginx:1.27 --replicas=2 -n shop
kubectl expose deployment web --port=80 --type=NodePort -n shop
kubectl create configmap settings --from-literal=mode=dev
kubectl create job once --image=busybox:1.37 -- echo hi
kubectl run solo --image=nginx
cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Service
metadata:
  name: applied
spec:
  selector:
    app: web
  ports:
  - port: 8080
EOF
sleep 20)";
    REQUIRE(laptop.shell.run(setup).exitCode == 0);
    const std::string yaml = cli::exportManifests(laptop.cluster);
    // The learner's objects, and nothing the system made.
    for (const char* wanted : {"name: shop", "kind: Deployment", "kind: ConfigMap", "name: settings", "kind: Job",
                               "name: solo", "name: applied"})
        CHECK_THAT(yaml, Catch::Contains(wanted));
    for (const char* unwanted : {"kind: ReplicaSet", "kind: Endpoints", "kube-root-ca.crt", "name: kubernetes\n",
                                 "kube-system", "resourceVersion", "uid:", "clusterIP:", "nodeName", "status:",
                                 "controller-uid", "job-name", "managedFields", "last-applied-configuration"})
        CHECK_THAT(yaml, !Catch::Contains(unwanted));
    // The Namespace comes before what lives in it.
    CHECK(yaml.find("kind: Namespace") < yaml.find("kind: Deployment"));

    test::Laptop fresh(2);
    REQUIRE(fresh.shell.run("minikube start").exitCode == 0);
    REQUIRE(fresh.files.writeFile("export.yaml", yaml));
    cli::CommandResult r = fresh.shell.run("kubectl apply -f export.yaml");
    INFO(yaml);
    INFO(r.terminalText());
    CHECK(r.exitCode == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find("deployment.apps/web created") != std::string::npos);
    CHECK(r.out.find("job.batch/once created") != std::string::npos);
    fresh.shell.run("sleep 30");
    CHECK(fresh.shell.run("kubectl get deploy web -n shop -o jsonpath={.status.readyReplicas}").out == "2");
}
