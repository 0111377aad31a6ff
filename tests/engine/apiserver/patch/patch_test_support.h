// Helpers for the patch tests: JSON literals, and a small schema for the patch tests, built by hand with the patch metadata of the real
// Kubernetes v1.32 types (merge keys and strategies as in the OpenAPI
// x-kubernetes-patch-merge-key / x-kubernetes-patch-strategy extensions), so the tests do not
// depend on the schema data files.
#pragma once
#include <deque>
#include <string>

#include "api/schema/schema.h"
#include "base/json.h"

namespace kp::test {

class PatchTestSchema {
public:
    PatchTestSchema() {
        using schema::TypeKind;
        const schema::Type* str = scalar(TypeKind::String, "string");
        const schema::Type* i32 = scalar(TypeKind::Int32, "int32");
        const schema::Type* i64 = scalar(TypeKind::Int64, "int64");
        const schema::Type* intOrString = scalar(TypeKind::IntOrString, "IntOrString");
        const schema::Type* quantity = scalar(TypeKind::Quantity, "Quantity");
        const schema::Type* stringMap = mapOf(str);
        const schema::Type* stringList = listOf(str);

        schema::StructDef& ownerRef = def("meta/v1", "OwnerReference");
        add(ownerRef, "apiVersion", str);
        add(ownerRef, "kind", str);
        add(ownerRef, "name", str);
        add(ownerRef, "uid", str);

        schema::StructDef& meta = def("meta/v1", "ObjectMeta");
        add(meta, "name", str);
        add(meta, "namespace", str);
        add(meta, "uid", str);
        add(meta, "resourceVersion", str);
        add(meta, "generation", i64);
        add(meta, "labels", stringMap);
        add(meta, "annotations", stringMap);
        add(meta, "finalizers", stringList, "", "merge");
        add(meta, "ownerReferences", listOf(structType(ownerRef)), "uid", "merge");

        schema::StructDef& selector = def("meta/v1", "LabelSelector");
        add(selector, "matchLabels", stringMap);

        schema::StructDef& envSelector = def("core/v1", "ObjectFieldSelector");
        add(envSelector, "fieldPath", str);
        schema::StructDef& envSource = def("core/v1", "EnvVarSource");
        add(envSource, "fieldRef", structType(envSelector));
        schema::StructDef& env = def("core/v1", "EnvVar");
        add(env, "name", str);
        add(env, "value", str);
        add(env, "valueFrom", structType(envSource));

        schema::StructDef& port = def("core/v1", "ContainerPort");
        add(port, "name", str);
        add(port, "containerPort", i32);
        add(port, "protocol", str);

        schema::StructDef& mount = def("core/v1", "VolumeMount");
        add(mount, "name", str);
        add(mount, "mountPath", str);

        schema::StructDef& resources = def("core/v1", "ResourceRequirements");
        add(resources, "limits", mapOf(quantity));
        add(resources, "requests", mapOf(quantity));

        schema::StructDef& container = def("core/v1", "Container");
        add(container, "name", str);
        add(container, "image", str);
        add(container, "imagePullPolicy", str);
        add(container, "command", stringList);
        add(container, "args", stringList);
        add(container, "env", listOf(structType(env)), "name", "merge");
        add(container, "ports", listOf(structType(port)), "containerPort", "merge");
        add(container, "volumeMounts", listOf(structType(mount)), "mountPath", "merge");
        add(container, "resources", structType(resources));

        schema::StructDef& configMapVolume = def("core/v1", "ConfigMapVolumeSource");
        add(configMapVolume, "name", str);
        schema::StructDef& emptyDir = def("core/v1", "EmptyDirVolumeSource");
        add(emptyDir, "medium", str);
        add(emptyDir, "sizeLimit", quantity);
        schema::StructDef& secretVolume = def("core/v1", "SecretVolumeSource");
        add(secretVolume, "secretName", str);
        schema::StructDef& volume = def("core/v1", "Volume");
        add(volume, "name", str);
        add(volume, "configMap", structType(configMapVolume));
        add(volume, "emptyDir", structType(emptyDir));
        add(volume, "secret", structType(secretVolume));

        schema::StructDef& toleration = def("core/v1", "Toleration");
        add(toleration, "key", str);
        add(toleration, "operator", str);
        add(toleration, "value", str);
        add(toleration, "effect", str);
        add(toleration, "tolerationSeconds", i64);

        schema::StructDef& localRef = def("core/v1", "LocalObjectReference");
        add(localRef, "name", str);

        schema::StructDef& podSpec = def("core/v1", "PodSpec");
        add(podSpec, "containers", listOf(structType(container)), "name", "merge");
        add(podSpec, "initContainers", listOf(structType(container)), "name", "merge");
        add(podSpec, "volumes", listOf(structType(volume)), "name", "merge,retainKeys");
        add(podSpec, "tolerations", listOf(structType(toleration)));
        add(podSpec, "imagePullSecrets", listOf(structType(localRef)), "name", "merge");
        add(podSpec, "nodeSelector", stringMap);
        add(podSpec, "restartPolicy", str);
        add(podSpec, "nodeName", str);

        schema::StructDef& pod = def("core/v1", "Pod");
        addTypeMeta(pod, str);
        add(pod, "metadata", structType(meta));
        add(pod, "spec", structType(podSpec));

        schema::StructDef& templateSpec = def("core/v1", "PodTemplateSpec");
        add(templateSpec, "metadata", structType(meta));
        add(templateSpec, "spec", structType(podSpec));

        schema::StructDef& rollingUpdate = def("apps/v1", "RollingUpdateDeployment");
        add(rollingUpdate, "maxSurge", intOrString);
        add(rollingUpdate, "maxUnavailable", intOrString);
        schema::StructDef& strategy = def("apps/v1", "DeploymentStrategy");
        add(strategy, "type", str);
        add(strategy, "rollingUpdate", structType(rollingUpdate));

        schema::StructDef& deploymentSpec = def("apps/v1", "DeploymentSpec");
        add(deploymentSpec, "replicas", i32);
        add(deploymentSpec, "selector", structType(selector));
        add(deploymentSpec, "template", structType(templateSpec));
        add(deploymentSpec, "strategy", structType(strategy), "", "retainKeys");
        add(deploymentSpec, "paused", scalar(TypeKind::Bool, "bool"));

        schema::StructDef& deploymentStatus = def("apps/v1", "DeploymentStatus");
        add(deploymentStatus, "replicas", i32);
        add(deploymentStatus, "readyReplicas", i32);

        deployment_ = &def("apps/v1", "Deployment");
        addTypeMeta(*deployment_, str);
        add(*deployment_, "metadata", structType(meta));
        add(*deployment_, "spec", structType(deploymentSpec));
        add(*deployment_, "status", structType(deploymentStatus));

        schema::StructDef& servicePort = def("core/v1", "ServicePort");
        add(servicePort, "name", str);
        add(servicePort, "port", i32);
        add(servicePort, "targetPort", intOrString);
        add(servicePort, "protocol", str);
        add(servicePort, "nodePort", i32);
        schema::StructDef& serviceSpec = def("core/v1", "ServiceSpec");
        add(serviceSpec, "ports", listOf(structType(servicePort)), "port", "merge");
        add(serviceSpec, "selector", stringMap);
        add(serviceSpec, "type", str);
        add(serviceSpec, "clusterIP", str);
        add(serviceSpec, "externalIPs", stringList);
        service_ = &def("core/v1", "Service");
        addTypeMeta(*service_, str);
        add(*service_, "metadata", structType(meta));
        add(*service_, "spec", structType(serviceSpec));

        pod_ = &pod;
    }

