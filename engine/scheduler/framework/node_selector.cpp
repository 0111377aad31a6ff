#include "scheduler/framework/node_selector.h"

namespace kp::scheduler::framework {

namespace {

std::optional<labels::Operator> operatorOf(const std::string& op) {
    if (op == "In")
        return labels::Operator::In;
    if (op == "NotIn")
        return labels::Operator::NotIn;
    if (op == "Exists")
        return labels::Operator::Exists;
    if (op == "DoesNotExist")
        return labels::Operator::DoesNotExist;
    if (op == "Gt")
        return labels::Operator::GreaterThan;
    if (op == "Lt")
        return labels::Operator::LessThan;
    return std::nullopt;
}

std::vector<std::string> valuesOf(const Json& req) {
    std::vector<std::string> out;
    if (const Json* vs = findPath(req, "values"); vs && vs->is_array())
        for (const Json& v : *vs)
            if (v.is_string())
                out.push_back(v.get<std::string>());
    return out;
}

}  // namespace

bool NodeSelectorTerm::matches(const labels::Set& nodeLabels, const std::string& nodeName) const {
    // Upstream: component-helpers nodeaffinity.go#nodeSelectorTerm.match.
    bool fieldsUsable = hasFields && fieldsValid;
    if (!matchLabels && !fieldsUsable)
        return false;
    if (matchLabels && !matchLabels->matches(nodeLabels))
        return false;
    if (fieldsUsable) {
        for (const auto& [value, in] : nameRequirements)
            if ((nodeName == value) != in)
                return false;
    }
    return true;
}

NodeSelectorTerm parseNodeSelectorTerm(const Json& term) {
    NodeSelectorTerm t;
    if (const Json* exprs = findPath(term, "matchExpressions"); exprs && exprs->is_array() && !exprs->empty()) {
        labels::Selector sel;
        bool ok = true;
        for (const Json& e : *exprs) {
            auto op = operatorOf(stringAt(e, "operator"));
            std::string error;
            std::optional<labels::Requirement> r;
            if (op)
                r = labels::Requirement::make(stringAt(e, "key"), *op, valuesOf(e), &error);
            if (!r) {
                ok = false;
                continue;
            }
            sel.add(*r);
        }
        if (ok)
            t.matchLabels = std::move(sel);
    }
    if (const Json* fields = findPath(term, "matchFields"); fields && fields->is_array() && !fields->empty()) {
        t.hasFields = true;
        for (const Json& f : *fields) {
            std::vector<std::string> values = valuesOf(f);
            std::string op = stringAt(f, "operator");
            if (stringAt(f, "key") != "metadata.name" || values.size() != 1 || (op != "In" && op != "NotIn")) {
                t.fieldsValid = false;
                continue;
            }
            t.nameRequirements.emplace_back(values[0], op == "In");
        }
    }
    return t;
}

bool RequiredNodeAffinity::matches(const labels::Set& nodeLabels, const std::string& nodeName) const {
    if (nodeSelector && !nodeSelector->matches(nodeLabels))
        return false;
    if (!terms)
        return true;
    for (const NodeSelectorTerm& t : *terms)
        if (t.matches(nodeLabels, nodeName))
            return true;
    return false;
}

RequiredNodeAffinity parseRequiredNodeAffinity(const Json& podSpec) {
    RequiredNodeAffinity a;
    if (const Json* ns = findPath(podSpec, "nodeSelector"); ns && ns->is_object())
        a.nodeSelector = labels::Selector::fromSet(labels::setFromJson(*ns));
    const Json* req = findPath(podSpec, "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution");
    if (req && req->is_object()) {
        std::vector<NodeSelectorTerm> terms;
        if (const Json* ts = findPath(*req, "nodeSelectorTerms"); ts && ts->is_array())
            for (const Json& t : *ts)
                terms.push_back(parseNodeSelectorTerm(t));
        a.terms = std::move(terms);
    }
    return a;
}

std::vector<PreferredSchedulingTerm> parsePreferredSchedulingTerms(const Json& podSpec) {
    std::vector<PreferredSchedulingTerm> out;
    const Json* pref = findPath(podSpec, "affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution");
    if (!pref || !pref->is_array())
        return out;
    for (const Json& p : *pref) {
        int64_t w = intAt(p, "weight", 0);
        if (w == 0)
            continue;
        const Json* pt = findPath(p, "preference");
        out.push_back({w, parseNodeSelectorTerm(pt ? *pt : Json::object())});
    }
    return out;
}

}  // namespace kp::scheduler::framework
