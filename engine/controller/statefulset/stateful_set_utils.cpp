#include "controller/statefulset/stateful_set_utils.h"

#include <set>

#include "api/owner_refs.h"
#include "api/pod_util.h"
#include "controller/statefulset/controller_history.h"

namespace kp::statefulset {
namespace {

const Json& emptyObject() {
    static const Json e = Json::object();
    return e;
}

const Json& claimTemplates(const Json& set) {
    static const Json none = Json::array();
    const Json* t = findPath(set, "spec.volumeClaimTemplates");
    return t && t->is_array() ? *t : none;
}

}  // namespace

std::string labelOf(const Json& obj, const std::string& key) {
    const Json* labels = findPath(obj, "metadata.labels");
    if (!labels || !labels->is_object())
        return "";
    auto it = labels->find(key);
    return it != labels->end() && it->is_string() ? it->get<std::string>() : "";
}

// statefulPodRegex "(.*)-([0-9]+)$" with the ordinal parsed as a 32-bit int.
std::pair<std::string, int> parentNameAndOrdinal(const std::string& podName) {
    size_t end = podName.size();
    size_t digits = end;
    while (digits > 0 && podName[digits - 1] >= '0' && podName[digits - 1] <= '9')
        --digits;
    if (digits == end || digits == 0 || podName[digits - 1] != '-')
        return {"", -1};
    const std::string number = podName.substr(digits);
    const std::string parent = podName.substr(0, digits - 1);
    if (number.size() > 10)
        return {parent, -1};
    const long long v = std::stoll(number);
    if (v > 2147483647LL)
        return {parent, -1};
    return {parent, static_cast<int>(v)};
}

int getOrdinal(const Json& pod) { return parentNameAndOrdinal(stringAt(pod, "metadata.name")).second; }

int startOrdinal(const Json& set) {
    const Json* ordinals = findPath(set, "spec.ordinals");
    return ordinals && ordinals->is_object() ? static_cast<int>(ordinals->value("start", 0)) : 0;
}

int endOrdinal(const Json& set) { return startOrdinal(set) + static_cast<int>(intAt(set, "spec.replicas", 1)) - 1; }

bool podInOrdinalRange(const Json& pod, const Json& set) {
    const int ord = getOrdinal(pod);
    return ord >= startOrdinal(set) && ord <= endOrdinal(set);
}

std::string podName(const Json& set, int ordinal) { return stringAt(set, "metadata.name") + "-" + std::to_string(ordinal); }

std::string claimName(const Json& set, const Json& claimTemplate, int ordinal) {
    return stringAt(claimTemplate, "metadata.name") + "-" + stringAt(set, "metadata.name") + "-" + std::to_string(ordinal);
}

bool isMemberOf(const Json& set, const Json& pod) {
    return parentNameAndOrdinal(stringAt(pod, "metadata.name")).first == stringAt(set, "metadata.name");
}

bool identityMatches(const Json& set, const Json& pod) {
    const std::string name = stringAt(pod, "metadata.name");
    auto [parent, ordinal] = parentNameAndOrdinal(name);
    return ordinal >= 0 && parent == stringAt(set, "metadata.name") && name == podName(set, ordinal) &&
           stringAt(pod, "metadata.namespace") == stringAt(set, "metadata.namespace") &&
           labelOf(pod, kStatefulSetPodNameLabel) == name;
}

bool storageMatches(const Json& set, const Json& pod) {
    const int ordinal = getOrdinal(pod);
    if (ordinal < 0)
        return false;
    const Json* volumes = findPath(pod, "spec.volumes");
    for (const Json& claim : claimTemplates(set)) {
        bool found = false;
        if (volumes && volumes->is_array())
            for (const Json& v : *volumes)
                if (v.value("name", "") == stringAt(claim, "metadata.name")) {
                    found = stringAt(v, "persistentVolumeClaim.claimName") == claimName(set, claim, ordinal);
                    break;
                }
        if (!found)
            return false;
    }
    return true;
}

void updateIdentity(const Json& set, Json& pod) {
    const int ordinal = getOrdinal(pod);
    const std::string name = podName(set, ordinal);
    pod["metadata"]["name"] = name;
    pod["metadata"]["namespace"] = stringAt(set, "metadata.namespace");
    Json& labels = pod["metadata"]["labels"];
    if (!labels.is_object())
        labels = Json::object();
    labels[kStatefulSetPodNameLabel] = name;
    labels[kPodIndexLabel] = std::to_string(ordinal);  // PodIndexLabel, GA in 1.32
}

std::vector<Json> persistentVolumeClaims(const Json& set, const Json& pod) {
    std::vector<Json> claims;
    const int ordinal = getOrdinal(pod);
    const Json matchLabels = findPath(set, "spec.selector.matchLabels") ? *findPath(set, "spec.selector.matchLabels") : Json::object();
    for (const Json& tmpl : claimTemplates(set)) {
        Json meta = tmpl.value("metadata", Json::object());
        meta.erase("creationTimestamp");
        meta["name"] = claimName(set, tmpl, ordinal);
        meta["namespace"] = stringAt(set, "metadata.namespace");
        Json labels = meta.value("labels", Json::object());
        for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it)
            labels[it.key()] = it.value();
        if (!labels.empty())
            meta["labels"] = labels;
        claims.push_back({{"apiVersion", "v1"},
                          {"kind", "PersistentVolumeClaim"},
                          {"metadata", meta},
                          {"spec", tmpl.value("spec", Json::object())}});
    }
    return claims;
}

