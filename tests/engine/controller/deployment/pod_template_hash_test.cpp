// pod-template-hash: FNV-32a over go-spew's printout of the v1.PodTemplateSpec (k8s.io/api
// v0.32.0 field layout), SafeEncodeString'd. The expected values were computed by running the
// upstream code (go-spew d8f796a, the v0.32.0 types, fnv, SafeEncodeString) on these templates,
// and two of them are what real 1.32 clusters print: the docs' nginx-deployment and minikube's
// hello-minikube.
#include <catch2/catch.hpp>

#include "controller/deployment/pod_template_hash.h"

using namespace kp;
using namespace kp::deployment;

namespace {

// A template as the apiserver stores it after defaulting (what kubectl create deployment sends
// plus the PodSpec and Container defaults).
Json defaultedTemplate(const std::string& app, const std::string& container, const std::string& image,
                       const std::string& pullPolicy = "IfNotPresent") {
    return Json{{"metadata", {{"creationTimestamp", nullptr}, {"labels", {{"app", app}}}}},
                {"spec",
                 {{"containers", Json::array({{{"name", container},
                                               {"image", image},
                                               {"resources", Json::object()},
                                               {"terminationMessagePath", "/dev/termination-log"},
                                               {"terminationMessagePolicy", "File"},
                                               {"imagePullPolicy", pullPolicy}}})},
                  {"restartPolicy", "Always"},
                  {"terminationGracePeriodSeconds", 30},
                  {"dnsPolicy", "ClusterFirst"},
                  {"securityContext", Json::object()},
                  {"schedulerName", "default-scheduler"}}}};
}

Json withResources(const std::string& q) {
    Json t = defaultedTemplate("web", "web", "nginx:1.27");
    t["spec"]["containers"][0]["resources"] = {{"limits", {{"cpu", q}, {"memory", q}}}, {"requests", {{"cpu", q}}}};
    return t;
}

}  // namespace

TEST_CASE("pod-template-hash matches real Kubernetes 1.32 clusters", "[deployment]") {
    // kubernetes.io docs: nginx-deployment (nginx:1.14.2, containerPort 80) -> nginx-deployment-647677fc66-xxxxx
    Json nginx = defaultedTemplate("nginx", "nginx", "nginx:1.14.2");
    nginx["spec"]["containers"][0]["ports"] = Json::array({{{"containerPort", 80}, {"protocol", "TCP"}}});
    CHECK(computeHash(nginx, std::nullopt) == "647677fc66");
    // kubectl create deployment hello-minikube --image=kicbase/echo-server:1.0 -> hello-minikube-ffcbb5874
    CHECK(computeHash(defaultedTemplate("hello-minikube", "echo-server", "kicbase/echo-server:1.0"), std::nullopt) ==
          "ffcbb5874");
    CHECK(computeHash(defaultedTemplate("hello-minikube", "echoserver", "k8s.gcr.io/echoserver:1.10"), std::nullopt) ==
          "74878c8fcc");
}

TEST_CASE("pod-template-hash follows Go's decoding of quantities and the collision count", "[deployment]") {
    CHECK(computeHash(withResources("100m"), std::nullopt) == "6b495d6ff8");
    CHECK(computeHash(withResources("100m"), 1) == "68f68b9455");
    // 1.5Gi has no int64 fast path: an inf.Dec.
    CHECK(computeHash(withResources("1.5Gi"), std::nullopt) == "7b89767587");
    CHECK(computeHash(withResources("1.5Gi"), 1) == "bb7bc98b6");
    CHECK(computeHash(withResources("12345678901234567890"), std::nullopt) == "77c56bfddc");
    // BinarySI quantities are capped at 2^63-1.
    CHECK(computeHash(withResources("8Ei"), std::nullopt) == "664ffcfbfc");
}

