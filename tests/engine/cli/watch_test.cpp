// watch(1) in the learner's terminal: a refreshed screen every -n seconds of virtual time, under
// procps-ng's header, until Ctrl+C restores the screen; procps-ng 4.0's texts for bad command lines.
#include <catch2/catch.hpp>

#include "laptop.h"

using namespace kp;

TEST_CASE("watch reruns a command on a fresh screen until Ctrl+C", "[shell]") {
    test::Laptop laptop;
    REQUIRE(laptop.shell.run("minikube start").exitCode == 0);
    laptop.shell.setInteractive(true);
    cli::CommandResult first = laptop.shell.run("watch -n 5 kubectl get pods");
    REQUIRE(laptop.shell.busy());
    // The alternate screen, cleared; the header with the interval, the command and the clock.
    CHECK(first.out.rfind("\x1b[?1049h\x1b[H\x1b[2JEvery 5.0s: kubectl get pods", 0) == 0);
    CHECK(first.out.find("kubeplay: Wed Jan 15 10:00:") != std::string::npos);
    CHECK(first.out.find("\n\nNo resources found in default namespace.\n") != std::string::npos);
    // Nothing new until the interval has passed.
    laptop.cluster.advance(Duration::seconds(4));
    CHECK(laptop.shell.poll().out.empty());
    // Meanwhile a Deployment (the page's second tab, or the map's buttons) makes a pod.
    laptop.cluster.client("kubectl").create(Json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"web","namespace":"default"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
        "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}}})"));
    laptop.cluster.advance(Duration::seconds(6));
    const std::string second = laptop.shell.poll().out;
    CHECK(second.rfind("\x1b[H\x1b[2JEvery 5.0s: kubectl get pods", 0) == 0);
    CHECK(second.find("web-") != std::string::npos);
    // Ctrl+C leaves the alternate screen.
    CHECK(laptop.shell.interrupt() == "\x1b[?1049l");
    CHECK_FALSE(laptop.shell.busy());
}

TEST_CASE("watch answers bad command lines as procps-ng does", "[shell]") {
    test::Laptop laptop;
    cli::CommandResult none = laptop.shell.run("watch");
    CHECK(none.exitCode == 1);
    CHECK(none.err.rfind("\nUsage:\n watch [options] command\n", 0) == 0);
    CHECK(laptop.shell.run("watch -n x ls").err == "watch: failed to parse argument: 'x': Invalid argument\n");
    CHECK(laptop.shell.run("watch -z ls").err.rfind("watch: invalid option -- 'z'\n\nUsage:", 0) == 0);
    CHECK(laptop.shell.run("watch --version").out == "watch from procps-ng 4.0.2\n");
    // -t: no header, the output alone.
    laptop.shell.setInteractive(true);
    CHECK(laptop.shell.run("watch -t echo hi").out == "\x1b[?1049h\x1b[H\x1b[2Jhi\n");
    laptop.shell.interrupt();
}
