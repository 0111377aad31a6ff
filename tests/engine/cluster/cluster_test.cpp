#include <catch2/catch.hpp>

#include "cluster/cluster.h"

using namespace kp;

TEST_CASE("a new cluster has the system namespaces, default service accounts and the kubernetes Service", "[cluster]") {
    Cluster c;
    for (const char* ns : {"default", "kube-node-lease", "kube-public", "kube-system"}) {
        CHECK(c.store().get("namespaces", "", ns));
        CHECK(c.store().get("serviceaccounts", ns, "default"));
        CHECK(c.store().get("configmaps", ns, "kube-root-ca.crt"));
    }
    ObjectPtr svc = c.store().get("services", "default", "kubernetes");
    REQUIRE(svc);
    CHECK((*svc)["spec"]["clusterIP"] == "10.96.0.1");
    CHECK((*svc)["spec"]["ports"][0] == Json{{"name", "https"}, {"port", 443}, {"protocol", "TCP"}, {"targetPort", 8443}});
}

TEST_CASE("the same seed and commands give the same event log", "[cluster][determinism]") {
    auto runOnce = [](uint64_t seed) {
        ClusterConfig cfg;
        cfg.seed = seed;
        Cluster c(cfg);
        Client client = c.client("kubectl");
        for (int i = 0; i < 5; ++i) {
            Json p = {{"apiVersion", "v1"},
                      {"kind", "Pod"},
                      {"metadata", {{"generateName", "web-"}}},
                      {"spec", {{"containers", Json::array({{{"name", "c"}, {"image", "nginx"}}})}}}};
            client.create(p);
        }
        c.advance(Duration::seconds(10));
        return std::make_pair(c.eventLog().hash(), c.store().snapshot().dump());
    };
    auto a = runOnce(7), b = runOnce(7), other = runOnce(8);
    CHECK(a == b);
    CHECK(a.second != other.second);
}

TEST_CASE("snapshot and restore give back the same cluster state", "[cluster]") {
    Cluster c;
    Client client = c.client("kubectl");
    client.create(Json{{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "x"}}}, {"data", {{"a", "1"}}}});
    c.advance(Duration::seconds(90));
    Json snap = c.snapshot();
    Cluster other;
    REQUIRE(other.restore(snap));
    CHECK(other.now() == c.now());
    CHECK(other.store().snapshot() == c.store().snapshot());
    CHECK(other.snapshot() == snap);
}
