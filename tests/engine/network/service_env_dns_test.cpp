// Service discovery as the seed teaches it: environment variables and cluster DNS.
#include <catch2/catch.hpp>

#include "cluster/cluster.h"
#include "network/dns.h"
#include "network/service_env.h"

using namespace kp;

TEST_CASE("The seed's redis-master Service gives exactly the documented variables", "[network]") {
    Json svc = Json::parse(R"({"metadata":{"name":"redis-master","namespace":"default"},
        "spec":{"clusterIP":"10.0.0.11","ports":[{"port":6379,"protocol":"TCP"}]}})");
    std::map<std::string, std::string> env;
    network::addServiceEnvVars(svc, env);
    CHECK(env == std::map<std::string, std::string>{
                     {"REDIS_MASTER_SERVICE_HOST", "10.0.0.11"},
                     {"REDIS_MASTER_SERVICE_PORT", "6379"},
                     {"REDIS_MASTER_PORT", "tcp://10.0.0.11:6379"},
                     {"REDIS_MASTER_PORT_6379_TCP", "tcp://10.0.0.11:6379"},
                     {"REDIS_MASTER_PORT_6379_TCP_PROTO", "tcp"},
                     {"REDIS_MASTER_PORT_6379_TCP_PORT", "6379"},
                     {"REDIS_MASTER_PORT_6379_TCP_ADDR", "10.0.0.11"}});
}

TEST_CASE("Containers see their namespace's Services and always the kubernetes Service", "[network]") {
    Cluster cluster;
    Client c = cluster.client("test");
    REQUIRE(c.create(Json::parse(R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop"}})")).ok());
    REQUIRE(c.create(Json::parse(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},
        "spec":{"selector":{"app":"web"},"ports":[{"name":"http","port":80}]}})")).ok());
    REQUIRE(c.create(Json::parse(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"db","namespace":"default"},
        "spec":{"clusterIP":"None","selector":{"app":"db"},"ports":[{"port":5432}]}})")).ok());
    std::string webIP = stringAt(*cluster.store().get("services", "shop", "web"), "spec.clusterIP");
    auto env = network::serviceEnvVars(cluster.store(), "shop", true);
    CHECK(env.at("WEB_SERVICE_HOST") == webIP);
    CHECK(env.at("WEB_SERVICE_PORT_HTTP") == "80");
    CHECK(env.at("KUBERNETES_SERVICE_HOST") == "10.96.0.1");
    CHECK(env.at("KUBERNETES_SERVICE_PORT_HTTPS") == "443");
    CHECK(env.count("DB_SERVICE_HOST") == 0);  // other namespace, and headless
    auto noLinks = network::serviceEnvVars(cluster.store(), "shop", false);
    CHECK(noLinks.count("WEB_SERVICE_HOST") == 0);
    CHECK(noLinks.count("KUBERNETES_SERVICE_HOST") == 1);
}

TEST_CASE("Cluster DNS answers Service, SRV, pod and ExternalName names; search paths apply", "[network]") {
    Cluster cluster;
    Client c = cluster.client("test");
    REQUIRE(c.create(Json::parse(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"my-service"},
        "spec":{"selector":{"app":"x"},"ports":[{"name":"http","port":80,"protocol":"TCP"}]}})")).ok());
    REQUIRE(c.create(Json::parse(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"docs"},
        "spec":{"type":"ExternalName","externalName":"kubernetes.io"}})")).ok());
    const std::string ip = stringAt(*cluster.store().get("services", "default", "my-service"), "spec.clusterIP");

    auto a = network::lookup(cluster.store(), "my-service.default.svc.cluster.local.");
    REQUIRE(a.rcode == network::Rcode::NoError);
    REQUIRE(a.records.size() == 1);
    CHECK(a.records[0].data == ip);
    CHECK(a.records[0].ttl == 30);

    auto srv = network::lookup(cluster.store(), "_http._tcp.my-service.default.svc.cluster.local", "SRV");
    REQUIRE(srv.records.size() == 1);
    CHECK(srv.records[0].data == "0 100 80 my-service.default.svc.cluster.local");

    CHECK(network::lookup(cluster.store(), "10-244-0-5.default.pod.cluster.local").records[0].data == "10.244.0.5");
    CHECK(network::lookup(cluster.store(), "docs.default.svc.cluster.local").records[0].type == "CNAME");
    CHECK(network::lookup(cluster.store(), "nope.default.svc.cluster.local").rcode == network::Rcode::NXDomain);

    // From a pod in default, "my-service" resolves through the first search domain.
    auto r = network::resolve(cluster.store(), "my-service", "A", network::clusterFirstSearch("default"));
    CHECK(r.fqdn == "my-service.default.svc.cluster.local");
    CHECK(r.answer.records[0].data == ip);
    auto r2 = network::resolve(cluster.store(), "my-service.default", "A", network::clusterFirstSearch("kube-system"));
    CHECK(r2.fqdn == "my-service.default.svc.cluster.local");
    CHECK(network::clusterFirstResolvConf("default") ==
          "nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n");
}
