// Service-side printers: services, endpoints, endpointslices, ingresses (upstream printers.go, v1.32).
#include <catch2/catch.hpp>

#include "engine/apiserver/printers/printers_test_util.h"

using namespace kp;
using Cells = std::vector<std::string>;

namespace {

std::string service(const std::string& spec, const std::string& status = "{}") {
    return R"({"metadata":{"name":"web","namespace":"default","creationTimestamp":"2025-01-15T10:05:00Z"},"spec":)" +
           spec + R"(,"status":)" + status + "}";
}

}  // namespace

TEST_CASE("service columns are NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE and wide SELECTOR", "[printers]") {
    CHECK(test::columnNames("services") ==
          Cells{"Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector*"});
}

TEST_CASE("a ClusterIP service prints <none> as external IP", "[printers]") {
    CHECK(test::rowCells("services", service(R"({"type":"ClusterIP","clusterIP":"10.96.0.1","clusterIPs":["10.96.0.1"],
        "ports":[{"name":"https","port":443,"protocol":"TCP","targetPort":8443}]})")) ==
          Cells{"web", "ClusterIP", "10.96.0.1", "<none>", "443/TCP", "5m", "<none>"});
}

TEST_CASE("a NodePort service shows port:nodePort/protocol for every port", "[printers]") {
    CHECK(
        test::rowCells("services", service(R"({"type":"NodePort","clusterIP":"10.101.43.172",
        "clusterIPs":["10.101.43.172"],"selector":{"app":"hello","tier":"web"},"ports":[
        {"port":8080,"nodePort":31234,"protocol":"TCP","targetPort":8080},
        {"name":"dns","port":53,"nodePort":30053,"protocol":"UDP","targetPort":53}]})")) ==
        Cells{"web", "NodePort", "10.101.43.172", "<none>", "8080:31234/TCP,53:30053/UDP", "5m", "app=hello,tier=web"});
}

TEST_CASE("a LoadBalancer service is <pending> until it has an ingress address", "[printers]") {
    const std::string spec = R"({"type":"LoadBalancer","clusterIP":"10.104.1.2","clusterIPs":["10.104.1.2"],
        "ports":[{"port":80,"nodePort":30080,"protocol":"TCP"}]})";
    CHECK(test::rowCells("services", service(spec))[3] == "<pending>");
    CHECK(test::rowCells("services", service(spec, R"({"loadBalancer":{"ingress":[{"ip":"10.104.1.2"}]}})"))[3] ==
          "10.104.1.2");
    // Long host names are clipped to 16 bytes unless wide.
    const std::string longHost =
        R"({"loadBalancer":{"ingress":[{"hostname":"a1234567890.elb.example.com"},{"ip":"1.2.3.4"}]}})";
    CHECK(test::rowCells("services", service(spec, longHost), false)[3] == "1.2.3.4,a1234...");
    CHECK(test::rowCells("services", service(spec, longHost), true)[3] == "1.2.3.4,a1234567890.elb.example.com");
    const std::string withExternal = R"({"type":"LoadBalancer","clusterIPs":["10.104.1.2"],"externalIPs":["5.6.7.8"],
        "ports":[]})";
    CHECK(test::rowCells("services", service(withExternal))[3] == "5.6.7.8");
    CHECK(test::rowCells("services", service(withExternal, R"({"loadBalancer":{"ingress":[{"ip":"1.1.1.1"}]}})"))[3] ==
          "1.1.1.1,5.6.7.8");
}