    PatchTestSchema(const PatchTestSchema&) = delete;
    PatchTestSchema& operator=(const PatchTestSchema&) = delete;

    const schema::StructDef* deployment() const { return deployment_; }
    const schema::StructDef* pod() const { return pod_; }
    const schema::StructDef* service() const { return service_; }

private:
    const schema::Type* scalar(schema::TypeKind kind, const std::string& name) {
        types_.push_back(schema::Type{kind, name, nullptr, nullptr});
        return &types_.back();
    }
    const schema::Type* listOf(const schema::Type* elem) {
        types_.push_back(schema::Type{schema::TypeKind::List, "[]" + elem->name, elem, nullptr});
        return &types_.back();
    }
    const schema::Type* mapOf(const schema::Type* elem) {
        types_.push_back(schema::Type{schema::TypeKind::Map, "map[string]" + elem->name, elem, nullptr});
        return &types_.back();
    }
    const schema::Type* structType(const schema::StructDef& d) {
        types_.push_back(schema::Type{schema::TypeKind::Struct, d.qualifiedName(), nullptr, &d});
        return &types_.back();
    }
    schema::StructDef& def(const std::string& package, const std::string& name) {
        structs_.push_back(schema::StructDef{package, name, "", {}});
        return structs_.back();
    }
    void add(schema::StructDef& d, const std::string& name, const schema::Type* type, const std::string& mergeKey = "",
             const std::string& strategy = "") {
        schema::Field f;
        f.name = name;
        f.type = type;
        f.patchMergeKey = mergeKey;
        f.patchStrategy = strategy;
        d.fields.push_back(f);
    }
    void addTypeMeta(schema::StructDef& d, const schema::Type* str) {
        add(d, "apiVersion", str);
        add(d, "kind", str);
    }

    std::deque<schema::Type> types_;
    std::deque<schema::StructDef> structs_;
    schema::StructDef* deployment_ = nullptr;
    schema::StructDef* pod_ = nullptr;
    schema::StructDef* service_ = nullptr;
};

// A JSON literal: json(R"({"a":1})").
inline Json json(const char* text) { return Json::parse(text); }

// One schema shared by the patch tests.
inline const PatchTestSchema& patchTestSchema() {
    static const PatchTestSchema schema;
    return schema;
}

}  // namespace kp::test
