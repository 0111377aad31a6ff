// Defaulting for apps/v1, batch/v1, networking, storage, discovery and rbac kinds.
// Upstream: pkg/apis/{apps,batch,networking,storage,discovery,rbac}/v1/defaults.go.
#include "apiserver/registry/defaults.h"

namespace kp::registry {
namespace {

void setIfMissing(Json& obj, const char* key, Json value) {
    if (!obj.contains(key) || obj[key].is_null())
        obj[key] = std::move(value);
}

Json& specOf(Json& obj) {
    Json& spec = obj["spec"];
    if (!spec.is_object())
        spec = Json::object();
    return spec;
}

}  // namespace

void defaultDeployment(Json& d) {
    Json& spec = specOf(d);
    setIfMissing(spec, "replicas", 1);
    Json& strategy = spec["strategy"];
    if (!strategy.is_object())
        strategy = Json::object();
    setIfMissing(strategy, "type", "RollingUpdate");
    if (stringAt(strategy, "type") == "RollingUpdate") {
        Json& ru = strategy["rollingUpdate"];
        if (!ru.is_object())
            ru = Json::object();
        setIfMissing(ru, "maxUnavailable", "25%");
        setIfMissing(ru, "maxSurge", "25%");
    }
    setIfMissing(spec, "revisionHistoryLimit", 10);
    setIfMissing(spec, "progressDeadlineSeconds", 600);
    defaultPodTemplate(spec["template"]);
}

void defaultReplicaSet(Json& rs) {
    Json& spec = specOf(rs);
    setIfMissing(spec, "replicas", 1);
    defaultPodTemplate(spec["template"]);
}

void defaultStatefulSet(Json& sts) {
    Json& spec = specOf(sts);
    setIfMissing(spec, "replicas", 1);
    setIfMissing(spec, "podManagementPolicy", "OrderedReady");
    Json& us = spec["updateStrategy"];
    if (!us.is_object())
        us = Json::object();
    setIfMissing(us, "type", "RollingUpdate");
    if (stringAt(us, "type") == "RollingUpdate") {
        Json& ru = us["rollingUpdate"];
        if (!ru.is_object())
            ru = Json::object();
        setIfMissing(ru, "partition", 0);
    }
    setIfMissing(spec, "revisionHistoryLimit", 10);
    Json& retention = spec["persistentVolumeClaimRetentionPolicy"];
    if (!retention.is_object())
        retention = Json::object();
    setIfMissing(retention, "whenDeleted", "Retain");
    setIfMissing(retention, "whenScaled", "Retain");
    if (spec.contains("volumeClaimTemplates") && spec["volumeClaimTemplates"].is_array()) {
        for (Json& pvc : spec["volumeClaimTemplates"]) {
            setIfMissing(pvc, "apiVersion", "v1");
            setIfMissing(pvc, "kind", "PersistentVolumeClaim");
            if (pvc.contains("metadata"))
                setIfMissing(pvc["metadata"], "creationTimestamp", nullptr);
            defaultPersistentVolumeClaimSpec(pvc["spec"]);
            setIfMissing(pvc, "status", Json{{"phase", "Pending"}});
        }
    }
    defaultPodTemplate(spec["template"]);
}

void defaultDaemonSet(Json& ds) {
    Json& spec = specOf(ds);
    Json& us = spec["updateStrategy"];
    if (!us.is_object())
        us = Json::object();
    setIfMissing(us, "type", "RollingUpdate");
    if (stringAt(us, "type") == "RollingUpdate") {
        Json& ru = us["rollingUpdate"];
        if (!ru.is_object())
            ru = Json::object();
        setIfMissing(ru, "maxUnavailable", 1);
        setIfMissing(ru, "maxSurge", 0);
    }
    setIfMissing(spec, "revisionHistoryLimit", 10);
    defaultPodTemplate(spec["template"]);
}

void defaultJobLabels(Json& job) {
    const Json* templateLabels = findPath(job, "spec.template.metadata.labels");
    if (!templateLabels || !templateLabels->is_object() || templateLabels->empty())
        return;
    Json& metadata = job["metadata"];
    if (!metadata.contains("labels") || !metadata["labels"].is_object() || metadata["labels"].empty())
        metadata["labels"] = *templateLabels;
}

void defaultJob(Json& job) {
    defaultJobLabels(job);
    Json& spec = specOf(job);
    // Upstream: pkg/apis/batch/v1/defaults.go#SetDefaults_Job
    bool hasCompletions = spec.contains("completions") && !spec["completions"].is_null();
    bool hasParallelism = spec.contains("parallelism") && !spec["parallelism"].is_null();
    if (!hasCompletions && !hasParallelism) {
        spec["completions"] = 1;
        spec["parallelism"] = 1;
    }
    setIfMissing(spec, "parallelism", 1);
    if (!spec.contains("backoffLimitPerIndex") || spec["backoffLimitPerIndex"].is_null())
        setIfMissing(spec, "backoffLimit", 6);
    setIfMissing(spec, "completionMode", "NonIndexed");
    setIfMissing(spec, "suspend", false);
    setIfMissing(spec, "podReplacementPolicy",
                 spec.contains("podFailurePolicy") ? "Failed" : "TerminatingOrFailed");
    if (stringAt(spec, "completionMode") == "Indexed" && spec.contains("backoffLimitPerIndex"))
        setIfMissing(spec, "backoffLimit", 2147483647);
    setIfMissing(spec, "manualSelector", nullptr);
    if (spec["manualSelector"].is_null())
        spec.erase("manualSelector");
    defaultPodTemplate(spec["template"]);
}

void defaultCronJob(Json& cj) {
    Json& spec = specOf(cj);
    setIfMissing(spec, "concurrencyPolicy", "Allow");
    setIfMissing(spec, "suspend", false);
    setIfMissing(spec, "successfulJobsHistoryLimit", 3);
    setIfMissing(spec, "failedJobsHistoryLimit", 1);
    Json& jt = spec["jobTemplate"];
    if (!jt.is_object())
        jt = Json::object();
    if (jt.contains("metadata"))
        setIfMissing(jt["metadata"], "creationTimestamp", nullptr);
    else
        jt["metadata"] = Json{{"creationTimestamp", nullptr}};
    Json& jspec = jt["spec"];
    if (!jspec.is_object())
        jspec = Json::object();
    defaultPodTemplate(jspec["template"]);
}

void defaultStorageClass(Json& sc) {
    setIfMissing(sc, "reclaimPolicy", "Delete");
    setIfMissing(sc, "volumeBindingMode", "Immediate");
}

void defaultNetworkPolicy(Json& np) {
    Json& spec = specOf(np);
    if (!spec.contains("policyTypes") || !spec["policyTypes"].is_array() || spec["policyTypes"].empty()) {
        Json types = Json::array({"Ingress"});
        if (spec.contains("egress") && spec["egress"].is_array() && !spec["egress"].empty())
            types.push_back("Egress");
        spec["policyTypes"] = std::move(types);
    }
    for (const char* dir : {"ingress", "egress"}) {
        if (!spec.contains(dir) || !spec[dir].is_array())
            continue;
        for (Json& rule : spec[dir])
            if (rule.contains("ports") && rule["ports"].is_array())
                for (Json& p : rule["ports"])
                    setIfMissing(p, "protocol", "TCP");
    }
}

void defaultEndpointSlice(Json& slice) {
    if (slice.contains("ports") && slice["ports"].is_array())
        for (Json& p : slice["ports"]) {
            setIfMissing(p, "protocol", "TCP");
            setIfMissing(p, "name", "");
        }
}

void defaultRoleBinding(Json& rb) {
    if (!rb.contains("subjects") || !rb["subjects"].is_array())
        return;
    for (Json& s : rb["subjects"]) {
        std::string kind = stringAt(s, "kind");
        if (kind == "User" || kind == "Group")
            setIfMissing(s, "apiGroup", "rbac.authorization.k8s.io");
    }
}

// Upstream: pkg/apis/admissionregistration/v1/defaults.go (SetDefaults_ValidatingWebhook,
// _MutatingWebhook, _Rule, _ServiceReference).
void defaultWebhookConfiguration(Json& config) {
    if (!config.contains("webhooks") || !config["webhooks"].is_array())
        return;
    const bool mutating = stringAt(config, "kind") == "MutatingWebhookConfiguration";
    for (Json& w : config["webhooks"]) {
        if (!w.is_object())
            continue;
        setIfMissing(w, "failurePolicy", "Fail");
        setIfMissing(w, "matchPolicy", "Equivalent");
        setIfMissing(w, "namespaceSelector", Json::object());
        setIfMissing(w, "objectSelector", Json::object());
        setIfMissing(w, "timeoutSeconds", 10);
        if (mutating)
            setIfMissing(w, "reinvocationPolicy", "Never");
        if (w.contains("rules") && w["rules"].is_array())
            for (Json& rule : w["rules"])
                if (rule.is_object())
                    setIfMissing(rule, "scope", "*");
        if (const Json* service = findPath(w, "clientConfig.service"); service && service->is_object())
            setIfMissing(w["clientConfig"]["service"], "port", 443);
    }
}

// Upstream: kube-aggregator pkg/apis/apiregistration/v1/defaults.go.
void defaultAPIService(Json& apiService) {
    if (const Json* service = findPath(apiService, "spec.service"); service && service->is_object())
        setIfMissing(apiService["spec"]["service"], "port", 443);
}

}  // namespace kp::registry
