#include "controller/nodelifecycle/taints.h"

namespace kp::taints {

Json make(const std::string& key, const std::string& effect) { return Json{{"key", key}, {"effect", effect}}; }

bool matches(const Json& a, const Json& b) {
    return stringAt(a, "key") == stringAt(b, "key") && stringAt(a, "effect") == stringAt(b, "effect");
}

bool exists(const Json& taints, const Json& taint) {
    if (!taints.is_array())
        return false;
    for (const Json& t : taints)
        if (matches(t, taint))
            return true;
    return false;
}

bool keyExists(const Json& taints, const std::string& key) {
    if (!taints.is_array())
        return false;
    for (const Json& t : taints)
        if (stringAt(t, "key") == key)
            return true;
    return false;
}

std::vector<Json> withEffect(const Json& node, const std::string& effect) {
    std::vector<Json> out;
    const Json* taints = findPath(node, "spec.taints");
    if (!taints || !taints->is_array())
        return out;
    for (const Json& t : *taints)
        if (stringAt(t, "effect") == effect)
            out.push_back(t);
    return out;
}

// Upstream: k8s.io/api/core/v1/toleration.go#ToleratesTaint
bool toleratesTaint(const Json& toleration, const Json& taint) {
    const std::string effect = stringAt(toleration, "effect");
    if (!effect.empty() && effect != stringAt(taint, "effect"))
        return false;
    const std::string key = stringAt(toleration, "key");
    if (!key.empty() && key != stringAt(taint, "key"))
        return false;
    const std::string op = stringAt(toleration, "operator");
    if (op.empty() || op == "Equal")
        return stringAt(toleration, "value") == stringAt(taint, "value");
    return op == "Exists";
}

bool toleratedBy(const Json& tolerations, const Json& taint) {
    if (!tolerations.is_array())
        return false;
    for (const Json& tol : tolerations)
        if (toleratesTaint(tol, taint))
            return true;
    return false;
}

const Json* findUntolerated(const Json& taints, const Json& tolerations,
                            const std::function<bool(const Json&)>& filter) {
    if (!taints.is_array())
        return nullptr;
    for (const Json& t : taints) {
        if (!filter(t))
            continue;
        if (!toleratedBy(tolerations, t))
            return &t;
    }
    return nullptr;
}

// Upstream: pkg/apis/core/v1/helper/helpers.go#GetMatchingTolerations
bool matchingTolerations(const std::vector<Json>& taints, const Json& tolerations, std::vector<Json>& used) {
    used.clear();
    for (const Json& taint : taints) {
        const Json* found = nullptr;
        if (tolerations.is_array())
            for (const Json& tol : tolerations)
                if (toleratesTaint(tol, taint)) {
                    found = &tol;
                    break;
                }
        if (!found) {
            used.clear();
            return false;
        }
        used.push_back(*found);
    }
    return true;
}

}  // namespace kp::taints
