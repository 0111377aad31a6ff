#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "api/schema/schema.h"

using namespace kp::schema;

namespace {

std::string loadError(const std::vector<std::pair<std::string, std::string>>& files) {
    Schema s;
    std::string error;
    if (s.load(files, error))
        return "";
    return error;
}

std::string loadError(const std::string& text) { return loadError({{"t.schema", text}}); }

const Schema& table() { return Schema::builtin(); }

const Field& fieldOf(std::string_view apiVersion, std::string_view kind, std::string_view path) {
    const StructDef* root = table().kind(apiVersion, kind);
    REQUIRE(root != nullptr);
    const Field* f = table().resolve(*root, path);
    INFO(std::string(kind) + "." + std::string(path));
    REQUIRE(f != nullptr);
    return *f;
}

}  // namespace

TEST_CASE("schema parse errors name the file and line", "[schema]") {
    CHECK(loadError("package apps/v1\nstruct A\n  x Nope -- a\n") == "t.schema:3: unknown type \"Nope\"");
    CHECK(loadError("struct A\n") == "t.schema:1: struct before any package line");
    CHECK(loadError("package apps\n") == "t.schema:1: bad package \"apps\" (want group/version, e.g. apps/v1)");
    CHECK(loadError("package a/v1\n  x string\n") == "t.schema:2: field outside of a struct");
    CHECK(loadError("package a/v1\nstruct A\n x string\n") ==
          "t.schema:3: expected `package`, `struct` or a field indented by two spaces");
    CHECK(loadError("package a/v1\nstruct A\n  x\n") == "t.schema:3: field needs a name and a type");
    CHECK(loadError("package a/v1\nstruct A\n  x string shiny\n") == "t.schema:3: unknown flag \"shiny\"");
    CHECK(loadError("package a/v1\nstruct A\n  x string strategy=mix\n") == "t.schema:3: unknown patch strategy \"mix\"");
    CHECK(loadError("package a/v1\nstruct A\n  x []string list=bag\n") == "t.schema:3: unknown list type \"bag\"");
    CHECK(loadError("package a/v1\nstruct A\n  x string\n  x int32\n") == "t.schema:4: duplicate field \"x\" in a/v1.A");
    CHECK(loadError("package a/v1\nstruct A\nstruct A\n") == "t.schema:3: duplicate struct a/v1.A");
    CHECK(loadError("package a/v1\nstruct A\n  x string list=atomic\n") ==
          "t.schema:3: list= on a field that is not a list (field \"x\")");
    CHECK(loadError("package a/v1\nstruct A\n  x []B list=map\nstruct B\n  k string\n") ==
          "t.schema:3: list=map needs keys= (field \"x\")");
    CHECK(loadError("package a/v1\nstruct A\n  x []B merge=name strategy=merge\nstruct B\n  k string\n") ==
          "t.schema:3: key \"name\" is not a field of a/v1.B");
    CHECK(loadError("package a/v1\nstruct A\n  x map[string\n") == "t.schema:3: bad map type \"map[string\"");
    // The line number counts comments and blank lines; a second file restarts at 1.
    CHECK(loadError({{"a.schema", "package a/v1\nstruct A\n  x string\n"},
                     {"b.schema", "# c\n\npackage b/v1\nstruct B\n  y Missing\n"}}) ==
          "b.schema:5: unknown type \"Missing\"");
}

TEST_CASE("schema parses fields, flags and descriptions", "[schema]") {
    Schema s;
    std::string error;
    REQUIRE(s.load({{"t.schema",
                     "# comment\n"
                     "package apps/v1\n"
                     "struct Thing atomic -- A thing.\n"
                     "  items []Item merge=name strategy=merge list=map keys=name,port required -- The items.\n"
                     "  mode string enum=\"\",Fast,Slow go=v1.Mode readonly\n"
                     "  labels map[string] map=atomic\n"
                     "  strategy Item retainKeys\n"
                     "struct Item\n"
                     "  name string\n"
                     "  port int32\n"},
                    {"u.schema", "package core/v1\nstruct Item\n  other string\n"}},
                   error));
    CHECK(error.empty());
    const StructDef* thing = s.find("apps/v1.Thing");
    REQUIRE(thing);
    CHECK(thing->description == "A thing.");
    CHECK(thing->atomic);
    const Field* items = thing->field("items");
    REQUIRE(items);
    CHECK(items->type->kind == TypeKind::List);
    CHECK(items->type->name == "[]apps/v1.Item");
    CHECK(items->type->elem->def == s.find("apps/v1.Item"));  // the current package wins over core/v1
    CHECK(items->patchMergeKey == "name");
    CHECK(items->patchStrategy == "merge");
    CHECK(items->mergesList());
    CHECK(items->listType == ListType::Map);
    CHECK(items->listMapKeys == std::vector<std::string>{"name", "port"});
    CHECK(items->required);
    CHECK(items->description == "The items.");
    const Field* mode = thing->field("mode");
    CHECK(mode->enumValues == std::vector<std::string>{"", "Fast", "Slow"});
    CHECK(mode->goType == "v1.Mode");
    CHECK(mode->readOnly);
    CHECK(mode->description.empty());
    CHECK(thing->field("labels")->mapAtomic);
    CHECK(thing->field("labels")->type->name == "map[string]");
    CHECK(thing->field("strategy")->retainsKeys());
    CHECK(s.find("Item") == s.find("core/v1.Item"));  // unqualified lookups try meta/v1 then core/v1
}

