// kube-proxy routing: Service VIPs and NodePorts reach ready endpoints, chosen at random with a
// seed; no endpoints means connection refused.
#include <catch2/catch.hpp>

#include "cluster/cluster.h"
#include "network/kube_proxy.h"

using namespace kp;

namespace {

void readyPod(Client& c, const std::string& name, const std::string& ip) {
    Json pod = {{"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata", {{"name", name}, {"labels", {{"app", "hello"}}}}},
                {"spec", {{"nodeName", "minikube"}, {"containers", Json::array({{{"name", "app"}, {"image", "nginx"}}})}}}};
    ApiResponse r = c.create(pod);
    REQUIRE(r.ok());
    Json s = r.object;
    s["status"] = {{"phase", "Running"}, {"podIP", ip}, {"conditions", Json::array({{{"type", "Ready"}, {"status", "True"}}})}};
    REQUIRE(c.updateStatus(s).ok());
}

}  // namespace

TEST_CASE("Traffic to a Service spreads over its ready pods; none means refused", "[network]") {
    Cluster cluster;
    Client c = cluster.client("test");
    REQUIRE(c.create(Json::parse(R"({"apiVersion":"v1","kind":"Node","metadata":{"name":"minikube"},
        "status":{"addresses":[{"type":"InternalIP","address":"192.168.49.2"}]}})")).ok());
    REQUIRE(c.create(Json::parse(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"hello"},
        "spec":{"type":"NodePort","selector":{"app":"hello"},"ports":[{"port":8080,"targetPort":80}]}})")).ok());
    cluster.runUntilIdle();
    Json svc = *cluster.store().get("services", "default", "hello");
    const std::string vip = stringAt(svc, "spec.clusterIP");
    const int64_t nodePort = svc["spec"]["ports"][0]["nodePort"].get<int64_t>();
    network::KubeProxy proxy;

    network::Route none = proxy.route(cluster.store(), {"10.244.0.9", "minikube", vip, 8080}, cluster.rng(), cluster.now());
    CHECK(none.result == network::Route::Result::Refused);

    readyPod(c, "hello-a", "10.244.0.5");
    readyPod(c, "hello-b", "10.244.0.6");
    cluster.runUntilIdle();
    std::map<std::string, int> hits;
    for (int i = 0; i < 200; ++i) {
        network::Route r = proxy.route(cluster.store(), {"10.244.0.9", "minikube", vip, 8080}, cluster.rng(), cluster.now());
        REQUIRE(r.result == network::Route::Result::Pod);
        CHECK(r.podPort == 80);
        ++hits[r.podName];
    }
    CHECK(hits.size() == 2);
    CHECK(hits["hello-a"] > 60);
    CHECK(hits["hello-b"] > 60);

    network::Route viaNode = proxy.route(cluster.store(), {"192.168.49.1", "", "192.168.49.2", nodePort}, cluster.rng(), cluster.now());
    CHECK(viaNode.result == network::Route::Result::Pod);
    CHECK(viaNode.how == "NodePort");
    // A node port no Service uses: the node's own port (nothing listens: refused), not a pod.
    network::Route unused = proxy.route(cluster.store(), {"192.168.49.1", "", "192.168.49.2", 31999}, cluster.rng(), cluster.now());
    CHECK(unused.result == network::Route::Result::Refused);
    CHECK(unused.how == "Host");
    CHECK(unused.nodeName == "minikube");
    network::Route direct = proxy.route(cluster.store(), {"10.244.0.9", "minikube", "10.244.0.6", 80}, cluster.rng(), cluster.now());
    CHECK(direct.podName == "hello-b");
}