void updateStorage(const Json& set, Json& pod) {
    const std::vector<Json> claims = persistentVolumeClaims(set, pod);
    std::set<std::string> claimVolumeNames;
    Json volumes = Json::array();
    size_t i = 0;
    for (const Json& tmpl : claimTemplates(set)) {
        const std::string name = stringAt(tmpl, "metadata.name");
        claimVolumeNames.insert(name);
        volumes.push_back({{"name", name}, {"persistentVolumeClaim", {{"claimName", stringAt(claims[i++], "metadata.name")}}}});
    }
    if (const Json* current = findPath(pod, "spec.volumes"); current && current->is_array())
        for (const Json& v : *current)
            if (!claimVolumeNames.count(v.value("name", "")))
                volumes.push_back(v);
    if (volumes.empty())
        pod["spec"].erase("volumes");
    else
        pod["spec"]["volumes"] = volumes;
}

// Upstream: stateful_set_utils.go#newStatefulSetPod (controller.GetPodFromTemplate + initIdentity + updateStorage).
Json newStatefulSetPod(const Json& set, int ordinal) {
    const Json& spec = set.contains("spec") ? set["spec"] : emptyObject();
    const Json tmpl = spec.value("template", Json::object());
    const Json tmeta = tmpl.value("metadata", Json::object());
    Json meta = {{"generateName", stringAt(set, "metadata.name") + "-"}};
    for (const char* field : {"labels", "annotations", "finalizers"})
        if (tmeta.contains(field) && !tmeta[field].empty())
            meta[field] = tmeta[field];
    meta["ownerReferences"] = Json::array({owner::newControllerRef(set)});
    meta["name"] = podName(set, ordinal);
    Json pod = {{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", meta}, {"spec", tmpl.value("spec", Json::object())}};
    updateIdentity(set, pod);
    // Immutable identity, set only at creation: the stable DNS name <pod>.<service>.
    pod["spec"]["hostname"] = podName(set, ordinal);
    if (std::string service = stringAt(set, "spec.serviceName"); !service.empty())
        pod["spec"]["subdomain"] = service;
    updateStorage(set, pod);
    return pod;
}

// Upstream: stateful_set_utils.go#newVersionedStatefulSetPod (its && / || grouping included).
Json newVersionedStatefulSetPod(const Json& currentSet, const Json& updateSet, const std::string& currentRevision,
                                const std::string& updateRevision, int ordinal) {
    const Json* rollingUpdate = findPath(currentSet, "spec.updateStrategy.rollingUpdate");
    const bool hasRollingUpdate = rollingUpdate && rollingUpdate->is_object();
    const int start = startOrdinal(currentSet);
    const bool useCurrent =
        (stringAt(currentSet, "spec.updateStrategy.type") == "RollingUpdate" && !hasRollingUpdate &&
         ordinal < start + static_cast<int>(intAt(currentSet, "status.currentReplicas"))) ||
        (hasRollingUpdate && ordinal < start + static_cast<int>(rollingUpdate->value("partition", 0)));
    Json pod = newStatefulSetPod(useCurrent ? currentSet : updateSet, ordinal);
    pod["metadata"]["labels"][kStatefulSetRevisionLabel] = useCurrent ? currentRevision : updateRevision;
    return pod;
}

bool isCreated(const Json& pod) { return !stringAt(pod, "status.phase").empty(); }

bool isRunningAndReady(const Json& pod) { return stringAt(pod, "status.phase") == "Running" && pod::isReady(pod); }

bool isRunningAndAvailable(const Json& pod, int64_t minReadySeconds, Time now) {
    return pod::isAvailable(pod, minReadySeconds, now);
}

bool isHealthy(const Json& pod) { return isRunningAndReady(pod) && !pod::isTerminating(pod); }

bool allowsBurst(const Json& set) { return stringAt(set, "spec.podManagementPolicy") == "Parallel"; }

std::string getPodRevision(const Json& pod) { return labelOf(pod, kStatefulSetRevisionLabel); }

// Upstream: stateful_set_utils.go#getPatch
Json revisionData(const Json& set) {
    Json tmpl = set.value("spec", Json::object()).value("template", Json::object());
    tmpl["$patch"] = "replace";
    return Json{{"spec", {{"template", tmpl}}}};
}

// Upstream: stateful_set_utils.go#newRevision + history.NewControllerRevision
Json newRevision(const Json& set, int64_t revision, int collisionCount) {
    const Json data = revisionData(set);
    const std::string hash = hashControllerRevision(data, collisionCount);
    Json labels = Json::object();
    if (const Json* l = findPath(set, "spec.template.metadata.labels"); l && l->is_object())
        labels = *l;
    labels[kControllerRevisionHashLabel] = hash;
    Json meta = {{"name", controllerRevisionName(stringAt(set, "metadata.name"), hash)},
                 {"namespace", stringAt(set, "metadata.namespace")},
                 {"labels", labels},
                 {"ownerReferences", Json::array({owner::newControllerRef(set)})}};
    if (const Json* a = findPath(set, "metadata.annotations"); a && a->is_object() && !a->empty())
        meta["annotations"] = *a;
    return Json{{"apiVersion", "apps/v1"}, {"kind", "ControllerRevision"}, {"metadata", meta}, {"data", data}, {"revision", revision}};
}

// Upstream: stateful_set_utils.go#ApplyRevision (the patch replaces spec.template).
Json applyRevision(const Json& set, const Json& revision) {
    Json restored = set;
    const Json* tmpl = findPath(revision, "data.spec.template");
    if (!tmpl || !tmpl->is_object())
        return restored;
    Json t = *tmpl;
    t.erase("$patch");
    restored["spec"]["template"] = t;
    return restored;
}

int64_t nextRevision(const std::vector<ObjectPtr>& sorted) {
    return sorted.empty() ? 1 : intAt(*sorted.back(), "revision") + 1;
}

StatefulSetStatus parseStatus(const Json& set) {
    StatefulSetStatus s;
    const Json status = set.value("status", Json::object());
    if (!status.is_object())
        return s;
    s.observedGeneration = status.value("observedGeneration", 0);
    s.replicas = status.value("replicas", 0);
    s.readyReplicas = status.value("readyReplicas", 0);
    s.currentReplicas = status.value("currentReplicas", 0);
    s.updatedReplicas = status.value("updatedReplicas", 0);
    s.availableReplicas = status.value("availableReplicas", 0);
    s.currentRevision = status.value("currentRevision", "");
    s.updateRevision = status.value("updateRevision", "");
    s.collisionCount = status.value("collisionCount", 0);
    return s;
}

Json statusToJson(const StatefulSetStatus& s) {
    Json j = {{"replicas", s.replicas}, {"availableReplicas", s.availableReplicas}, {"collisionCount", s.collisionCount}};
    if (s.observedGeneration != 0)
        j["observedGeneration"] = s.observedGeneration;
    if (s.readyReplicas != 0)
        j["readyReplicas"] = s.readyReplicas;
    if (s.currentReplicas != 0)
        j["currentReplicas"] = s.currentReplicas;
    if (s.updatedReplicas != 0)
        j["updatedReplicas"] = s.updatedReplicas;
    if (!s.currentRevision.empty())
        j["currentRevision"] = s.currentRevision;
    if (!s.updateRevision.empty())
        j["updateRevision"] = s.updateRevision;
    return j;
}

bool inconsistentStatus(const Json& set, const StatefulSetStatus& status) {
    const StatefulSetStatus old = parseStatus(set);
    return status.observedGeneration > old.observedGeneration || status.replicas != old.replicas ||
           status.currentReplicas != old.currentReplicas || status.readyReplicas != old.readyReplicas ||
           status.updatedReplicas != old.updatedReplicas || status.currentRevision != old.currentRevision ||
           status.availableReplicas != old.availableReplicas || status.updateRevision != old.updateRevision;
}

void completeRollingUpdate(const Json& set, StatefulSetStatus& status) {
    const int replicas = static_cast<int>(intAt(set, "spec.replicas", 1));
    if (stringAt(set, "spec.updateStrategy.type") == "RollingUpdate" && status.updatedReplicas == replicas &&
        status.readyReplicas == replicas && status.replicas == replicas) {
        status.currentReplicas = status.updatedReplicas;
        status.currentRevision = status.updateRevision;
    }
}

}  // namespace kp::statefulset
