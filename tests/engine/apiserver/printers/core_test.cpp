// Core and small-group printers: namespaces, configmaps, secrets, serviceaccounts, events,
// leases, storage, quotas, bindings (upstream printers.go, v1.32).
#include <catch2/catch.hpp>

#include "engine/apiserver/printers/printers_test_util.h"

using namespace kp;
using Cells = std::vector<std::string>;

TEST_CASE("namespaces, configmaps, secrets and serviceaccounts print their counts", "[printers]") {
    CHECK(test::rowCells("namespaces", R"({"metadata":{"name":"demo","creationTimestamp":"2025-01-15T09:10:00Z"},
        "status":{"phase":"Terminating"}})") == Cells{"demo", "Terminating", "60m"});
    CHECK(test::rowCells("configmaps",
                         R"({"metadata":{"name":"kube-root-ca.crt","creationTimestamp":"2025-01-15T10:00:00Z"},
        "data":{"ca.crt":"x"},"binaryData":{"b":"eA=="}})") == Cells{"kube-root-ca.crt", "2", "10m"});
    CHECK(test::rowCells("configmaps", R"({"metadata":{"name":"empty"}})")[1] == "0");
    CHECK(test::columnNames("secrets") == Cells{"Name", "Type", "Data", "Age"});
    CHECK(test::rowCells("secrets", R"({"metadata":{"name":"db","creationTimestamp":"2025-01-15T10:00:00Z"},
        "type":"Opaque","data":{"user":"YQ==","password":"Yg=="}})") == Cells{"db", "Opaque", "2", "10m"});
    CHECK(test::rowCells("serviceaccounts",
                         R"({"metadata":{"name":"default","creationTimestamp":"2025-01-15T10:00:00Z"}})") ==
          Cells{"default", "0", "10m"});
}

TEST_CASE("events show LAST SEEN TYPE REASON OBJECT MESSAGE, wide adds five columns", "[printers]") {
    CHECK(test::columnNames("events") == Cells{"Last Seen", "Type", "Reason", "Object", "Subobject*", "Source*",
                                               "Message", "First Seen*", "Count*", "Name*"});
    const std::string ev = R"({"metadata":{"name":"web-1.17b2c4f9a8e3d1c2","namespace":"default"},
        "involvedObject":{"kind":"Pod","name":"web-1","namespace":"default","fieldPath":"spec.containers{nginx}"},
        "reason":"Pulled","message":"  Container image \"nginx\" already present on machine\n","type":"Normal",
        "source":{"component":"kubelet","host":"minikube"},"firstTimestamp":"2025-01-15T10:02:00Z",
        "lastTimestamp":"2025-01-15T10:09:48Z","count":3})";
    CHECK(test::rowCells("events", ev, false) ==
          Cells{"12s", "Normal", "Pulled", "pod/web-1", "Container image \"nginx\" already present on machine"});
    CHECK(test::rowCells("events", ev) ==
          Cells{"12s", "Normal", "Pulled", "pod/web-1", "spec.containers{nginx}", "kubelet, minikube",
                "Container image \"nginx\" already present on machine", "8m", "3", "web-1.17b2c4f9a8e3d1c2"});
}

TEST_CASE("events of the new API use eventTime, series and the reporting controller", "[printers]") {
    const std::string scheduled = R"({"metadata":{"name":"web-1.1"},"involvedObject":{"kind":"Pod","name":"web-1"},
        "reason":"Scheduled","message":"Successfully assigned default/web-1 to minikube","type":"Normal",
        "eventTime":"2025-01-15T10:07:59.500000Z","reportingComponent":"default-scheduler",
        "reportingInstance":"default-scheduler-minikube","source":{}})";
    CHECK(test::rowCells("events", scheduled) ==
          Cells{"2m", "Normal", "Scheduled", "pod/web-1", "", "default-scheduler, default-scheduler-minikube",
                "Successfully assigned default/web-1 to minikube", "2m", "1", "web-1.1"});
    const std::string series =
        R"({"metadata":{"name":"x"},"involvedObject":{"kind":"Node"},"reason":"R","type":"Warning",
        "eventTime":"2025-01-15T10:00:00.000000Z","series":{"count":7,"lastObservedTime":"2025-01-15T10:09:30.000000Z"},
        "reportingComponent":"kubelet"})";
    CHECK(test::rowCells("events", series) == Cells{"30s", "Warning", "R", "node", "", "kubelet", "", "10m", "7", "x"});
    const std::string v1 = R"({"metadata":{"name":"hello.2"},"regarding":{"kind":"Deployment","name":"hello"},
        "reason":"ScalingReplicaSet","note":"Scaled up replica set hello-7d4b9c8f6d from 0 to 3","type":"Normal",
        "reportingController":"deployment-controller","deprecatedSource":{"component":"deployment-controller"},
        "deprecatedFirstTimestamp":"2025-01-15T10:09:00Z","deprecatedLastTimestamp":"2025-01-15T10:09:00Z",
        "deprecatedCount":1})";
    CHECK(test::rowCells("events.events.k8s.io", v1) ==
          Cells{"60s", "Normal", "ScalingReplicaSet", "deployment/hello", "", "deployment-controller",
                "Scaled up replica set hello-7d4b9c8f6d from 0 to 3", "60s", "1", "hello.2"});
}

