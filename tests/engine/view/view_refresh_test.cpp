// view::refresh() re-reads only what the API wrote since the previous view: after each step of a
// busy session its view must equal a fresh snapshot (same JSON), whether it took the
// incremental path or fell back to a whole rebuild.
#include <catch2/catch.hpp>

#include "laptop.h"
#include "view/cluster_view.h"

using namespace kp;

TEST_CASE("refreshing the view from the previous one equals a fresh snapshot", "[view]") {
    test::Laptop laptop;
    REQUIRE(laptop.shell.run("minikube start --nodes=2").exitCode == 0);
    view::ClusterView shown = view::snapshot(laptop.cluster);
    const char* steps[] = {
        "kubectl create deployment web --image=nginx --replicas=3",
        "sleep 5",
        "kubectl scale deployment web --replicas=5",
        "sleep 2",
        "kubectl label pods -l app=web tier=front",
        "kubectl delete pod -l app=web --wait=false",
        "sleep 3",
        "kubectl cordon minikube-m02",
        "kubectl set image deployment/web nginx=nginx:nope",
        "sleep 10",
        "kubectl run crash --image=busybox -- false",
        "sleep 30",
        "kubectl rollout undo deployment/web",
        "sleep 10",
        "kubectl expose deployment web --port=80",
        "kubectl run big --image=nginx --overrides={\"spec\":{\"containers\":[{\"name\":\"big\",\"image\":\"nginx\",\"resources\":{\"requests\":{\"cpu\":\"64\"}}}]}}",
        "sleep 1",
        "kubectl uncordon minikube-m02",
        "kubectl delete deployment web",
        "sleep 5",
        "minikube node add",
        "sleep 5",
        "kubectl delete pod crash big --now",
        "sleep 1",
    };
    int incremental = 0;
    for (const char* step : steps) {
        laptop.shell.run(step);
        bool rebuilt = true;
        shown = view::refresh(laptop.cluster, std::move(shown), &rebuilt);
        incremental += rebuilt ? 0 : 1;
        const view::ClusterView fresh = view::snapshot(laptop.cluster);
        INFO(step);
        CHECK(view::toJson(shown) == view::toJson(fresh));
    }
    CHECK(shown.podCount() > 8);
    // Most steps write a few pods: those refreshes re-read only them. Deleting the Deployment
    // and adding a node change more than pods, and fall back to a whole rebuild.
    CHECK(incremental >= 16);
}

TEST_CASE("a view refreshed with nothing written stays the same", "[view]") {
    test::Laptop laptop;
    REQUIRE(laptop.shell.run("minikube start").exitCode == 0);
    const view::ClusterView first = view::snapshot(laptop.cluster);
    bool rebuilt = true;
    const view::ClusterView again = view::refresh(laptop.cluster, first, &rebuilt);
    CHECK_FALSE(rebuilt);
    CHECK(view::toJson(again) == view::toJson(first));
}