TEST_CASE("pod-template-hash covers probes, volumes, affinity and the other PodSpec structs", "[deployment]") {
    const Json complex = Json::parse(R"JSON({"metadata":{"creationTimestamp":null,"labels":{"app":"web","tier":"fe","pod-template-hash":"abc"},"annotations":{"z":"1","a":"2"}},"spec":{"containers":[{"name":"web","image":"nginx:1.27","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent","command":["sh","-c","echo hi"],"args":[],"env":[{"name":"A","value":"1"},{"name":"POD","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.name"}}}],"ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],"livenessProbe":{"httpGet":{"path":"/","port":"http","scheme":"HTTP"},"initialDelaySeconds":3,"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},"readinessProbe":{"tcpSocket":{"port":8080},"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},"volumeMounts":[{"name":"cfg","mountPath":"/etc/cfg","readOnly":true}],"securityContext":{"runAsUser":1000,"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}}}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},"schedulerName":"default-scheduler","volumes":[{"name":"cfg","configMap":{"name":"cfg","defaultMode":420}},{"name":"tmp","emptyDir":{}}],"nodeSelector":{"disk":"ssd","zone":"a"},"tolerations":[{"key":"k","operator":"Exists","effect":"NoSchedule","tolerationSeconds":null}],"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"a","operator":"In","values":["x","y"]}]}]}},"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":100,"podAffinityTerm":{"labelSelector":{"matchLabels":{"app":"web"}},"topologyKey":"kubernetes.io/hostname"}}]}},"initContainers":[{"name":"init","image":"busybox","command":["true"],"resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"Always"}],"hostNetwork":true,"priority":0,"topologySpreadConstraints":[{"maxSkew":1,"topologyKey":"zone","whenUnsatisfiable":"DoNotSchedule","labelSelector":{"matchLabels":{"app":"web"}}}]}})JSON");
    CHECK(computeHash(complex, std::nullopt) == "65bf99bc65");
    // The collision count is appended as 8 bytes (uint32 little-endian, then zeros); checked with
    // Go's hash/fnv over this printout.
    CHECK(computeHash(complex, 1) == "54f6ff6684");
    CHECK(computeHash(complex, 3) == "866b75c54b");
}

TEST_CASE("the hashed text is go-spew's %#v of the Go struct", "[deployment]") {
    const std::string text = spewPodTemplateSpec(defaultedTemplate("web", "web", "nginx"));
    CHECK(text.rfind("(v1.PodTemplateSpec){ObjectMeta:(v1.ObjectMeta){Name:(string) GenerateName:(string) Namespace:(string) "
                     "SelfLink:(string) UID:(types.UID) ResourceVersion:(string) Generation:(int64)0 "
                     "CreationTimestamp:(v1.Time){Time:(time.Time){wall:(uint64)0 ext:(int64)0 loc:(*time.Location)<nil>}} "
                     "DeletionTimestamp:(*v1.Time)<nil> DeletionGracePeriodSeconds:(*int64)<nil> "
                     "Labels:(map[string]string)map[app:web] Annotations:(map[string]string)<nil>",
                     0) == 0);
    CHECK(text.find("TerminationGracePeriodSeconds:(*int64)30") != std::string::npos);
    CHECK(text.find("SecurityContext:(*v1.PodSecurityContext){SELinuxOptions:(*v1.SELinuxOptions)<nil>") != std::string::npos);
    const std::string tail = " Resources:(*v1.ResourceRequirements)<nil>}}";
    CHECK(text.compare(text.size() - tail.size(), tail.size(), tail) == 0);
}

TEST_CASE("a hash only uses the characters 4-9 b c d f and has at most 10 of them", "[deployment]") {
    CHECK(safeEncodeString("0123456789") == "456789bcdf");
    CHECK(safeEncodeString(std::to_string(UINT32_MAX)).size() == 10);
    CHECK(fnv32a("") == 2166136261u);
    CHECK(fnv32a("a") == 0xe40c292cu);
}

TEST_CASE("templates are compared semantically, ignoring pod-template-hash", "[deployment]") {
    Json a = withResources("1");
    Json b = withResources("1000m");
    b["metadata"]["labels"]["pod-template-hash"] = "5d59d67564";
    b["spec"]["containers"][0]["env"] = Json::array();  // empty = absent
    CHECK(equalIgnoreHash(a, b));
    b["spec"]["containers"][0]["image"] = "nginx:1.28";
    CHECK_FALSE(equalIgnoreHash(a, b));
    // An empty struct pointer is not the same as none.
    Json c = withResources("1");
    c["spec"].erase("securityContext");
    CHECK_FALSE(equalIgnoreHash(a, c));
}
