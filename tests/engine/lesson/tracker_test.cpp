// A learner in a lesson: steps complete when their goals hold, whatever was typed to get there.
#include <catch2/catch.hpp>

#include "laptop.h"
#include "lesson/catalog.h"
#include "lesson/tracker.h"

using namespace kp;
using namespace kp::lesson;

namespace {

struct Learner : test::Laptop {
    Learner() : tracker(cluster, files) {}
    int type(const std::string& line) {
        cli::CommandResult r = shell.run(line);
        tracker.record(line, r.terminalText());
        return tracker.poll();
    }
    Tracker tracker;
};

}  // namespace

TEST_CASE("the quick start advances on goals, not on exact commands", "[lesson][tracker]") {
    Learner l;
    l.tracker.start(catalog().find("quick-start"));
    CHECK(l.tracker.poll() == 0);
    CHECK(l.tracker.stepIndex() == 0);
    CHECK(l.type("minikube version") == 0);  // not the help text
    CHECK(l.type("minikube --help") == 1);   // the same text by another spelling
    CHECK(l.tracker.stepIndex() == 1);
    // A plain `minikube start` starts the machine too: the goal is the state, not the flags.
    CHECK(l.type("minikube start") == 1);
    CHECK(l.tracker.lastCheck().description.find("kubernetes-dashboard") != std::string::npos);
    CHECK_FALSE(l.tracker.lastCheck().holds);
    l.type("minikube addons enable dashboard");
    l.cluster.advance(Duration::seconds(20));
    CHECK(l.tracker.poll() == 1);  // the dashboard's pod runs: time alone completed the step
    Json state = l.tracker.state();
    CHECK(state["lesson"] == "quick-start");
    CHECK(state["step"] == 3);
    CHECK(state["completed"] == Json({"verify", "start", "dashboard"}));
    CHECK(state["finished"] == false);
}

TEST_CASE("skipping and going back start the step's transcript afresh", "[lesson][tracker]") {
    Learner l;
    l.tracker.start(catalog().find("quick-start"));
    l.type("minikube help");
    CHECK(l.tracker.stepIndex() == 1);
    l.tracker.goTo(0);
    CHECK(l.tracker.poll() == 0);  // the help was printed before the step began again
    l.tracker.goTo(99);
    CHECK(l.tracker.finished());
    l.tracker.start(nullptr);
    CHECK(l.tracker.poll() == 0);
    CHECK(l.tracker.state()["lesson"] == "");
}