TEST_CASE("leases show their holder", "[printers]") {
    CHECK(test::rowCells("leases.coordination.k8s.io",
                         R"({"metadata":{"name":"minikube","creationTimestamp":"2025-01-15T10:00:00Z"},
        "spec":{"holderIdentity":"minikube","leaseDurationSeconds":40}})") == Cells{"minikube", "minikube", "10m"});
}

TEST_CASE("claims and volumes print capacity and access modes once bound", "[printers]") {
    CHECK(test::columnNames("persistentvolumeclaims") == Cells{"Name", "Status", "Volume", "Capacity", "Access Modes",
                                                               "StorageClass", "VolumeAttributesClass", "Age",
                                                               "VolumeMode*"});
    CHECK(test::rowCells("persistentvolumeclaims",
                         R"({"metadata":{"name":"data","creationTimestamp":"2025-01-15T10:00:00Z"},
        "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}},"storageClassName":"standard",
        "volumeName":"pvc-123","volumeMode":"Filesystem"},
        "status":{"phase":"Bound","accessModes":["ReadWriteMany","ReadWriteOnce"],"capacity":{"storage":"1Gi"}}})") ==
          Cells{"data", "Bound", "pvc-123", "1Gi", "RWO,RWX", "standard", "<unset>", "10m", "Filesystem"});
    CHECK(test::rowCells("persistentvolumeclaims",
                         R"({"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"]},
        "status":{"phase":"Pending"}})") ==
          Cells{"data", "Pending", "", "", "", "", "<unset>", "<unknown>", "<unset>"});
    CHECK(test::rowCells("persistentvolumes",
                         R"({"metadata":{"name":"pvc-123","creationTimestamp":"2025-01-15T10:00:00Z"},
        "spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],"persistentVolumeReclaimPolicy":"Delete",
        "storageClassName":"standard","claimRef":{"namespace":"default","name":"data"},"volumeMode":"Filesystem"},
        "status":{"phase":"Bound"}})") == Cells{"pvc-123", "1Gi", "RWO", "Delete", "Bound", "default/data", "standard",
                                                "<unset>", "", "10m", "Filesystem"});
}

TEST_CASE("storage classes mark the default one", "[printers]") {
    CHECK(test::rowCells("storageclasses.storage.k8s.io",
                         R"({"metadata":{"name":"standard","creationTimestamp":"2025-01-15T10:00:00Z",
        "annotations":{"storageclass.kubernetes.io/is-default-class":"true"}},"provisioner":"k8s.io/minikube-hostpath",
        "reclaimPolicy":"Delete","volumeBindingMode":"Immediate"})") ==
          Cells{"standard (default)", "k8s.io/minikube-hostpath", "Delete", "Immediate", "false", "10m"});
}

TEST_CASE("resource quotas list used/hard per item, limits apart", "[printers]") {
    CHECK(test::rowCells("resourcequotas", R"({"metadata":{"name":"q","creationTimestamp":"2025-01-15T10:00:00Z"},
        "status":{"hard":{"limits.cpu":"2","pods":"10","requests.memory":"1024Mi"},
                  "used":{"limits.cpu":"500m","pods":"3"}}})") ==
          Cells{"q", "pods: 3/10, requests.memory: 0/1Gi", "limits.cpu: 500m/2", "10m"});
}

TEST_CASE("pod disruption budgets and role bindings", "[printers]") {
    CHECK(test::rowCells("poddisruptionbudgets.policy",
                         R"({"metadata":{"name":"web","creationTimestamp":"2025-01-15T10:00:00Z"},
        "spec":{"minAvailable":"50%"},"status":{"disruptionsAllowed":1}})") == Cells{"web", "50%", "N/A", "1", "10m"});
    CHECK(test::rowCells("clusterrolebindings.rbac.authorization.k8s.io",
                         R"({"metadata":{"name":"system:coredns","creationTimestamp":"2025-01-15T10:00:00Z"},
        "roleRef":{"kind":"ClusterRole","name":"system:coredns"},"subjects":[
        {"kind":"ServiceAccount","name":"coredns","namespace":"kube-system"},{"kind":"User","name":"alice"},
        {"kind":"Group","name":"devs"},{"kind":"User","name":"bob"}]})") ==
          Cells{"system:coredns", "ClusterRole/system:coredns", "10m", "alice, bob", "devs", "kube-system/coredns"});
}
