#include "apiserver/apply/updater.h"

#include "apiserver/apply/zero_objects.h"

namespace kp::apply {

Updater::Updater(TypeRef type, std::string apiVersion, std::string kind, FieldSet ignore)
    : type_(type), apiVersion_(std::move(apiVersion)), kind_(std::move(kind)), ignore_(std::move(ignore)) {}

Comparison Updater::compareTyped(const Json& live, const Json& next) const {
    Json l = typedView(live, apiVersion_, kind_);
    Json n = typedView(next, apiVersion_, kind_);
    Comparison cmp = compare(&l, &n, type_);
    cmp.excludeFields(ignore_);
    return cmp;
}

std::vector<Conflict> Updater::takeOwnership(const Comparison& cmp, std::map<std::string, VersionedSet>& managers,
                                             const std::string& workflow, bool force) const {
    const FieldSet changed = cmp.modified.unionWith(cmp.added);
    std::map<std::string, FieldSet> conflictSets;
    for (const auto& [manager, vs] : managers) {
        if (manager == workflow)
            continue;
        FieldSet both = vs.set.intersection(changed);
        if (!both.empty())
            conflictSets.emplace(manager, std::move(both));
    }
    if (!force && !conflictSets.empty()) {
        std::vector<Conflict> conflicts;
        for (const auto& entry : conflictSets) {
            const std::string& manager = entry.first;  // (clang 14 lambdas cannot capture bindings)
            entry.second.iterate([&](const Path& p) { conflicts.push_back({manager, p}); });
        }
        return conflicts;
    }
    for (const auto& [manager, set] : conflictSets)
        managers[manager].set = managers[manager].set.difference(set);
    if (!cmp.removed.empty()) {
        for (auto& [manager, vs] : managers)
            if (manager != workflow)
                vs.set = vs.set.difference(cmp.removed);
    }
    for (auto it = managers.begin(); it != managers.end();) {
        if (it->second.set.empty())
            it = managers.erase(it);
        else
            ++it;
    }
    return {};
}

void Updater::update(Json live, const Json& next, std::map<std::string, VersionedSet>& managers,
                     const std::string& manager) const {
    const Json l = typedView(std::move(live), apiVersion_, kind_);
    const Json n = typedView(next, apiVersion_, kind_);
    Comparison cmp = compare(&l, &n, type_);
    cmp.excludeFields(ignore_);
    takeOwnership(cmp, managers, manager, /*force=*/true);
    FieldSet previous;
    if (auto it = managers.find(manager); it != managers.end())
        previous = it->second.set;
    FieldSet set =
        previous.difference(cmp.removed).unionWith(cmp.modified).unionWith(cmp.added).recursiveDifference(ignore_);
    if (set.empty()) {
        managers.erase(manager);
        return;
    }
    managers[manager] = VersionedSet{std::move(set), apiVersion_, false};
}

Updater::ApplyResult Updater::apply(const Json& live, const Json& config, std::map<std::string, VersionedSet>& managers,
                                    const std::string& manager, bool force) const {
    ApplyResult result;
    Json merged = merge(&live, &config, type_).value_or(Json::object());
    FieldSet lastSet;
    if (auto it = managers.find(manager); it != managers.end())
        lastSet = it->second.set;
    managers[manager] = VersionedSet{toFieldSet(config, type_).recursiveDifference(ignore_), apiVersion_, true};

    Json next = prune(merged, managers, lastSet);
    result.conflicts = takeOwnership(compareTyped(live, next), managers, manager, force);
    if (!result.conflicts.empty())
        return result;
    Json stored = dropRemovalNulls(next, merged, type_);
    if (stored != live)
        result.object = std::move(stored);
    return result;
}

Json Updater::prune(const Json& merged, const std::map<std::string, VersionedSet>& managers,
                    const FieldSet& lastSet) const {
    // Remove what the applier owned last time, then add back what anyone (the applier's new
    // configuration included) owns, then add back what nobody owns but was only removed as
    // part of something bigger: what is left removed was the applier's alone.
    if (lastSet.empty())
        return merged;
    const FieldSet last = ensureNamedFieldsAreMembers(lastSet, type_);
    Json pruned = removeItems(merged, last, type_);

    FieldSet owned;
    for (const auto& [name, vs] : managers)
        owned = owned.unionWith(vs.set);
    const FieldSet mergedSet = ensureNamedFieldsAreMembers(toFieldSet(merged, type_), type_);
    FieldSet prunedSet = ensureNamedFieldsAreMembers(toFieldSet(pruned, type_), type_);
    pruned = removeItems(merged,
                         mergedSet.difference(prunedSet.unionWith(ensureNamedFieldsAreMembers(owned, type_))), type_);

    prunedSet = ensureNamedFieldsAreMembers(toFieldSet(pruned, type_), type_);
    return removeItems(merged, mergedSet.difference(prunedSet).intersection(last), type_);
}

}  // namespace kp::apply
