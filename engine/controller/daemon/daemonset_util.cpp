#include "controller/daemon/daemonset_util.h"

#include <cmath>
#include <cstdlib>

#include "base/time.h"
#include "controller/nodelifecycle/taints.h"

namespace kp::daemon {
namespace {

// Toleration.MatchToleration: same key, operator, value and effect.
bool sameToleration(const Json& a, const Json& b) {
    return stringAt(a, "key") == stringAt(b, "key") && stringAt(a, "operator") == stringAt(b, "operator") &&
           stringAt(a, "value") == stringAt(b, "value") && stringAt(a, "effect") == stringAt(b, "effect");
}

// Upstream: pkg/apis/core/v1/helper/helpers.go#AddOrUpdateTolerationInPodSpec
void addOrUpdateToleration(Json& podSpec, const Json& toleration) {
    Json& list = podSpec["tolerations"];
    if (!list.is_array())
        list = Json::array();
    for (Json& t : list) {
        if (!sameToleration(t, toleration))
            continue;
        t = toleration;  // e.g. a tolerationSeconds of the user's goes: daemon pods stay forever
        return;
    }
    list.push_back(toleration);
}

Json existsToleration(const char* key, const char* effect) {
    return Json{{"key", key}, {"operator", "Exists"}, {"effect", effect}};
}

}  // namespace

// Upstream: daemon/util/daemonset_util.go#AddOrUpdateDaemonPodTolerations
void addOrUpdateDaemonPodTolerations(Json& podSpec) {
    addOrUpdateToleration(podSpec, existsToleration(taints::kNotReady, "NoExecute"));
    addOrUpdateToleration(podSpec, existsToleration(taints::kUnreachable, "NoExecute"));
    addOrUpdateToleration(podSpec, existsToleration(taints::kDiskPressure, "NoSchedule"));
    addOrUpdateToleration(podSpec, existsToleration(taints::kMemoryPressure, "NoSchedule"));
    addOrUpdateToleration(podSpec, existsToleration(taints::kPIDPressure, "NoSchedule"));
    addOrUpdateToleration(podSpec, existsToleration(taints::kUnschedulable, "NoSchedule"));
    if (boolAt(podSpec, "hostNetwork"))
        addOrUpdateToleration(podSpec, existsToleration(taints::kNetworkUnavailable, "NoSchedule"));
}

std::optional<int64_t> templateGeneration(const Json& ds) {
    const Json* annotations = findPath(ds, "metadata.annotations");
    if (!annotations || !annotations->is_object())
        return std::nullopt;
    auto it = annotations->find(kTemplateGenerationAnnotation);
    if (it == annotations->end() || !it->is_string())
        return std::nullopt;
    const std::string text = it->get<std::string>();
    char* end = nullptr;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0')
        return std::nullopt;
    return v;
}

// Upstream: daemon/util/daemonset_util.go#CreatePodTemplate
Json createPodTemplate(const Json& podTemplate, std::optional<int64_t> generation, const std::string& hash) {
    Json t = podTemplate;
    addOrUpdateDaemonPodTolerations(t["spec"]);
    Json& labels = t["metadata"]["labels"];
    if (!labels.is_object())
        labels = Json::object();
    if (generation)
        labels[kTemplateGenerationLabel] = std::to_string(*generation);
    if (!hash.empty())
        labels[kControllerRevisionHashLabel] = hash;
    return t;
}

// Upstream: daemon/util/daemonset_util.go#ReplaceDaemonSetPodNodeNameNodeAffinity
void replaceNodeNameNodeAffinity(Json& podSpec, const std::string& nodeName) {
    Json term = {{"matchFields", Json::array({{{"key", "metadata.name"},
                                               {"operator", "In"},
                                               {"values", Json::array({nodeName})}}})}};
    Json& affinity = podSpec["affinity"];
    if (!affinity.is_object())
        affinity = Json::object();
    Json& nodeAffinity = affinity["nodeAffinity"];
    if (!nodeAffinity.is_object())
        nodeAffinity = Json::object();
    nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"] = Json{{"nodeSelectorTerms", Json::array({term})}};
}

// Upstream: daemon/util/daemonset_util.go#GetTargetNodeName
std::optional<std::string> targetNodeName(const Json& pod) {
    if (std::string node = stringAt(pod, "spec.nodeName"); !node.empty())
        return node;
    const Json* terms = findPath(pod, "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms");
    if (!terms || !terms->is_array())
        return std::nullopt;
    for (const Json& term : *terms) {
        const Json* fields = findPath(term, "matchFields");
        if (!fields || !fields->is_array())
            continue;
        for (const Json& req : *fields) {
            if (stringAt(req, "key") != "metadata.name" || stringAt(req, "operator") != "In")
                continue;
            const Json* values = findPath(req, "values");
            if (!values || !values->is_array() || values->size() != 1 || !(*values)[0].is_string())
                return std::nullopt;
            return (*values)[0].get<std::string>();
        }
    }
    return std::nullopt;
}

// Upstream: daemon/util/daemonset_util.go#IsPodUpdated
bool isPodUpdated(const Json& pod, const std::string& hash, std::optional<int64_t> generation) {
    const Json* labels = findPath(pod, "metadata.labels");
    std::string podGeneration;
    if (labels && labels->is_object())
        if (auto it = labels->find(kTemplateGenerationLabel); it != labels->end() && it->is_string())
            podGeneration = it->get<std::string>();
    std::string revisionHash;
    if (labels && labels->is_object())
        if (auto it = labels->find(kControllerRevisionHashLabel); it != labels->end() && it->is_string())
            revisionHash = it->get<std::string>();
    const bool templateMatches = generation && podGeneration == std::to_string(*generation);
    const bool hashMatches = !hash.empty() && revisionHash == hash;
    return hashMatches || templateMatches;
}

bool scheduledAndOlder(const Json& a, const Json& b) {
    const bool sa = !stringAt(a, "spec.nodeName").empty(), sb = !stringAt(b, "spec.nodeName").empty();
    if (sa != sb)
        return sa;
    const std::string ta = stringAt(a, "metadata.creationTimestamp"), tb = stringAt(b, "metadata.creationTimestamp");
    if (ta != tb)
        return parseRFC3339(ta).value_or(Time{}) < parseRFC3339(tb).value_or(Time{});
    return stringAt(a, "metadata.name") < stringAt(b, "metadata.name");
}

std::optional<int> scaledValue(const Json& v, int total, bool roundUp) {
    if (v.is_number_integer())
        return v.get<int>();
    if (!v.is_string())
        return std::nullopt;
    std::string s = v.get<std::string>();
    if (s.empty() || s.back() != '%')
        return std::nullopt;
    s.pop_back();
    char* end = nullptr;
    const long pct = std::strtol(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0')
        return std::nullopt;
    const double value = static_cast<double>(pct) * total / 100.0;
    return static_cast<int>(roundUp ? std::ceil(value) : std::floor(value));
}

int surgeCount(const Json& ds, int numberToSchedule) {
    if (stringAt(ds, "spec.updateStrategy.type") != "RollingUpdate")
        return 0;
    const Json* v = findPath(ds, "spec.updateStrategy.rollingUpdate.maxSurge");
    if (!v || v->is_null())
        return 0;
    return scaledValue(*v, numberToSchedule, true).value_or(0);
}

int unavailableCount(const Json& ds, int numberToSchedule) {
    if (stringAt(ds, "spec.updateStrategy.type") != "RollingUpdate")
        return 0;
    const Json* v = findPath(ds, "spec.updateStrategy.rollingUpdate.maxUnavailable");
    if (!v || v->is_null())
        return 0;
    return scaledValue(*v, numberToSchedule, true).value_or(0);
}

std::string safeEncodeString(const std::string& s) {
    static const char kAlphanums[] = "bcdfghjklmnpqrstvwxz2456789";
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s)
        out.push_back(kAlphanums[c % 27]);
    return out;
}

std::string computeHash(const Json& podTemplate, std::optional<int64_t> collisionCount) {
    uint32_t h = 2166136261u;
    auto write = [&h](const unsigned char* p, size_t n) {
        for (size_t i = 0; i < n; ++i) {
            h ^= p[i];
            h *= 16777619u;
        }
    };
    const std::string text = podTemplate.dump();
    write(reinterpret_cast<const unsigned char*>(text.data()), text.size());
    if (collisionCount) {
        unsigned char bytes[8] = {};
        const uint32_t c = static_cast<uint32_t>(*collisionCount);
        for (int i = 0; i < 4; ++i)
            bytes[i] = static_cast<unsigned char>((c >> (8 * i)) & 0xff);
        write(bytes, sizeof bytes);
    }
    return safeEncodeString(std::to_string(h));
}

}  // namespace kp::daemon