TEST_CASE("the built-in table has every kind the simulator serves", "[schema]") {
    const std::pair<const char*, const char*> kinds[] = {
        {"v1", "Namespace"},
        {"v1", "Node"},
        {"v1", "Pod"},
        {"v1", "Service"},
        {"v1", "Endpoints"},
        {"v1", "ConfigMap"},
        {"v1", "Secret"},
        {"v1", "ServiceAccount"},
        {"v1", "Event"},
        {"v1", "PersistentVolume"},
        {"v1", "PersistentVolumeClaim"},
        {"v1", "ReplicationController"},
        {"v1", "ResourceQuota"},
        {"v1", "LimitRange"},
        {"v1", "Binding"},
        {"v1", "PodTemplate"},
        {"v1", "List"},
        {"v1", "PodList"},
        {"apps/v1", "Deployment"},
        {"apps/v1", "ReplicaSet"},
        {"apps/v1", "DaemonSet"},
        {"apps/v1", "StatefulSet"},
        {"apps/v1", "ControllerRevision"},
        {"batch/v1", "Job"},
        {"batch/v1", "CronJob"},
        {"networking.k8s.io/v1", "Ingress"},
        {"networking.k8s.io/v1", "IngressClass"},
        {"networking.k8s.io/v1", "NetworkPolicy"},
        {"discovery.k8s.io/v1", "EndpointSlice"},
        {"events.k8s.io/v1", "Event"},
        {"coordination.k8s.io/v1", "Lease"},
        {"storage.k8s.io/v1", "StorageClass"},
        {"autoscaling/v1", "HorizontalPodAutoscaler"},
        {"autoscaling/v1", "Scale"},
        {"autoscaling/v2", "HorizontalPodAutoscaler"},
        {"rbac.authorization.k8s.io/v1", "Role"},
        {"rbac.authorization.k8s.io/v1", "RoleBinding"},
        {"rbac.authorization.k8s.io/v1", "ClusterRole"},
        {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding"},
        {"policy/v1", "PodDisruptionBudget"},
        {"policy/v1", "Eviction"},
        {"v1", "Status"},
        {"v1", "DeleteOptions"},
        {"meta.k8s.io/v1", "Table"},
    };
    for (const auto& [apiVersion, kind] : kinds) {
        INFO(apiVersion << " " << kind);
        const StructDef* def = table().kind(apiVersion, kind);
        REQUIRE(def != nullptr);
        CHECK(def->field("apiVersion"));
        CHECK(def->field("kind"));
    }
    // Status and DeleteOptions are meta/v1 types served under every group version.
    CHECK(table().kind("v1", "Status") == table().find("meta/v1.Status"));
    CHECK(table().kind("v1", "PodSpec") == nullptr);  // not a kind
    CHECK(table().kind("apps/v1", "Pod") == nullptr);
    CHECK(table().kind("v1", "OwnerReference") == nullptr);  // a reference, not a kind
    CHECK(table().kind("extensions/v1beta1", "Deployment") == nullptr);
    CHECK(table().kind("autoscaling/v2", "HorizontalPodAutoscaler") !=
          table().kind("autoscaling/v1", "HorizontalPodAutoscaler"));
    CHECK(table().find("events/v1.Event") != table().find("core/v1.Event"));
}

TEST_CASE("apiVersions map to schema packages", "[schema]") {
    CHECK(packageForApiVersion("v1") == "core/v1");
    CHECK(packageForApiVersion("apps/v1") == "apps/v1");
    CHECK(packageForApiVersion("networking.k8s.io/v1") == "networking/v1");
    CHECK(packageForApiVersion("rbac.authorization.k8s.io/v1") == "rbac/v1");
    CHECK(packageForApiVersion("autoscaling/v2") == "autoscaling/v2");
}

TEST_CASE("kinds carry apiVersion, kind, metadata, spec and status like the JSON", "[schema]") {
    const StructDef* deployment = table().kind("apps/v1", "Deployment");
    REQUIRE(deployment);
    std::vector<std::string> names;
    for (const Field& f : deployment->fields)
        names.push_back(f.name);
    CHECK(names == std::vector<std::string>{"apiVersion", "kind", "metadata", "spec", "status"});
    CHECK(deployment->field("metadata")->type->def == table().find("meta/v1.ObjectMeta"));
    CHECK(deployment->field("status")->readOnly);
    // Embedded Go structs are flattened: Volume holds its sources, Probe its handler.
    const StructDef* volume = table().find("core/v1.Volume");
    REQUIRE(volume);
    CHECK(volume->field("configMap"));
    CHECK(volume->field("emptyDir"));
    CHECK(table().find("core/v1.Probe")->field("httpGet"));
    // A field that appeared after v1.27 is present (v1.32 table).
    CHECK(fieldOf("v1", "Pod", "spec.containers.resizePolicy").type->kind == TypeKind::List);
}

TEST_CASE("resolve follows dotted paths through lists and maps", "[schema]") {
    const StructDef* deployment = table().kind("apps/v1", "Deployment");
    REQUIRE(deployment);
    const Field* image = table().resolve(*deployment, "spec.template.spec.containers.image");
    REQUIRE(image);
    CHECK(image->name == "image");
    CHECK(image->type->kind == TypeKind::String);
    CHECK(table().resolve(*deployment, "spec.template.spec.containers[0].image") == image);
    CHECK(table().resolve(*deployment, "spec.template.spec.containers.nope") == nullptr);
    CHECK(table().resolve(*deployment, "spec.replicas.value") == nullptr);  // below a scalar
    CHECK(table().resolve(*deployment, "metadata.labels")->type->kind == TypeKind::Map);
    const Field* containers = table().resolve(*deployment, "spec.template.spec.containers");
    REQUIRE(containers);
    CHECK(elementType(containers->type)->def == table().find("core/v1.Container"));
    CHECK(elementType(image->type) == image->type);
}

TEST_CASE("well-known fields carry Kubernetes' patch metadata", "[schema]") {
    const Field& containers = fieldOf("v1", "Pod", "spec.containers");
    CHECK(containers.patchMergeKey == "name");
    CHECK(containers.patchStrategy == "merge");
    CHECK(containers.listType == ListType::Map);
    CHECK(containers.listMapKeys == std::vector<std::string>{"name"});
    CHECK(containers.required);

    const Field& ports = fieldOf("v1", "Pod", "spec.containers.ports");
    CHECK(ports.patchMergeKey == "containerPort");
    CHECK(ports.patchStrategy == "merge");
    CHECK(ports.listMapKeys == std::vector<std::string>{"containerPort", "protocol"});

    const Field& volumes = fieldOf("v1", "Pod", "spec.volumes");
    CHECK(volumes.patchMergeKey == "name");
    CHECK(volumes.patchStrategy == "merge,retainKeys");
    CHECK(volumes.mergesList());
    CHECK(volumes.retainsKeys());

    const Field& tolerations = fieldOf("v1", "Pod", "spec.tolerations");
    CHECK(tolerations.listType == ListType::Atomic);
    CHECK(tolerations.patchMergeKey.empty());
    CHECK_FALSE(tolerations.mergesList());

    CHECK(fieldOf("v1", "Pod", "spec.containers.env").patchMergeKey == "name");
    CHECK(fieldOf("v1", "Pod", "spec.containers.volumeMounts").patchMergeKey == "mountPath");
    CHECK(fieldOf("v1", "Pod", "spec.containers.command").listType == ListType::Atomic);
    CHECK(fieldOf("v1", "Pod", "spec.nodeSelector").mapAtomic);
    CHECK(fieldOf("v1", "Pod", "spec.imagePullSecrets").patchMergeKey == "name");
    CHECK(fieldOf("apps/v1", "Deployment", "spec.strategy").patchStrategy == "retainKeys");
    CHECK(fieldOf("apps/v1", "Deployment", "status.conditions").patchMergeKey == "type");
    CHECK(fieldOf("v1", "Service", "spec.ports").patchMergeKey == "port");
    CHECK(fieldOf("v1", "Service", "spec.ports").listMapKeys == std::vector<std::string>{"port", "protocol"});

    const Field& finalizers = fieldOf("v1", "Pod", "metadata.finalizers");
    CHECK(finalizers.patchStrategy == "merge");
    CHECK(finalizers.listType == ListType::Set);
    const Field& owners = fieldOf("v1", "Pod", "metadata.ownerReferences");
    CHECK(owners.patchMergeKey == "uid");
    CHECK(owners.listMapKeys == std::vector<std::string>{"uid"});

    // +structType=atomic types: server-side apply replaces them whole.
    CHECK(table().find("meta/v1.LabelSelector")->atomic);
    CHECK(table().find("core/v1.LocalObjectReference")->atomic);
    CHECK_FALSE(table().find("core/v1.PodSpec")->atomic);
}

TEST_CASE("server-set fields, required fields and enums are marked", "[schema]") {
    for (const char* f : {"uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp"})
        CHECK(fieldOf("v1", "Pod", std::string("metadata.") + f).readOnly);
    CHECK_FALSE(fieldOf("v1", "Pod", "metadata.name").readOnly);
    CHECK(fieldOf("v1", "Pod", "status").readOnly);
    CHECK(fieldOf("v1", "Pod", "spec.containers.name").required);
    CHECK_FALSE(fieldOf("v1", "Pod", "spec.containers.image").required);
    CHECK(fieldOf("apps/v1", "Deployment", "spec.selector").required);
    CHECK(fieldOf("v1", "Pod", "spec.containers.imagePullPolicy").enumValues ==
          std::vector<std::string>{"Always", "IfNotPresent", "Never"});
    CHECK(fieldOf("v1", "Pod", "spec.volumes.hostPath.type").enumValues.front().empty());  // "" is allowed
    CHECK(fieldOf("v1", "Service", "spec.type").enumValues ==
          std::vector<std::string>{"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"});
}

TEST_CASE("explain lists fields sorted by name with kubectl's type names", "[schema]") {
    const StructDef* podSpec = table().find("core/v1.PodSpec");
    REQUIRE(podSpec);
    std::vector<const Field*> sorted = sortedFields(*podSpec);
    REQUIRE(sorted.size() == podSpec->fields.size());
    CHECK(sorted.front()->name == "activeDeadlineSeconds");
    CHECK(sorted.back()->name == "volumes");

    CHECK(explainTypeName(fieldOf("v1", "Pod", "spec.containers")) == "[]Container");
    CHECK(explainTypeName(fieldOf("v1", "Pod", "spec.nodeSelector")) == "map[string]string");
    CHECK(explainTypeName(fieldOf("v1", "Pod", "spec.containers.resources.limits")) == "map[string]Quantity");
    CHECK(explainTypeName(fieldOf("v1", "Pod", "spec.activeDeadlineSeconds")) == "integer");
    CHECK(explainTypeName(fieldOf("v1", "Pod", "spec.hostNetwork")) == "boolean");
    CHECK(explainTypeName(fieldOf("v1", "Pod", "metadata")) == "ObjectMeta");
    CHECK(explainTypeName(fieldOf("v1", "Pod", "metadata.creationTimestamp")) == "string");
    CHECK(explainTypeName(fieldOf("v1", "Pod", "metadata.managedFields.fieldsV1")) == "FieldsV1");
    CHECK(explainTypeName(fieldOf("v1", "Service", "spec.ports.targetPort")) == "IntOrString");
    CHECK(explainTypeName(fieldOf("v1", "Secret", "data")) == "map[string]string");
    CHECK(explainTypeName(fieldOf("apps/v1", "ControllerRevision", "data")) == "RawExtension");
    CHECK(explainTypeName(fieldOf("v1", "List", "items")) == "[]RawExtension");
}

TEST_CASE("Go type names match what encoding/json prints", "[schema]") {
    CHECK(goTypeName(fieldOf("apps/v1", "Deployment", "spec.replicas")) == "int32");
    CHECK(goTypeName(fieldOf("v1", "Pod", "spec.restartPolicy")) == "v1.RestartPolicy");
    CHECK(goTypeName(fieldOf("v1", "Pod", "spec.containers")) == "[]v1.Container");
    CHECK(goElementTypeName(fieldOf("v1", "Pod", "spec.containers")) == "v1.Container");
    CHECK(goTypeName(fieldOf("v1", "Pod", "metadata.labels")) == "map[string]string");
    CHECK(goElementTypeName(fieldOf("v1", "Pod", "metadata.labels")) == "string");
    CHECK(goTypeName(fieldOf("v1", "Pod", "spec.containers.resources.limits")) == "v1.ResourceList");
    CHECK(goElementTypeName(fieldOf("v1", "Pod", "spec.containers.resources.limits")) == "resource.Quantity");
    CHECK(goTypeName(fieldOf("v1", "Secret", "data")) == "map[string][]uint8");
    CHECK(goTypeName(fieldOf("v1", "Pod", "metadata.uid")) == "types.UID");
    CHECK(goTypeName(fieldOf("autoscaling/v2", "HorizontalPodAutoscaler", "spec.scaleTargetRef")) ==
          "v2.CrossVersionObjectReference");
}

TEST_CASE("every struct and field of the built-in table has a description", "[schema]") {
    std::vector<std::string> missing;
    for (const auto& [name, def] : table().structs()) {
        if (def->description.empty())
            missing.push_back(name);
        for (const Field& f : def->fields) {
            if (f.description.empty())
                missing.push_back(name + "." + f.name);
        }
    }
    CHECK(missing == std::vector<std::string>{});
    CHECK(table().structs().size() > 350);
}
