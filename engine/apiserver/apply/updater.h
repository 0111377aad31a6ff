// The ownership arithmetic of structured-merge-diff's Updater.
//
// update (every create, update and non-apply patch): compare the live and the new object; the
// writer's set becomes (its set - removed) + modified + added; every other manager loses what
// was modified or added (a write always wins) and what was removed.
//
// apply: merge the configuration into the live object; the applier's set becomes exactly the
// configuration's fields; then prune what the applier owned last time but no longer sends,
// unless another manager owns it too; then every other manager that owns a field whose value
// changes is a conflict - an error unless forced, in which case it loses the field. A manager
// that set the same value keeps sharing the field.
//
// Sets are compared at one version (the request's).
// SIMPLIFICATION: upstream converts objects to each manager's apiVersion before comparing; our
// kinds are served at one version each (HPA's v1 and v2 managers are compared at the request's).
// Upstream: structured-merge-diff/v4 merge/update.go (Update, Apply, update, prune,
// addBackOwnedItems, addBackDanglingItems).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "apiserver/apply/managers.h"
#include "apiserver/apply/typed.h"

namespace kp::apply {

struct Conflict {
    std::string manager;  // ManagerId::key()
    Path path;
};

class Updater {
public:
    // `type`: the root type; apiVersion/kind: for the typed views; `ignore`: the endpoint's
    // reset fields (status on a main resource, spec on /status), never owned through it.
    Updater(TypeRef type, std::string apiVersion, std::string kind, FieldSet ignore);

    // `live` is the object before the write ({}-like zero object on create), `next` after.
    // `live` is taken by value: the typed view is filled into it rather than into a copy.
    void update(Json live, const Json& next, std::map<std::string, VersionedSet>& managers,
                const std::string& manager) const;

    struct ApplyResult {
        std::optional<Json> object;      // nullopt: the apply changes nothing
        std::vector<Conflict> conflicts;  // non-empty: refused (managers untouched)
    };
    ApplyResult apply(const Json& live, const Json& config, std::map<std::string, VersionedSet>& managers,
                      const std::string& manager, bool force) const;

private:
    Comparison compareTyped(const Json& live, const Json& next) const;
    // Takes changed fields away from managers other than `workflow`; returns the conflicts
    // (and changes nothing) when not forced.
    std::vector<Conflict> takeOwnership(const Comparison& cmp, std::map<std::string, VersionedSet>& managers,
                                        const std::string& workflow, bool force) const;
    Json prune(const Json& merged, const std::map<std::string, VersionedSet>& managers,
               const FieldSet& lastSet) const;

    TypeRef type_;
    std::string apiVersion_;
    std::string kind_;
    FieldSet ignore_;
};

}  // namespace kp::apply
