#include "controller/replicaset/active_pods.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "api/pod_util.h"

namespace kp::replicaset {
namespace {

constexpr const char* kPodDeletionCost = "controller.kubernetes.io/pod-deletion-cost";

std::optional<Time> readyTransition(const Json& pod) {
    const Json* c = pod::condition(pod, "Ready");
    if (!c || c->value("status", "") != "True")
        return std::nullopt;
    const Json* ltt = c->is_object() ? &(*c)["lastTransitionTime"] : nullptr;
    if (!ltt || !ltt->is_string())
        return Time{};
    return parseRFC3339(ltt->get<std::string>()).value_or(Time{});
}

// What ActivePodsWithRanks.Less looks at, computed once per pod.
struct RankKey {
    ObjectPtr pod;
    bool assigned = false;
    int phase = 0;
    bool ready = false;
    int32_t cost = 0;
    int rank = 0;
    Time readyTime;
    int restarts = 0;
    Time created;
    std::string uid;
};

int phaseOrdinal(const Json& pod) {
    const std::string phase = stringAt(pod, "status.phase");
    if (phase == "Unknown")
        return 1;
    if (phase == "Running")
        return 2;
    return 0;  // Pending, and phases missing from upstream's map
}

int maxContainerRestarts(const Json& pod) {
    int max = 0;
    if (const Json* statuses = findPath(pod, "status.containerStatuses"); statuses && statuses->is_array())
        for (const Json& s : *statuses)
            if (s.is_object())
                max = std::max(max, static_cast<int>(s.value("restartCount", 0)));
    return max;
}

// afterOrZero: t1 is after t2, a zero time counting as the latest.
bool afterOrZero(Time t1, Time t2) {
    if (t1.isZero() || t2.isZero())
        return t1.isZero();
    return t1 > t2;
}

// logarithmicRankDiff: floor(log2(age in nanoseconds)) of t1 minus that of t2.
int64_t logarithmicRankDiff(Time t1, Time t2, Time now) {
    auto logRank = [&](Time t) -> int64_t {
        const double ns = double((now - t).ms) * 1e6;
        return ns > 0 ? static_cast<int64_t>(std::log2(ns)) : -1;
    };
    return logRank(t1) - logRank(t2);
}

// Upstream: controller_utils.go#ActivePodsWithRanks.Less (LogarithmicScaleDown and
// PodDeletionCost on, as in 1.32).
bool less(const RankKey& a, const RankKey& b, Time now) {
    if (a.assigned != b.assigned)
        return !a.assigned;
    if (a.phase != b.phase)
        return a.phase < b.phase;
    if (a.ready != b.ready)
        return !a.ready;
    if (a.cost != b.cost)
        return a.cost < b.cost;
    if (a.rank != b.rank)
        return a.rank > b.rank;
    if (a.ready && b.ready && a.readyTime != b.readyTime) {
        if (a.readyTime.isZero() || b.readyTime.isZero())
            return afterOrZero(a.readyTime, b.readyTime);
        const int64_t diff = logarithmicRankDiff(a.readyTime, b.readyTime, now);
        if (diff == 0)
            return a.uid < b.uid;
        return diff < 0;
    }
    if (a.restarts != b.restarts)
        return a.restarts > b.restarts;
    if (a.created != b.created) {
        if (a.created.isZero() || b.created.isZero())
            return afterOrZero(a.created, b.created);
        const int64_t diff = logarithmicRankDiff(a.created, b.created, now);
        if (diff == 0)
            return a.uid < b.uid;
        return diff < 0;
    }
    return false;
}

}  // namespace

bool isPodActive(const Json& pod) { return pod::isActive(pod); }

bool isPodAvailable(const Json& pod, int64_t minReadySeconds, Time now) {
    if (minReadySeconds == 0)
        return pod::isReady(pod);  // (no need to parse the transition time)
    std::optional<Time> ready = readyTransition(pod);
    if (!ready)
        return false;
    if (minReadySeconds == 0)
        return true;
    return !ready->isZero() && *ready + Duration::seconds(minReadySeconds) < now;
}

std::optional<Time> availableAt(const Json& pod, int64_t minReadySeconds) {
    std::optional<Time> ready = readyTransition(pod);
    if (!ready || ready->isZero())
        return std::nullopt;
    return *ready + Duration::seconds(minReadySeconds);
}

// Upstream: pkg/apis/core/helper/helpers.go#GetDeletionCostFromPodAnnotations
int32_t podDeletionCost(const Json& pod) {
    const Json* v = findPath(pod, "metadata.annotations");
    if (!v || !v->is_object())
        return 0;
    auto it = v->find(kPodDeletionCost);
    if (it == v->end() || !it->is_string())
        return 0;
    const std::string s = it->get<std::string>();
    // "+10" and leading zeros ("008") are invalid.
    if (s.empty() || !(s[0] == '-' || s == "0" || (s[0] >= '1' && s[0] <= '9')))
        return 0;
    try {
        size_t used = 0;
        const long long n = std::stoll(s, &used);
        if (used != s.size() || n < INT32_MIN || n > INT32_MAX)
            return 0;
        return static_cast<int32_t>(n);
    } catch (...) {
        return 0;
    }
}

// Upstream: replica_set.go#getPodsToDelete, getPodsRankedByRelatedPodsOnSameNode
std::vector<ObjectPtr> getPodsToDelete(std::vector<ObjectPtr> filteredPods, const std::vector<ObjectPtr>& relatedPods,
                                       int diff, Time now) {
    if (diff >= static_cast<int>(filteredPods.size()))
        return filteredPods;
    std::map<std::string, int> podsOnNode;
    for (const ObjectPtr& p : relatedPods)
        if (isPodActive(*p))
            ++podsOnNode[stringAt(*p, "spec.nodeName")];
    std::vector<RankKey> keys;
    keys.reserve(filteredPods.size());
    for (const ObjectPtr& p : filteredPods) {
        RankKey k;
        k.pod = p;
        const std::string node = stringAt(*p, "spec.nodeName");
        k.assigned = !node.empty();
        k.phase = phaseOrdinal(*p);
        std::optional<Time> ready = readyTransition(*p);
        k.ready = ready.has_value();
        k.readyTime = ready.value_or(Time{});
        k.cost = podDeletionCost(*p);
        auto it = podsOnNode.find(node);
        k.rank = it == podsOnNode.end() ? 0 : it->second;
        k.restarts = maxContainerRestarts(*p);
        k.created = parseRFC3339(stringAt(*p, "metadata.creationTimestamp")).value_or(Time{});
        k.uid = stringAt(*p, "metadata.uid");
        keys.push_back(std::move(k));
    }
    // A stable sort: the log-scale comparison is not a strict weak ordering in every corner.
    std::stable_sort(keys.begin(), keys.end(), [now](const RankKey& a, const RankKey& b) { return less(a, b, now); });
    std::vector<ObjectPtr> out;
    for (int i = 0; i < diff; ++i)
        out.push_back(keys[i].pod);
    return out;
}

}  // namespace kp::replicaset
