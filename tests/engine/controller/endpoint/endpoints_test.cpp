// Endpoints and EndpointSlices follow the pods a Service selects, as kube-controller-manager's
// endpoint and endpointslice controllers keep them.
#include <catch2/catch.hpp>

#include "cluster/cluster.h"

using namespace kp;

namespace {

void addPod(Client& c, const std::string& name, const std::string& ip, bool ready, const std::string& portName = "http") {
    Json pod = {{"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata", {{"name", name}, {"labels", {{"app", "web"}}}}},
                {"spec",
                 {{"nodeName", "minikube"},
                  {"containers", Json::array({{{"name", "app"}, {"image", "nginx"},
                                               {"ports", Json::array({{{"name", portName}, {"containerPort", 8080}}})}}})}}}};
    ApiResponse r = c.create(pod);
    REQUIRE(r.ok());
    Json status = r.object;
    status["status"] = {{"phase", "Running"},
                        {"podIP", ip},
                        {"podIPs", Json::array({{{"ip", ip}}})},
                        {"conditions", Json::array({{{"type", "Ready"}, {"status", ready ? "True" : "False"},
                                                     {"lastTransitionTime", "2025-01-15T10:00:05Z"}}})}};
    REQUIRE(c.updateStatus(status).ok());
}

}  // namespace

TEST_CASE("Endpoints list ready pods apart from not-ready ones, ports resolved by name", "[endpoints]") {
    Cluster cluster;
    Client c = cluster.client("test");
    REQUIRE(c.create(Json::parse(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"web","labels":{"tier":"front"}},
        "spec":{"selector":{"app":"web"},"ports":[{"port":80,"targetPort":"http"}]}})")).ok());
    cluster.runUntilIdle();
    // No pods yet: an Endpoints object without subsets and a placeholder slice.
    ObjectPtr ep = cluster.store().get("endpoints", "default", "web");
    REQUIRE(ep);
    CHECK_FALSE(ep->contains("subsets"));
    auto slices = cluster.store().list("endpointslices.discovery.k8s.io", "default");
    REQUIRE(slices.size() == 2);  // kubernetes + web-xxxxx
    const Json& placeholder = *slices[1];
    CHECK(stringAt(placeholder, "metadata.name").rfind("web-", 0) == 0);
    CHECK(stringAt(placeholder, "metadata.name").size() == 9);
    CHECK(placeholder["endpoints"].is_null());
    CHECK_FALSE(placeholder.contains("ports"));

    addPod(c, "web-1", "10.244.0.5", true);
    addPod(c, "web-2", "10.244.0.4", false);
    addPod(c, "other", "10.244.0.6", true, "metrics");  // its "http" port does not exist
    cluster.runUntilIdle();
    ep = cluster.store().get("endpoints", "default", "web");
    const Json& subset = (*ep)["subsets"][0];
    CHECK(subset["addresses"].size() == 1);
    CHECK(subset["addresses"][0]["ip"] == "10.244.0.5");
    CHECK(subset["addresses"][0]["nodeName"] == "minikube");
    CHECK(subset["addresses"][0]["targetRef"]["name"] == "web-1");
    CHECK(subset["notReadyAddresses"][0]["ip"] == "10.244.0.4");
    CHECK(subset["ports"] == Json::parse(R"([{"port":8080,"protocol":"TCP"}])"));
    CHECK((*ep)["metadata"]["labels"] == Json{{"tier", "front"}});

    slices = cluster.store().list("endpointslices.discovery.k8s.io", "default");
    REQUIRE(slices.size() == 2);
    const Json& slice = *slices[1];
    CHECK(slice["ports"] == Json::parse(R"([{"name":"","port":8080,"protocol":"TCP"}])"));
    REQUIRE(slice["endpoints"].size() == 2);
    CHECK(slice["endpoints"][0]["addresses"][0] == "10.244.0.4");
    CHECK(slice["endpoints"][0]["conditions"] == Json{{"ready", false}, {"serving", false}, {"terminating", false}});
    CHECK(slice["endpoints"][1]["conditions"] == Json{{"ready", true}, {"serving", true}, {"terminating", false}});
    CHECK(slice["metadata"]["labels"]["endpointslice.kubernetes.io/managed-by"] == "endpointslice-controller.k8s.io");
    CHECK(slice["metadata"]["labels"]["kubernetes.io/service-name"] == "web");
    CHECK(slice["metadata"]["ownerReferences"][0]["kind"] == "Service");

    // A pod relabelled away leaves both.
    ApiResponse got = c.get(c.resource("pods"), "default", "web-1");
    Json pod = got.object;
    pod["metadata"]["labels"]["app"] = "gone";
    REQUIRE(c.update(pod).ok());
    cluster.runUntilIdle();
    ep = cluster.store().get("endpoints", "default", "web");
    CHECK_FALSE((*ep)["subsets"][0].contains("addresses"));
    CHECK(cluster.store().list("endpointslices.discovery.k8s.io", "default")[1]->at("endpoints").size() == 1);

    // Deleting the Service removes its Endpoints, and the GC its slices.
    REQUIRE(c.remove(c.resource("services"), "default", "web").ok());
    cluster.runUntilIdle();
    CHECK_FALSE(cluster.store().get("endpoints", "default", "web"));
    CHECK(cluster.store().list("endpointslices.discovery.k8s.io", "default").size() == 1);
}

TEST_CASE("The kubernetes Service points at the apiserver on the control-plane node", "[endpoints]") {
    Cluster cluster;
    ObjectPtr ep = cluster.store().get("endpoints", "default", "kubernetes");
    REQUIRE(ep);
    CHECK((*ep)["subsets"][0]["addresses"][0]["ip"] == "192.168.49.2");
    CHECK((*ep)["subsets"][0]["ports"][0]["port"] == 8443);
    ObjectPtr slice = cluster.store().get("endpointslices.discovery.k8s.io", "default", "kubernetes");
    REQUIRE(slice);
    CHECK((*slice)["endpoints"][0]["addresses"][0] == "192.168.49.2");
}
