// Indexed Jobs: each pod carries a completion index (0 .. completions-1) in the annotation and
// label batch.kubernetes.io/job-completion-index, its hostname is "<job>-<index>" and its name
// "<job>-<index>-<5 chars>". Succeeded indexes are kept in status.completedIndexes as compressed
// intervals: "0-2,4,6,7" (two neighbours print as "6,7", three or more as "0-2").
// Upstream: pkg/controller/job/indexed_job_utils.go.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "base/json.h"
#include "store/object_store.h"

namespace kp::job {

inline constexpr int kUnknownCompletionIndex = -1;

struct Interval {
    int first = 0;
    int last = 0;
};

// Sorted, non-overlapping, non-adjacent index intervals.
class OrderedIntervals {
public:
    // parseIndexesFromString: "1,3-5" with indexes >= completions dropped (an interval crossing
    // the limit is cut); malformed parts are skipped.
    static OrderedIntervals parse(const std::string& text, int completions);

    // A copy that also holds `indexes` (given in increasing order).
    OrderedIntervals withOrderedIndexes(const std::vector<int>& indexes) const;
    OrderedIntervals merge(const OrderedIntervals& other) const;
    int total() const;
    bool has(int index) const;
    std::string toString() const;
    bool empty() const { return items_.empty(); }
    const std::vector<Interval>& items() const { return items_; }

private:
    std::vector<Interval> items_;
};

// The pod's completion index from its annotation, or kUnknownCompletionIndex.
int completionIndex(const Json& pod);

// The first `count` indexes below `completions` that no active pod, succeeded index (or, when
// only failed pods are replaced, terminating pod) covers. Upstream: firstPendingIndexes.
std::vector<int> firstPendingIndexes(const std::vector<ObjectPtr>& activePods, const std::vector<ObjectPtr>& terminatingPods,
                                     const OrderedIntervals& succeeded, int count, int completions);

// "<job>-<index>-", cut so that the generated name stays within 63 characters.
std::string podGenerateNameWithIndex(const std::string& jobName, int index);

// Adds JOB_COMPLETION_INDEX (from the pod's completion-index label) to every container and init
// container that does not define it yet.
void addCompletionIndexEnvVariables(Json& podTemplate);

// appendDuplicatedIndexPodsForRemoval + the rest of activePodsForRemoval: the active pods of an
// Indexed Job to delete because they repeat an index (all but the best one), have none, or have
// one >= completions; then the least valuable others until `rmAtLeast` are chosen.
std::vector<ObjectPtr> indexedActivePodsForRemoval(std::vector<ObjectPtr> pods, int completions, int rmAtLeast);

// matchSuccessPolicy: "Matched rules at index N" when a rule of spec.successPolicy holds for the
// succeeded indexes, else "".
std::string matchSuccessPolicy(const Json& successPolicy, int completions, const OrderedIntervals& succeeded);

}  // namespace kp::job
