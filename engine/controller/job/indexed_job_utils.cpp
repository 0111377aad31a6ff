#include "controller/job/indexed_job_utils.h"

#include <algorithm>

#include "controller/job/job_util.h"

namespace kp::job {
namespace {

constexpr int kMaxGeneratedNameLength = 63 - 5;  // apiserver names.MaxGeneratedNameLength

// strconv.Atoi: optional sign and decimal digits, nothing else.
bool atoi(const std::string& s, int& out) {
    size_t i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
        negative = s[i++] == '-';
    if (i == s.size() || s.size() - i > 9)
        return false;
    int v = 0;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    out = negative ? -v : v;
    return true;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    for (;;) {
        size_t pos = s.find(sep, start);
        out.push_back(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
        if (pos == std::string::npos)
            return out;
        start = pos + 1;
    }
}

bool byActivePodOrder(const ObjectPtr& a, const ObjectPtr& b) { return activePodLess(*a, *b); }

// Of pods sharing one index, all but the best are removed; pods without an index all are.
void appendSameIndex(std::vector<ObjectPtr>& rm, std::vector<ObjectPtr>& left, std::vector<ObjectPtr> group, int index) {
    if (group.empty())
        return;
    if (index == kUnknownCompletionIndex) {
        rm.insert(rm.end(), group.begin(), group.end());
        return;
    }
    if (group.size() == 1) {
        left.push_back(group[0]);
        return;
    }
    std::sort(group.begin(), group.end(), byActivePodOrder);
    rm.insert(rm.end(), group.begin(), group.end() - 1);
    left.push_back(group.back());
}

}  // namespace

// Upstream: indexed_job_utils.go#parseIndexesFromString
OrderedIntervals OrderedIntervals::parse(const std::string& text, int completions) {
    OrderedIntervals result;
    if (text.empty())
        return result;
    for (const std::string& part : split(text, ',')) {
        std::vector<std::string> limits = split(part, '-');
        Interval iv;
        if (!atoi(limits[0], iv.first))
            continue;
        if (iv.first >= completions)
            break;
        if (limits.size() > 1) {
            if (!atoi(limits[1], iv.last))
                continue;
            if (iv.last >= completions)
                iv.last = completions - 1;
        } else {
            iv.last = iv.first;
        }
        if (!result.items_.empty() && result.items_.back().last == iv.first - 1)
            result.items_.back().last = iv.last;
        else
            result.items_.push_back(iv);
    }
    return result;
}

OrderedIntervals OrderedIntervals::withOrderedIndexes(const std::vector<int>& indexes) const {
    OrderedIntervals added;
    for (int ix : indexes)
        added.items_.push_back({ix, ix});
    return merge(added);
}

// Upstream: orderedIntervals.merge (two sorted lists; touching or overlapping intervals join).
OrderedIntervals OrderedIntervals::merge(const OrderedIntervals& other) const {
    OrderedIntervals result;
    auto append = [&](const Interval& iv) {
        if (result.items_.empty() || iv.first > result.items_.back().last + 1)
            result.items_.push_back(iv);
        else if (result.items_.back().last < iv.last)
            result.items_.back().last = iv.last;
    };
    size_t i = 0, j = 0;
    while (i < items_.size() && j < other.items_.size()) {
        if (items_[i].first < other.items_[j].first)
            append(items_[i++]);
        else
            append(other.items_[j++]);
    }
    while (i < items_.size())
        append(items_[i++]);
    while (j < other.items_.size())
        append(other.items_[j++]);
    return result;
}

int OrderedIntervals::total() const {
    int n = 0;
    for (const Interval& iv : items_)
        n += iv.last - iv.first + 1;
    return n;
}

bool OrderedIntervals::has(int index) const {
    auto it = std::lower_bound(items_.begin(), items_.end(), index,
                               [](const Interval& iv, int ix) { return iv.last < ix; });
    return it != items_.end() && it->first <= index;
}

std::string OrderedIntervals::toString() const {
    std::string out;
    for (const Interval& iv : items_) {
        if (!out.empty())
            out += ',';
        out += std::to_string(iv.first);
        if (iv.last > iv.first) {
            out += iv.last == iv.first + 1 ? ',' : '-';
            out += std::to_string(iv.last);
        }
    }
    return out;
}

int completionIndex(const Json& pod) {
    const Json* annotations = findPath(pod, "metadata.annotations");
    if (!annotations || !annotations->is_object())
        return kUnknownCompletionIndex;
    auto it = annotations->find(kJobCompletionIndexAnnotation);
    if (it == annotations->end() || !it->is_string())
        return kUnknownCompletionIndex;
    int ix = 0;
    if (!atoi(it->get<std::string>(), ix) || ix < 0)
        return kUnknownCompletionIndex;
    return ix;
}

// Upstream: indexed_job_utils.go#firstPendingIndexes
std::vector<int> firstPendingIndexes(const std::vector<ObjectPtr>& activePods, const std::vector<ObjectPtr>& terminatingPods,
                                     const OrderedIntervals& succeeded, int count, int completions) {
    std::vector<int> result;
    if (count <= 0)
        return result;
    auto indexesOf = [](const std::vector<ObjectPtr>& pods) {
        std::set<int> s;
        for (const ObjectPtr& p : pods)
            if (int ix = completionIndex(*p); ix != kUnknownCompletionIndex)
                s.insert(ix);
        return std::vector<int>(s.begin(), s.end());
    };
    OrderedIntervals nonPending = succeeded.withOrderedIndexes(indexesOf(activePods));
    if (!terminatingPods.empty())
        nonPending = nonPending.withOrderedIndexes(indexesOf(terminatingPods));
    int candidate = 0;
    for (const Interval& iv : nonPending.items()) {
        for (; candidate < completions && static_cast<int>(result.size()) < count && candidate < iv.first; ++candidate)
            result.push_back(candidate);
        if (candidate < iv.last + 1)
            candidate = iv.last + 1;
    }
    for (; candidate < completions && static_cast<int>(result.size()) < count; ++candidate)
        result.push_back(candidate);
    return result;
}

std::string podGenerateNameWithIndex(const std::string& jobName, int index) {
    const std::string appendIndex = "-" + std::to_string(index) + "-";
    std::string prefix = jobName + appendIndex;
    if (static_cast<int>(prefix.size()) > kMaxGeneratedNameLength)
        prefix = prefix.substr(0, kMaxGeneratedNameLength - appendIndex.size()) + appendIndex;
    return prefix;
}

// Upstream: addCompletionIndexEnvVariables. With PodIndexLabel (GA in 1.32) the variable reads the label.
void addCompletionIndexEnvVariables(Json& podTemplate) {
    const Json var = {{"name", "JOB_COMPLETION_INDEX"},
                      {"valueFrom",
                       {{"fieldRef",
                         {{"apiVersion", "v1"},
                          {"fieldPath", std::string("metadata.labels['") + kJobCompletionIndexAnnotation + "']"}}}}}};
    for (const char* list : {"initContainers", "containers"}) {
        Json* containers = podTemplate.contains("spec") ? &podTemplate["spec"] : nullptr;
        if (!containers || !containers->contains(list) || !(*containers)[list].is_array())
            continue;
        for (Json& c : (*containers)[list]) {
            Json& env = c["env"];
            if (!env.is_array())
                env = Json::array();
            bool present = std::any_of(env.begin(), env.end(), [](const Json& e) { return e.value("name", "") == "JOB_COMPLETION_INDEX"; });
            if (!present)
                env.push_back(var);
        }
    }
}

// Upstream: job_controller.go#activePodsForRemoval (Indexed branch) and appendDuplicatedIndexPodsForRemoval.
std::vector<ObjectPtr> indexedActivePodsForRemoval(std::vector<ObjectPtr> pods, int completions, int rmAtLeast) {
    std::vector<ObjectPtr> rm, left;
    std::stable_sort(pods.begin(), pods.end(),
                     [](const ObjectPtr& a, const ObjectPtr& b) { return completionIndex(*a) < completionIndex(*b); });
    int lastIndex = kUnknownCompletionIndex;
    std::vector<ObjectPtr> group;
    size_t i = 0;
    for (; i < pods.size(); ++i) {
        const int ix = completionIndex(*pods[i]);
        if (ix >= completions) {
            rm.insert(rm.end(), pods.begin() + static_cast<long>(i), pods.end());
            break;
        }
        if (ix != lastIndex) {
            appendSameIndex(rm, left, std::move(group), lastIndex);
            group.clear();
            lastIndex = ix;
        }
        group.push_back(pods[i]);
    }
    appendSameIndex(rm, left, std::move(group), lastIndex);
    if (static_cast<int>(rm.size()) < rmAtLeast) {
        std::sort(left.begin(), left.end(), byActivePodOrder);
        const size_t more = std::min(left.size(), static_cast<size_t>(rmAtLeast) - rm.size());
        rm.insert(rm.end(), left.begin(), left.begin() + static_cast<long>(more));
    }
    return rm;
}

// Upstream: success_policy.go#matchSuccessPolicy, #matchSucceededIndexesRule
std::string matchSuccessPolicy(const Json& successPolicy, int completions, const OrderedIntervals& succeeded) {
    const Json* rules = findPath(successPolicy, "rules");
    if (!rules || !rules->is_array() || succeeded.empty())
        return "";
    int index = 0;
    for (const Json& rule : *rules) {
        const Json* count = rule.contains("succeededCount") && rule["succeededCount"].is_number_integer()
                                ? &rule["succeededCount"]
                                : nullptr;
        if (rule.contains("succeededIndexes") && rule["succeededIndexes"].is_string()) {
            OrderedIntervals required = OrderedIntervals::parse(rule["succeededIndexes"].get<std::string>(), completions);
            if (!required.empty()) {
                int contains = 0;
                size_t r = 0, s = 0;
                const auto& ri = required.items();
                const auto& si = succeeded.items();
                while (r < ri.size() && s < si.size()) {
                    const int overlap = std::min(ri[r].last, si[s].last) - std::max(ri[r].first, si[s].first) + 1;
                    if (overlap > 0)
                        contains += overlap;
                    if (si[s].last < ri[r].last)
                        ++s;
                    else if (si[s].last > ri[r].last)
                        ++r;
                    else {
                        ++s;
                        ++r;
                    }
                }
                if (contains == required.total() || (count && contains >= count->get<int>()))
                    return "Matched rules at index " + std::to_string(index);
            }
        } else if (count && succeeded.total() >= count->get<int>()) {
            return "Matched rules at index " + std::to_string(index);
        }
        ++index;
    }
    return "";
}

}  // namespace kp::job
