// Label selectors: the `-l app=web,tier in (a,b)` syntax, its matching rules, and the
// metav1.LabelSelector conversion every controller uses. Mirrors apimachinery pkg/labels
// (selector.go, labels.go) and the helpers in pkg/apis/meta/v1/helpers.go.
//
// Error texts are upstream's, because kubectl prints them inside its BadRequest message, e.g.
//   -l 'app=web x'  ->  found 'x', expected: ',' or 'end of string'
//   -l 'app in a'   ->  unable to parse requirement: found 'a' expected: '('
// tests/engine/api/labels_test.cpp lists the others.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"

namespace kp::labels {

// labels.Set: a label map. Sorted, so iteration and printing are deterministic.
using Set = std::map<std::string, std::string>;

// selection.Operator. The names are the operator strings upstream prints in errors.
enum class Operator {
    DoesNotExist,  // "!"
    Equals,        // "="
    DoubleEquals,  // "=="
    In,            // "in"
    NotEquals,     // "!="
    NotIn,         // "notin"
    Exists,        // "exists"
    GreaterThan,   // "gt"
    LessThan,      // "lt"
};
std::string_view operatorString(Operator op);

// One term of a selector: key, operator, values.
// - In/Equals/DoubleEquals match when the key is present with one of the values.
// - NotIn/NotEquals match when the value is none of the values, *or the key is absent*.
// - Exists/DoesNotExist test presence only.
// - GreaterThan/LessThan compare the label value as an int64; a non-integer label never matches.
class Requirement {
public:
    // NewRequirement: validates key, operator arity and values. On failure returns nullopt and
    // stores the aggregated field errors in *error, e.g.
    //   values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty
    static std::optional<Requirement> make(std::string key, Operator op, std::vector<std::string> values,
                                           std::string* error);

    const std::string& key() const { return key_; }
    Operator op() const { return op_; }
    // Values in the order given (the string parser hands them over sorted and de-duplicated).
    const std::vector<std::string>& values() const { return values_; }

    bool matches(const Set& labels) const;
    // "app=web", "tier in (a,b)" (values sorted), "!canary", "replicas>2".
    std::string toString() const;

private:
    friend class Selector;  // fromSet builds unchecked requirements, as upstream does
    Requirement() = default;
    std::string key_;
    Operator op_ = Operator::Exists;
    std::vector<std::string> values_;
};

class Selector {
public:
    // Matches every label set (labels.Everything(); what "" parses to). empty() is true.
    static Selector everything() { return Selector(); }
    // Matches nothing (labels.Nothing(); what a nil metav1.LabelSelector converts to).
    static Selector nothing();

    // labels.Parse: the string syntax
    //   <selector>    ::= <requirement> | <requirement> "," <selector>      (comma = AND)
    //   <requirement> ::= ["!"] KEY [ ("in"|"notin") "(" VALUES ")" | ("="|"=="|"!="|">"|"<") VALUE ]
    // Whitespace (space, tab, CR, LF) may separate tokens. Requirements end up sorted by key.
    // On failure returns nullopt and the upstream message in *error.
    static std::optional<Selector> parse(std::string_view text, std::string* error);

    // SelectorFromSet: one `key=value` (Equals) requirement per entry; an empty set selects
    // everything. Does not validate (the server would reject invalid keys later).
    static Selector fromSet(const Set& set);
    // ValidatedSelectorFromSet: same, but validates keys and values like NewRequirement.
    static std::optional<Selector> validatedFromSet(const Set& set, std::string* error);

    bool matches(const Set& labels) const;
    // Reads `metadata.labels` of a Kubernetes object (absent = no labels).
    bool matchesLabelsOf(const Json& object) const;

    // True only for the everything-selector (no requirements); a nothing-selector is not empty.
    bool empty() const { return !nothing_ && requirements_.empty(); }
    bool isNothing() const { return nothing_; }

    // Requirements joined by ",", e.g. "app=web,tier in (a,b)"; "" for everything and nothing.
    std::string toString() const;

    const std::vector<Requirement>& requirements() const { return requirements_; }
    // Adds requirements and re-sorts by key (stable, as upstream's insertion sort is for small sets).
    Selector& add(Requirement r);
    // The single value a selector pins `key` to (via =, == or a one-value in), if any.
    std::optional<std::string> requiresExactMatch(std::string_view key) const;

private:
    std::vector<Requirement> requirements_;
    bool nothing_ = false;
};

// metav1.LabelSelectorAsSelector, from the JSON of a LabelSelector
// ({"matchLabels": {...}, "matchExpressions": [{"key", "operator", "values"}]}).
// - null (nil selector)                     -> Selector::nothing()  (matches no object)
// - {} or both lists empty                   -> Selector::everything()
// - operators In, NotIn, Exists, DoesNotExist; any other -> error `"Foo" is not a valid label
//   selector operator`; requirement errors as Requirement::make reports them.
// matchLabels are visited in key order (upstream: random map order, so only which error is
// reported first can differ).
std::optional<Selector> labelSelectorAsSelector(const Json& labelSelector, std::string* error);

// metav1.FormatLabelSelector: the selector string, "<none>" when it is empty, "<error>" when
// the selector does not convert. kubectl describe's `Selector:` line.
std::string formatLabelSelector(const Json& labelSelector);

// labels.Set.String(): "k=v" items sorted as whole strings and joined by ",".
std::string toString(const Set& set);
// labels.FormatLabels: toString(), or "<none>" for an empty set (kubectl's LABELS column).
std::string formatLabels(const Set& set);

// The labels of a Json object of strings (e.g. metadata.labels); non-string values are skipped.
Set setFromJson(const Json& labelsObject);

// Label key and value validation (apimachinery pkg/util/validation): the messages upstream joins
// with "; ". Empty result = valid.
std::vector<std::string> isQualifiedName(std::string_view value);
std::vector<std::string> isValidLabelValue(std::string_view value);
std::vector<std::string> isDNS1123Subdomain(std::string_view value);

// Go's strconv.Quote (what %q prints): how apimachinery messages quote keys and values.
std::string goQuote(std::string_view s);

}  // namespace kp::labels
