#include "controller/deployment/deployment_util.h"

#include <algorithm>
#include <climits>
#include <cmath>

#include "controller/deployment/pod_template_hash.h"

namespace kp::deployment {
namespace {

const Json* annotations(const Json& obj) {
    const Json* a = findPath(obj, "metadata.annotations");
    return a && a->is_object() ? a : nullptr;
}

std::optional<std::string> annotation(const Json& obj, const char* key) {
    const Json* a = annotations(obj);
    if (!a)
        return std::nullopt;
    auto it = a->find(key);
    if (it == a->end() || !it->is_string())
        return std::nullopt;
    return it->get<std::string>();
}

// strconv.ParseInt(s, 10, 64).
std::optional<int64_t> parseInt(const std::string& s) {
    if (s.empty())
        return std::nullopt;
    size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (i == s.size())
        return std::nullopt;
    for (size_t k = i; k < s.size(); ++k)
        if (s[k] < '0' || s[k] > '9')
            return std::nullopt;
    try {
        return std::stoll(s);
    } catch (...) {
        return std::nullopt;
    }
}

Time creationOf(const Json& rs) { return parseRFC3339(stringAt(rs, "metadata.creationTimestamp")).value_or(Time{}); }

bool createdBefore(const Json& a, const Json& b) {
    const Time ta = creationOf(a), tb = creationOf(b);
    if (ta == tb)
        return stringAt(a, "metadata.name") < stringAt(b, "metadata.name");
    return ta < tb;
}

int32_t statusCount(const Json& rs, const char* field) {
    return static_cast<int32_t>(intAt(rs, std::string("status.") + field));
}

}  // namespace

int32_t replicasOf(const Json& obj) { return static_cast<int32_t>(intAt(obj, "spec.replicas", 1)); }
int32_t specReplicas(const Json& rs) { return replicasOf(rs); }

bool isRollingUpdate(const Json& d) { return stringAt(d, "spec.strategy.type") == "RollingUpdate"; }

bool hasProgressDeadline(const Json& d) {
    const Json* v = findPath(d, "spec.progressDeadlineSeconds");
    return v && v->is_number_integer() && v->get<int64_t>() != INT32_MAX;
}

bool hasRevisionHistoryLimit(const Json& d) {
    const Json* v = findPath(d, "spec.revisionHistoryLimit");
    return v && v->is_number_integer() && v->get<int64_t>() != INT32_MAX;
}

// [SECTION] fenceposts

// Upstream: apimachinery pkg/util/intstr/intstr.go#GetScaledValueFromIntOrPercent
std::optional<int> scaledValueFromIntOrPercent(const Json& value, int total, bool roundUp) {
    if (value.is_number_integer())
        return static_cast<int>(value.get<int64_t>());
    if (!value.is_string())
        return std::nullopt;
    const std::string s = value.get<std::string>();
    if (s.empty() || s.back() != '%')
        return std::nullopt;
    std::optional<int64_t> percent = parseInt(s.substr(0, s.size() - 1));
    if (!percent)
        return std::nullopt;
    const double scaled = double(*percent) * double(total) / 100;
    return static_cast<int>(roundUp ? std::ceil(scaled) : std::floor(scaled));
}

// Upstream: deployment_util.go#ResolveFenceposts
std::pair<int32_t, int32_t> resolveFenceposts(const Json* maxSurge, const Json* maxUnavailable, int32_t desired) {
    const Json zero = 0;
    const int surge = scaledValueFromIntOrPercent(maxSurge && !maxSurge->is_null() ? *maxSurge : zero, desired, true).value_or(0);
    int unavailable =
        scaledValueFromIntOrPercent(maxUnavailable && !maxUnavailable->is_null() ? *maxUnavailable : zero, desired, false)
            .value_or(0);
    if (surge == 0 && unavailable == 0)
        unavailable = 1;
    return {surge, unavailable};
}

int32_t maxSurge(const Json& d) {
    if (!isRollingUpdate(d))
        return 0;
    return resolveFenceposts(findPath(d, "spec.strategy.rollingUpdate.maxSurge"),
                             findPath(d, "spec.strategy.rollingUpdate.maxUnavailable"), replicasOf(d))
        .first;
}

int32_t maxUnavailable(const Json& d) {
    if (!isRollingUpdate(d) || replicasOf(d) == 0)
        return 0;
    const int32_t unavailable = resolveFenceposts(findPath(d, "spec.strategy.rollingUpdate.maxSurge"),
                                                  findPath(d, "spec.strategy.rollingUpdate.maxUnavailable"), replicasOf(d))
                                    .second;
    return std::min(unavailable, replicasOf(d));
}

// Upstream: deployment_util.go#NewRSNewReplicas
int32_t newRSNewReplicas(const Json& d, const ReplicaSets& allRSs, const Json& newRS) {
    if (!isRollingUpdate(d))
        return replicasOf(d);  // Recreate
    const Json* surgeValue = findPath(d, "spec.strategy.rollingUpdate.maxSurge");
    const int surge = surgeValue ? scaledValueFromIntOrPercent(*surgeValue, replicasOf(d), true).value_or(0) : 0;
    const int32_t currentPodCount = getReplicaCountForReplicaSets(allRSs);
    const int32_t maxTotalPods = replicasOf(d) + surge;
    if (currentPodCount >= maxTotalPods)
        return specReplicas(newRS);
    const int32_t scaleUpCount = std::min(maxTotalPods - currentPodCount, replicasOf(d) - specReplicas(newRS));
    return specReplicas(newRS) + scaleUpCount;
}

// Upstream: deployment_util.go#IsSaturated
bool isSaturated(const Json& d, const Json* rs) {
    if (!rs)
        return false;
    std::optional<std::string> desired = annotation(*rs, kDesiredReplicasAnnotation);
    std::optional<int64_t> n = desired ? parseInt(*desired) : std::nullopt;
    if (!n)
        return false;
    return specReplicas(*rs) == replicasOf(d) && *n == replicasOf(d) && statusCount(*rs, "availableReplicas") == replicasOf(d);
}

// Upstream: deployment_util.go#GetProportion, getReplicaSetFraction
int32_t getProportion(const Json* rs, const Json& d, int32_t toAdd, int32_t added) {
    if (!rs || specReplicas(*rs) == 0 || toAdd == 0 || toAdd == added)
        return 0;
    int32_t fraction = 0;
    if (replicasOf(d) == 0) {
        fraction = -specReplicas(*rs);
    } else {
        const int32_t deploymentReplicas = replicasOf(d) + maxSurge(d);
        const int32_t annotated =
            intAnnotation(*rs, kMaxReplicasAnnotation).value_or(static_cast<int32_t>(intAt(d, "status.replicas")));
        // SIMPLIFICATION: upstream divides by zero here (no annotation, no status) and converts
        // the infinity to an int32; we give such a ReplicaSet no share.
        if (annotated != 0) {
            const double size = double(specReplicas(*rs) * deploymentReplicas) / double(annotated);
            fraction = static_cast<int32_t>(std::round(size)) - specReplicas(*rs);
        }
    }
    const int32_t allowed = toAdd - added;
    return toAdd > 0 ? std::min(fraction, allowed) : std::max(fraction, allowed);
}

// [SECTION] replica set lists

int32_t getReplicaCountForReplicaSets(const ReplicaSets& rss) {
    int32_t n = 0;
    for (const Json& rs : rss)
        n += specReplicas(rs);
    return n;
}

int32_t getActualReplicaCountForReplicaSets(const ReplicaSets& rss) {
    int32_t n = 0;
    for (const Json& rs : rss)
        n += statusCount(rs, "replicas");
    return n;
}

int32_t getReadyReplicaCountForReplicaSets(const ReplicaSets& rss) {
    int32_t n = 0;
    for (const Json& rs : rss)
        n += statusCount(rs, "readyReplicas");
    return n;
}

int32_t getAvailableReplicaCountForReplicaSets(const ReplicaSets& rss) {
    int32_t n = 0;
    for (const Json& rs : rss)
        n += statusCount(rs, "availableReplicas");
    return n;
}

ReplicaSets filterActiveReplicaSets(const ReplicaSets& rss) {
    ReplicaSets out;
    for (const Json& rs : rss)
        if (specReplicas(rs) > 0)
            out.push_back(rs);
    return out;
}

void sortByCreationTimestamp(ReplicaSets& rss) { std::stable_sort(rss.begin(), rss.end(), createdBefore); }

void sortBySizeOlder(ReplicaSets& rss) {
    std::stable_sort(rss.begin(), rss.end(), [](const Json& a, const Json& b) {
        if (specReplicas(a) == specReplicas(b))
            return createdBefore(a, b);
        return specReplicas(a) > specReplicas(b);
    });
}

void sortBySizeNewer(ReplicaSets& rss) {
    std::stable_sort(rss.begin(), rss.end(), [](const Json& a, const Json& b) {
        if (specReplicas(a) == specReplicas(b))
            return createdBefore(b, a);
        return specReplicas(a) > specReplicas(b);
    });
}

void sortByRevision(ReplicaSets& rss) {
    std::stable_sort(rss.begin(), rss.end(), [](const Json& a, const Json& b) {
        std::optional<int64_t> ra = revisionOf(a), rb = revisionOf(b);
        if (!ra || !rb || *ra == *rb)
            return createdBefore(a, b);
        return *ra < *rb;
    });
}

std::optional<Json> findNewReplicaSet(const Json& d, ReplicaSets& rsList) {
    sortByCreationTimestamp(rsList);
    const Json* tmpl = findPath(d, "spec.template");
    const Json empty = Json::object();
    for (const Json& rs : rsList) {
        const Json* rsTmpl = findPath(rs, "spec.template");
        if (equalIgnoreHash(rsTmpl ? *rsTmpl : empty, tmpl ? *tmpl : empty))
            return rs;
    }
    return std::nullopt;
}

ReplicaSets findOldReplicaSets(const Json& d, ReplicaSets& rsList) {
    std::optional<Json> newRS = findNewReplicaSet(d, rsList);
    const std::string newUid = newRS ? stringAt(*newRS, "metadata.uid") : "";
    ReplicaSets old;
    for (const Json& rs : rsList)
        if (!newRS || stringAt(rs, "metadata.uid") != newUid)
            old.push_back(rs);
    return old;
}

// Upstream: deployment_util.go#FindActiveOrLatest
std::optional<Json> findActiveOrLatest(const std::optional<Json>& newRS, ReplicaSets oldRSs) {
    if (!newRS && oldRSs.empty())
        return std::nullopt;
    sortByCreationTimestamp(oldRSs);
    std::reverse(oldRSs.begin(), oldRSs.end());
    ReplicaSets all = oldRSs;
    if (newRS)
        all.push_back(*newRS);
    ReplicaSets active = filterActiveReplicaSets(all);
    if (active.size() == 1)
        return active.front();
    if (!active.empty())
        return std::nullopt;
    if (newRS)
        return newRS;
    return oldRSs.front();
}

// [SECTION] revisions

std::optional<int64_t> revisionOf(const Json& obj) {
    std::optional<std::string> v = annotation(obj, kRevisionAnnotation);
    if (!v)
        return 0;
    return parseInt(*v);
}

int64_t maxRevision(const ReplicaSets& rss) {
    int64_t max = 0;
    for (const Json& rs : rss)
        if (std::optional<int64_t> v = revisionOf(rs); v && *v > max)
            max = *v;
    return max;
}

bool setDeploymentRevision(Json& d, const std::string& revision) {
    Json& a = ensureObject(d, "metadata.annotations");
    if (a.value(kRevisionAnnotation, "") == revision && a.contains(kRevisionAnnotation))
        return false;
    a[kRevisionAnnotation] = revision;
    return true;
}

std::optional<int32_t> intAnnotation(const Json& rs, const char* key) {
    std::optional<std::string> v = annotation(rs, key);
    if (!v)
        return std::nullopt;
    std::optional<int64_t> n = parseInt(*v);
    if (!n)
        return std::nullopt;
    return static_cast<int32_t>(*n);
}

bool skipCopyAnnotation(std::string_view key) {
    return key == "kubectl.kubernetes.io/last-applied-configuration" || key == kRevisionAnnotation ||
           key == kRevisionHistoryAnnotation || key == kDesiredReplicasAnnotation || key == kMaxReplicasAnnotation ||
           key == "deprecated.deployment.rollback.to";
}

bool setReplicasAnnotations(Json& rs, int32_t desired, int32_t max) {
    bool updated = false;
    Json& a = ensureObject(rs, "metadata.annotations");
    for (auto [key, value] : {std::pair{kDesiredReplicasAnnotation, desired}, std::pair{kMaxReplicasAnnotation, max}}) {
        const std::string text = std::to_string(value);
        if (a.value(key, "") == text)
            continue;
        a[key] = text;
        updated = true;
    }
    return updated;
}

bool replicasAnnotationsNeedUpdate(const Json& rs, int32_t desired, int32_t max) {
    if (!annotations(rs))
        return true;
    return annotation(rs, kDesiredReplicasAnnotation).value_or("") != std::to_string(desired) ||
           annotation(rs, kMaxReplicasAnnotation).value_or("") != std::to_string(max);
}

// Upstream: deployment_util.go#SetNewReplicaSetAnnotations, copyDeploymentAnnotationsToReplicaSet
bool setNewReplicaSetAnnotations(const Json& d, Json& newRS, const std::string& newRevision, bool exists) {
    bool changed = false;
    Json& a = ensureObject(newRS, "metadata.annotations");
    if (const Json* from = annotations(d)) {
        for (auto it = from->begin(); it != from->end(); ++it) {
            if (skipCopyAnnotation(it.key()))
                continue;
            auto cur = a.find(it.key());
            if (cur != a.end() && *cur == it.value())
                continue;
            a[it.key()] = it.value();
            changed = true;
        }
    }
    const bool had = a.contains(kRevisionAnnotation) && a[kRevisionAnnotation].is_string();
    const std::string oldRevision = had ? a[kRevisionAnnotation].get<std::string>() : "";
    int64_t oldRevisionInt = 0;
    if (!oldRevision.empty()) {
        std::optional<int64_t> parsed = parseInt(oldRevision);
        if (!parsed)
            return false;
        oldRevisionInt = *parsed;
    }
    std::optional<int64_t> newRevisionInt = parseInt(newRevision);
    if (!newRevisionInt)
        return false;
    if (oldRevisionInt < *newRevisionInt) {
        a[kRevisionAnnotation] = newRevision;
        changed = true;
    }
    // A ReplicaSet brought back (rollback) remembers the revisions it had: "1,3".
    if (had && oldRevisionInt < *newRevisionInt) {
        const std::string history = a.value(kRevisionHistoryAnnotation, "");
        if (history.empty()) {
            a[kRevisionHistoryAnnotation] = oldRevision;
        } else {
            std::vector<std::string> revisions;
            for (size_t start = 0;;) {
                const size_t comma = history.find(',', start);
                revisions.push_back(history.substr(start, comma - start));
                if (comma == std::string::npos)
                    break;
                start = comma + 1;
            }
            size_t totalLen = history.size() + oldRevision.size() + 1;
            size_t first = 0;
            while (totalLen > kMaxRevHistoryLengthInChars && first < revisions.size()) {
                totalLen -= revisions[first].size() + 1;
                ++first;
            }
            if (totalLen <= kMaxRevHistoryLengthInChars) {
                std::string joined;
                for (size_t i = first; i < revisions.size(); ++i)
                    joined += revisions[i] + ",";
                a[kRevisionHistoryAnnotation] = joined + oldRevision;
            }
        }
    }
    if (!exists && setReplicasAnnotations(newRS, replicasOf(d), replicasOf(d) + maxSurge(d)))
        changed = true;
    return changed;
}

// [SECTION] conditions

Json newDeploymentCondition(const std::string& type, const std::string& status, const std::string& reason,
                            const std::string& message, Time now) {
    const std::string ts = formatRFC3339(now);
    return Json{{"type", type},      {"status", status},          {"lastUpdateTime", ts},
                {"lastTransitionTime", ts}, {"reason", reason}, {"message", message}};
}

const Json* getDeploymentCondition(const Json& status, std::string_view type) {
    const Json* conds = status.is_object() ? findPath(status, "conditions") : nullptr;
    if (!conds || !conds->is_array())
        return nullptr;
    for (const Json& c : *conds)
        if (c.is_object() && c.value("type", "") == type)
            return &c;
    return nullptr;
}

void setDeploymentCondition(Json& status, Json condition) {
    const std::string type = condition.value("type", "");
    if (const Json* current = getDeploymentCondition(status, type)) {
        if (current->value("status", "") == condition.value("status", "") &&
            current->value("reason", "") == condition.value("reason", ""))
            return;
        if (current->value("status", "") == condition.value("status", ""))
            condition["lastTransitionTime"] = current->value("lastTransitionTime", Json(nullptr));
    }
    removeDeploymentCondition(status, type);
    status["conditions"].push_back(std::move(condition));
}

void removeDeploymentCondition(Json& status, std::string_view type) {
    Json kept = Json::array();
    if (const Json* conds = findPath(status, "conditions"); conds && conds->is_array())
        for (const Json& c : *conds)
            if (!c.is_object() || c.value("type", "") != type)
                kept.push_back(c);
    status["conditions"] = std::move(kept);
}

Json replicaSetToDeploymentCondition(const Json& rsCondition) {
    Json c = {{"type", rsCondition.value("type", "")},
              {"status", rsCondition.value("status", "")},
              {"lastTransitionTime", rsCondition.value("lastTransitionTime", Json(nullptr))},
              {"lastUpdateTime", rsCondition.value("lastTransitionTime", Json(nullptr))},
              {"message", rsCondition.value("message", "")}};
    if (!rsCondition.value("reason", "").empty())
        c["reason"] = rsCondition.value("reason", "");
    return c;
}

// [SECTION] progress

Json deploymentStatusOf(const Json& d) {
    const Json* s = findPath(d, "status");
    Json status = s && s->is_object() ? *s : Json::object();
    for (const char* field : {"observedGeneration", "replicas", "updatedReplicas", "readyReplicas", "availableReplicas",
                              "unavailableReplicas"})
        if (status.contains(field) && intAt(status, field) == 0)
            status.erase(field);
    if (status.contains("conditions") && (!status["conditions"].is_array() || status["conditions"].empty()))
        status.erase("conditions");
    if (status.contains("collisionCount") && status["collisionCount"].is_null())
        status.erase("collisionCount");
    return status;
}

bool deploymentComplete(const Json& d, const Json& newStatus) {
    const int32_t replicas = replicasOf(d);
    return intAt(newStatus, "updatedReplicas") == replicas && intAt(newStatus, "replicas") == replicas &&
           intAt(newStatus, "availableReplicas") == replicas &&
           intAt(newStatus, "observedGeneration") >= intAt(d, "metadata.generation");
}

bool deploymentProgressing(const Json& d, const Json& newStatus) {
    const Json* old = findPath(d, "status");
    const Json empty = Json::object();
    const Json& oldStatus = old && old->is_object() ? *old : empty;
    const int64_t oldOld = intAt(oldStatus, "replicas") - intAt(oldStatus, "updatedReplicas");
    const int64_t newOld = intAt(newStatus, "replicas") - intAt(newStatus, "updatedReplicas");
    return intAt(newStatus, "updatedReplicas") > intAt(oldStatus, "updatedReplicas") || newOld < oldOld ||
           intAt(newStatus, "readyReplicas") > intAt(oldStatus, "readyReplicas") ||
           intAt(newStatus, "availableReplicas") > intAt(oldStatus, "availableReplicas");
}

bool deploymentTimedOut(const Json& d, const Json& newStatus, Time now) {
    if (!hasProgressDeadline(d))
        return false;
    const Json* condition = getDeploymentCondition(newStatus, "Progressing");
    if (!condition)
        return false;
    const std::string reason = condition->value("reason", "");
    if (reason == kNewRSAvailableReason)
        return false;
    if (reason == kTimedOutReason)
        return true;
    const Time from = parseRFC3339(condition->value("lastUpdateTime", "")).value_or(Time{});
    return from + Duration::seconds(intAt(d, "spec.progressDeadlineSeconds")) < now;
}

}  // namespace kp::deployment
