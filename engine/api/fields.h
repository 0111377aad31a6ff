// Field selectors (`--field-selector status.phase=Running`): parsing and matching as in
// apimachinery pkg/fields/selector.go, plus the per-resource rules of a v1.32 apiserver:
// - which field labels a resource accepts (the scheme's field label conversion functions,
//   kubernetes pkg/apis/*/v1/conversion.go; runtime.DefaultMetaV1FieldSelectorConversion for
//   every resource without one), with their exact 400 BadRequest texts;
// - which values an object exposes for them (the registries' ToSelectableFields /
//   GetAttrs, kubernetes pkg/registry/**/strategy.go).
// Resources are named by group resource, as ResourceInfo::groupResource() spells them:
// "pods", "events", "events.events.k8s.io", "jobs.batch", "replicasets.apps".
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"

namespace kp::fields {

// fields.Set: field label -> value. A label the set lacks reads as "" when matching.
using Set = std::map<std::string, std::string>;

enum class Operator { Equals, NotEquals };  // "=" and "==" both parse to Equals

struct Requirement {
    std::string field;
    Operator op = Operator::Equals;
    std::string value;  // unescaped
};

class Selector {
public:
    // Matches every object (fields.Everything(); what "" parses to).
    static Selector everything() { return Selector(); }
    // Matches nothing (fields.Nothing()).
    static Selector nothing();
    // fields.OneTermEqualSelector: what `kubectl rollout status` / `delete --wait` send
    // (metadata.name=<name>).
    static Selector oneTermEqual(std::string field, std::string value);

    // fields.ParseSelector:
    // - terms are separated by unescaped commas (AND); empty terms are skipped;
    // - each term is `field=value`, `field==value` or `field!=value`, split at the first
    //   operator found scanning left to right; nothing is trimmed ("a = b" is field "a ",
    //   value " b");
    // - in values, `\`, `,` and `=` must be escaped with `\`;
    // - terms are sorted as whole strings before use.
    // Errors (upstream texts):
    //   invalid selector: 'foo'; can't understand 'foo'
    //   invalid field selector: invalid escape sequence: \x
    //   invalid field selector: unescaped character in value: 61     (the rune's code point)
    static std::optional<Selector> parse(std::string_view text, std::string* error);

    // Every term holds: Equals compares the field's value ("" when absent), NotEquals differs.
    bool matches(const Set& fields) const;
    // No terms (everything). A nothing-selector is not empty.
    bool empty() const { return !nothing_ && requirements_.empty(); }
    bool isNothing() const { return nothing_; }
    // "f=v" / "f!=v" terms (values escaped) joined by ","; "" for everything and nothing.
    std::string toString() const;
    // The value a selector pins `field` to with an Equals term, if any.
    std::optional<std::string> requiresExactMatch(std::string_view field) const;
    const std::vector<Requirement>& requirements() const { return requirements_; }
    std::vector<Requirement>& requirements() { return requirements_; }

private:
    std::vector<Requirement> requirements_;
    bool nothing_ = false;
};

// fields.EscapeValue / UnescapeValue.
std::string escapeValue(std::string_view value);
std::optional<std::string> unescapeValue(std::string_view value, std::string* error);

// The scheme's field label conversion for one label of `groupResource`: the internal label it
// selects on ("spec.host" -> "spec.nodeName"; events.k8s.io "regarding.name" ->
// "involvedObject.name"), or nullopt with the upstream error in *error:
//   field label not supported: spec.foo                                   (pods, events, ...)
//   field label "spec.foo" not supported for Job                          (jobs.batch)
//   "spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"
//                                                                         (every other resource)
std::optional<std::string> convertFieldLabel(std::string_view groupResource, std::string_view label,
                                             std::string* error);

// What the apiserver does to a list/watch fieldSelector: converts every term's label, in the
// selector's (sorted) order, and fails with 400 BadRequest on the first unsupported one.
Status convertFieldSelector(std::string_view groupResource, Selector& selector);
// The same check without rewriting the selector.
Status validateFieldSelector(std::string_view groupResource, const Selector& selector);

// The fields an object of `groupResource` exposes for matching, keyed by internal label
// (upstream's ToSelectableFields). Every resource has metadata.name, namespaced ones
// metadata.namespace. Booleans read "true"/"false", counts in decimal. `status.podIPs` is
// accepted by the pods conversion but not exposed, so it only ever equals "" (as upstream).
Set selectableFields(std::string_view groupResource, const Json& object);

}  // namespace kp::fields