TEST_CASE("headless, ExternalName and port-less services", "[printers]") {
    CHECK(test::rowCells("services", service(R"({"type":"ClusterIP","clusterIP":"None","clusterIPs":["None"],
        "ports":[{"port":6379,"protocol":"TCP"}]})"))[2] == "None");
    auto ext = test::rowCells("services", service(R"({"type":"ExternalName","externalName":"db.example.com"})"));
    CHECK(ext == Cells{"web", "ExternalName", "<none>", "db.example.com", "<none>", "5m", "<none>"});
    CHECK(test::rowCells("services", service(R"({"type":"ClusterIP","clusterIPs":["10.96.3.4"],
        "externalIPs":["1.2.3.4","5.6.7.8"]})"))[3] == "1.2.3.4,5.6.7.8");
}

TEST_CASE("endpoints list ready ip:port pairs, three at most", "[printers]") {
    CHECK(test::rowCells("endpoints", R"({"metadata":{"name":"kubernetes","creationTimestamp":"2025-01-15T10:00:00Z"},
        "subsets":[{"addresses":[{"ip":"192.168.49.2"}],"ports":[{"name":"https","port":8443,"protocol":"TCP"}]}]})") ==
          Cells{"kubernetes", "192.168.49.2:8443", "10m"});
    CHECK(test::rowCells("endpoints", R"({"metadata":{"name":"web"},"subsets":[{"addresses":[{"ip":"10.244.0.5"},
        {"ip":"10.244.0.6"},{"ip":"10.244.0.7"},{"ip":"10.244.0.8"}],"ports":[{"port":8080},{"port":9090}]}]})")[1] ==
          "10.244.0.5:8080,10.244.0.6:8080,10.244.0.7:8080 + 5 more...");
    CHECK(test::rowCells("endpoints", R"({"metadata":{"name":"web"}})")[1] == "<none>");
    CHECK(test::rowCells("endpoints",
                         R"({"metadata":{"name":"web"},"subsets":[{"addresses":[{"ip":"10.244.0.5"}]}]})")[1] ==
          "10.244.0.5");
    // Only not-ready pods: a subset without ready addresses prints an empty cell.
    CHECK(test::rowCells("endpoints", R"({"metadata":{"name":"web"},"subsets":[{"notReadyAddresses":[
        {"ip":"10.244.0.5"}],"ports":[{"port":80}]}]})")[1] == "");
}

TEST_CASE("endpointslices list address type, ports and addresses", "[printers]") {
    CHECK(test::columnNames("endpointslices.discovery.k8s.io") ==
          Cells{"Name", "AddressType", "Ports", "Endpoints", "Age"});
    CHECK(test::rowCells("endpointslices.discovery.k8s.io",
                         R"({"metadata":{"name":"web-abc12","creationTimestamp":"2025-01-15T10:00:00Z"},
        "addressType":"IPv4","ports":[{"name":"http","port":8080,"protocol":"TCP"}],
        "endpoints":[{"addresses":["10.244.0.5"]},{"addresses":["10.244.0.6"]}]})") ==
          Cells{"web-abc12", "IPv4", "8080", "10.244.0.5,10.244.0.6", "10m"});
    CHECK(test::rowCells("endpointslices.discovery.k8s.io",
                         R"({"metadata":{"name":"web-abc12"},"addressType":"IPv4","ports":null,"endpoints":[]})") ==
          Cells{"web-abc12", "IPv4", "<unset>", "<unset>", "<unknown>"});
    CHECK(test::rowCells("endpointslices.discovery.k8s.io",
                         R"({"metadata":{"name":"s"},"addressType":"IPv4","ports":[{"name":"p"},{}],
        "endpoints":[{"addresses":["1.1.1.1","1.1.1.2","1.1.1.3","1.1.1.4"]}]})")[2] == "p,*");
}

TEST_CASE("ingresses show CLASS HOSTS ADDRESS PORTS", "[printers]") {
    CHECK(test::columnNames("ingresses.networking.k8s.io") ==
          Cells{"Name", "Class", "Hosts", "Address", "Ports", "Age"});
    CHECK(test::rowCells("ingresses.networking.k8s.io",
                         R"({"metadata":{"name":"web","creationTimestamp":"2025-01-15T10:00:00Z"},
        "spec":{"ingressClassName":"nginx","rules":[{"host":"hello-world.example"}]},
        "status":{"loadBalancer":{"ingress":[{"ip":"192.168.49.2"}]}}})") ==
          Cells{"web", "nginx", "hello-world.example", "192.168.49.2", "80", "10m"});
    CHECK(test::rowCells("ingresses.networking.k8s.io",
                         R"({"metadata":{"name":"web"},"spec":{"tls":[{"hosts":["a"]}],"rules":[{"host":"a"},
        {"http":{}},{"host":"b"},{"host":"c"},{"host":"d"}]}})") ==
          Cells{"web", "<none>", "a,b,c + 2 more...", "", "80, 443", "<unknown>"});
    CHECK(test::rowCells("ingresses.networking.k8s.io", R"({"metadata":{"name":"x"},"spec":{}})")[2] == "*");
}
