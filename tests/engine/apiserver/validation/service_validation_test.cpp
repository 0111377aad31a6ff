// Service validation: name rule, ports, target ports, node ports and type-specific rules.
#include <catch2/catch.hpp>

#include "apiserver/validation/validate.h"

using namespace kp;
using namespace kp::validation;

namespace {

Json defaultedService(const std::string& type = "ClusterIP") {
    Json svc = Json::parse(R"({
      "apiVersion": "v1", "kind": "Service",
      "metadata": {"name": "web", "namespace": "default", "uid": "s1"},
      "spec": {
        "selector": {"app": "web"},
        "ports": [{"port": 80, "protocol": "TCP", "targetPort": 8080}],
        "sessionAffinity": "None", "internalTrafficPolicy": "Cluster",
        "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
        "clusterIP": "10.96.12.34", "clusterIPs": ["10.96.12.34"]
      }})");
    svc["spec"]["type"] = type;
    if (type == "NodePort" || type == "LoadBalancer") {
        svc["spec"]["externalTrafficPolicy"] = "Cluster";
        svc["spec"]["ports"][0]["nodePort"] = 31234;
    }
    if (type == "LoadBalancer")
        svc["spec"]["allocateLoadBalancerNodePorts"] = true;
    return svc;
}

std::vector<std::string> messages(const FieldErrorList& errs) {
    std::vector<std::string> out;
    for (const auto& e : errs)
        out.push_back(e.toString());
    return out;
}

}  // namespace

TEST_CASE("defaulted services of every type are valid", "[validation]") {
    CHECK(validateCreate("Service", defaultedService("ClusterIP")).empty());
    CHECK(validateCreate("Service", defaultedService("NodePort")).empty());
    CHECK(validateCreate("Service", defaultedService("LoadBalancer")).empty());
}

TEST_CASE("a headless service needs no ports", "[validation]") {
    Json svc = defaultedService();
    svc["spec"]["clusterIP"] = "None";
    svc["spec"]["clusterIPs"] = {"None"};
    svc["spec"].erase("ports");
    CHECK(validateCreate("Service", svc).empty());
    svc["spec"]["clusterIP"] = "";
    svc["spec"]["clusterIPs"] = Json::array();
    CHECK(messages(validateCreate("Service", svc)) == std::vector<std::string>{"spec.ports: Required value"});
}

TEST_CASE("service names are DNS-1035 labels", "[validation]") {
    Json svc = defaultedService();
    svc["metadata"]["name"] = "1-web";
    CHECK(messages(validateCreate("Service", svc)) ==
          std::vector<std::string>{
              "metadata.name: Invalid value: \"1-web\": a DNS-1035 label must consist of lower case alphanumeric "
              "characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. "
              "'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"});
}

TEST_CASE("service ports and target ports must be valid", "[validation]") {
    Json svc = defaultedService();
    svc["spec"]["ports"][0]["port"] = 0;
    svc["spec"]["ports"][0]["targetPort"] = "HTTP";
    CHECK(messages(validateCreate("Service", svc)) ==
          std::vector<std::string>{
              "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
              "spec.ports[0].targetPort: Invalid value: \"HTTP\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
              "spec.ports[0].targetPort: Invalid value: \"HTTP\": must contain at least one letter (a-z)"});
    Json zero = defaultedService();
    zero["spec"]["ports"][0]["targetPort"] = 0;
    CHECK(messages(validateCreate("Service", zero)) ==
          std::vector<std::string>{"spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive"});
}

TEST_CASE("several service ports need names and must differ", "[validation]") {
    Json svc = defaultedService();
    svc["spec"]["ports"].push_back(svc["spec"]["ports"][0]);
    CHECK(messages(validateCreate("Service", svc)) ==
          std::vector<std::string>{
              "spec.ports[0].name: Required value", "spec.ports[1].name: Required value",
              "spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", AppProtocol:(*string)(nil), "
              "Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}"});
}

TEST_CASE("node ports follow the type and the allocator's range", "[validation]") {
    Json clusterIP = defaultedService();
    clusterIP["spec"]["ports"][0]["nodePort"] = 30080;
    CHECK(messages(validateCreate("Service", clusterIP)) ==
          std::vector<std::string>{"spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"});

    Json nodePort = defaultedService("NodePort");
    nodePort["spec"]["ports"][0]["nodePort"] = 8080;
    const Status status = checkCreate("Service", nodePort);
    CHECK(status.message() ==
          "Service \"web\" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid "
          "range. The range of valid ports is 30000-32767");

    Json dup = defaultedService("NodePort");
    dup["spec"]["ports"].push_back({{"name", "b"}, {"port", 81}, {"protocol", "TCP"}, {"targetPort", 81}, {"nodePort", 31234}});
    dup["spec"]["ports"][0]["name"] = "a";
    CHECK(messages(validateCreate("Service", dup)) ==
          std::vector<std::string>{"spec.ports[1].nodePort: Duplicate value: 31234"});
}

TEST_CASE("type-specific service rules", "[validation]") {
    Json lb = defaultedService("LoadBalancer");
    lb["spec"].erase("allocateLoadBalancerNodePorts");
    CHECK(messages(validateCreate("Service", lb)) == std::vector<std::string>{"allocateLoadBalancerNodePorts: Required value"});

    Json headless = defaultedService("NodePort");
    headless["spec"]["clusterIP"] = "None";
    headless["spec"]["clusterIPs"] = {"None"};
    CHECK(messages(validateCreate("Service", headless)) ==
          std::vector<std::string>{"spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"});

    Json external = Json::parse(R"({"apiVersion":"v1","kind":"Service",
        "metadata":{"name":"db","namespace":"default","uid":"e"},
        "spec":{"type":"ExternalName","externalName":"db.example.com.","sessionAffinity":"None"}})");
    CHECK(validateCreate("Service", external).empty());
    external["spec"]["externalName"] = "";
    CHECK(messages(validateCreate("Service", external)) == std::vector<std::string>{"spec.externalName: Required value"});

    Json etp = defaultedService();
    etp["spec"]["externalTrafficPolicy"] = "Local";
    CHECK(messages(validateCreate("Service", etp)) ==
          std::vector<std::string>{"spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible services"});

    Json badType = defaultedService();
    badType["spec"]["type"] = "Internal";
    CHECK(messages(validateCreate("Service", badType)) ==
          std::vector<std::string>{"spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""});
}

TEST_CASE("a service keeps its cluster IP on update", "[validation]") {
    Json old = defaultedService();
    old["metadata"]["resourceVersion"] = "7";
    Json svc = old;
    svc["spec"].erase("clusterIP");  // omitted by the client: the stored IP is kept
    svc["spec"].erase("clusterIPs");
    CHECK(validateUpdate("Service", svc, old).empty());
    svc["spec"]["clusterIP"] = "10.96.99.99";
    svc["spec"]["clusterIPs"] = {"10.96.99.99"};
    CHECK(messages(validateUpdate("Service", svc, old)) ==
          std::vector<std::string>{"spec.clusterIPs[0]: Invalid value: []string{\"10.96.99.99\"}: may not change once set"});
}
