// The deletion ranking (ActivePodsWithRanks) on hand-made pods.
#include <catch2/catch.hpp>

#include "controller/replicaset/active_pods.h"

using namespace kp;
using namespace kp::replicaset;

namespace {

const Time kNow = *parseRFC3339("2025-01-15T12:00:00Z");

ObjectPtr pod(const std::string& name, const std::string& uid, const std::string& node, Duration readyAgo,
              Duration createdAgo = Duration::hours(1)) {
    Json p = {{"metadata",
               {{"name", name}, {"uid", uid}, {"creationTimestamp", formatRFC3339(kNow - createdAgo)}}},
              {"spec", {{"nodeName", node}}},
              {"status",
               {{"phase", "Running"},
                {"conditions",
                 Json::array({{{"type", "Ready"}, {"status", "True"},
                               {"lastTransitionTime", formatRFC3339(kNow - readyAgo)}}})}}}};
    return std::make_shared<const Json>(std::move(p));
}

std::vector<std::string> namesOf(const std::vector<ObjectPtr>& pods) {
    std::vector<std::string> out;
    for (const ObjectPtr& p : pods)
        out.push_back(stringAt(*p, "metadata.name"));
    return out;
}

}  // namespace

TEST_CASE("pods on a node crowded with the owner's pods are deleted first", "[replicaset]") {
    std::vector<ObjectPtr> pods = {pod("c", "3", "minikube-m02", Duration::minutes(5)),
                                   pod("a", "1", "minikube", Duration::minutes(5)),
                                   pod("b", "2", "minikube", Duration::minutes(5))};
    std::vector<std::string> first = namesOf(getPodsToDelete(pods, pods, 2, kNow));
    std::sort(first.begin(), first.end());
    CHECK(first == std::vector<std::string>{"a", "b"});
}

TEST_CASE("ready and creation times compare on a log2 scale, ties broken by uid", "[replicaset]") {
    // 10 s and 12 s ago fall in the same power-of-two bucket of nanoseconds (2^33): the smaller
    // uid goes first although "late" became ready later.
    std::vector<ObjectPtr> pods = {pod("early", "aaa", "n1", Duration::seconds(12)),
                                   pod("late", "zzz", "n2", Duration::seconds(10))};
    CHECK(namesOf(getPodsToDelete(pods, pods, 1, kNow)) == std::vector<std::string>{"early"});
    // 10 s against 100 s: different buckets, the more recently ready goes first.
    pods = {pod("old", "aaa", "n1", Duration::seconds(100)), pod("new", "zzz", "n2", Duration::seconds(10))};
    CHECK(namesOf(getPodsToDelete(pods, pods, 1, kNow)) == std::vector<std::string>{"new"});
}

TEST_CASE("more restarts go before fewer, pending before running, unscheduled before scheduled", "[replicaset]") {
    Json restarted = *pod("restarted", "2", "n2", Duration::minutes(5));
    restarted["status"]["containerStatuses"] = Json::array({{{"name", "app"}, {"restartCount", 4}}});
    Json pending = {{"metadata", {{"name", "pending"}, {"uid", "3"}}}, {"spec", {{"nodeName", "n3"}}},
                    {"status", {{"phase", "Pending"}}}};
    Json unscheduled = {{"metadata", {{"name", "unscheduled"}, {"uid", "4"}}}, {"spec", Json::object()},
                        {"status", {{"phase", "Pending"}}}};
    std::vector<ObjectPtr> pods = {pod("steady", "1", "n1", Duration::minutes(5)),
                                   std::make_shared<const Json>(restarted), std::make_shared<const Json>(pending),
                                   std::make_shared<const Json>(unscheduled)};
    CHECK(namesOf(getPodsToDelete(pods, {}, 3, kNow)) == std::vector<std::string>{"unscheduled", "pending", "restarted"});
}

TEST_CASE("a pod is available only once Ready for more than minReadySeconds", "[replicaset]") {
    const ObjectPtr p = pod("a", "1", "n1", Duration::seconds(10));
    CHECK(isPodAvailable(*p, 0, kNow));
    CHECK(isPodAvailable(*p, 9, kNow));
    CHECK_FALSE(isPodAvailable(*p, 10, kNow));  // strictly before now, as time.Before
    CHECK(*availableAt(*p, 10) == kNow);
}

TEST_CASE("pod-deletion-cost accepts only canonical int32 values", "[replicaset]") {
    auto withCost = [](const std::string& v) {
        return Json{{"metadata", {{"annotations", {{"controller.kubernetes.io/pod-deletion-cost", v}}}}}};
    };
    CHECK(podDeletionCost(withCost("-5")) == -5);
    CHECK(podDeletionCost(withCost("100")) == 100);
    CHECK(podDeletionCost(withCost("+10")) == 0);
    CHECK(podDeletionCost(withCost("007")) == 0);
    CHECK(podDeletionCost(withCost("3000000000")) == 0);
}
