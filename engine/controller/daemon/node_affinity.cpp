#include "controller/daemon/node_affinity.h"

#include <cstdlib>
#include <string>

namespace kp::daemon {
namespace {

bool parseInt(const std::string& s, long long& out) {
    if (s.empty())
        return false;
    char* end = nullptr;
    out = std::strtoll(s.c_str(), &end, 10);
    return *end == '\0';
}

bool contains(const Json& values, const std::string& v) {
    if (!values.is_array())
        return false;
    for (const Json& x : values)
        if (x.is_string() && x.get<std::string>() == v)
            return true;
    return false;
}

}  // namespace

bool matchesLabelRequirement(const Json& req, const Json& nodeLabels) {
    const std::string key = stringAt(req, "key");
    const std::string op = stringAt(req, "operator");
    const Json values = req.value("values", Json::array());
    const bool has = nodeLabels.is_object() && nodeLabels.contains(key) && nodeLabels[key].is_string();
    const std::string value = has ? nodeLabels[key].get<std::string>() : "";
    if (op == "In")
        return has && contains(values, value);
    if (op == "NotIn")
        return !has || !contains(values, value);
    if (op == "Exists")
        return has;
    if (op == "DoesNotExist")
        return !has;
    if (op == "Gt" || op == "Lt") {
        long long want = 0, got = 0;
        if (!values.is_array() || values.size() != 1 || !values[0].is_string() ||
            !parseInt(values[0].get<std::string>(), want))
            return false;
        if (!has || !parseInt(value, got))
            return false;
        return op == "Gt" ? got > want : got < want;
    }
    return false;
}

bool matchesFieldRequirement(const Json& req, const Json& node) {
    if (stringAt(req, "key") != "metadata.name")
        return false;
    const std::string op = stringAt(req, "operator");
    const Json values = req.value("values", Json::array());
    const std::string name = stringAt(node, "metadata.name");
    if (op == "In")
        return contains(values, name);
    if (op == "NotIn")
        return !contains(values, name);
    return false;
}

bool matchesNodeSelector(const Json& selector, const Json& node) {
    const Json* terms = findPath(selector, "nodeSelectorTerms");
    if (!terms || !terms->is_array())
        return false;
    const Json* labelsPtr = findPath(node, "metadata.labels");
    const Json labels = labelsPtr ? *labelsPtr : Json::object();
    for (const Json& term : *terms) {
        const Json exprs = term.value("matchExpressions", Json::array());
        const Json fields = term.value("matchFields", Json::array());
        if ((!exprs.is_array() || exprs.empty()) && (!fields.is_array() || fields.empty()))
            continue;
        bool all = true;
        if (exprs.is_array())
            for (const Json& r : exprs)
                all = all && matchesLabelRequirement(r, labels);
        if (fields.is_array())
            for (const Json& r : fields)
                all = all && matchesFieldRequirement(r, node);
        if (all)
            return true;
    }
    return false;
}

bool requiredNodeAffinityMatches(const Json& podSpec, const Json& node) {
    if (const Json* sel = findPath(podSpec, "nodeSelector"); sel && sel->is_object()) {
        const Json* labels = findPath(node, "metadata.labels");
        for (auto it = sel->begin(); it != sel->end(); ++it) {
            if (!labels || !labels->is_object() || !labels->contains(it.key()) || (*labels)[it.key()] != it.value())
                return false;
        }
    }
    const Json* required = findPath(podSpec, "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution");
    if (!required || required->is_null())
        return true;
    return matchesNodeSelector(*required, node);
}

}  // namespace kp::daemon
