#include "api/pod_util.h"

namespace kp::pod {

const Json* condition(const Json& pod, std::string_view type) {
    const Json* conds = findPath(pod, "status.conditions");
    if (!conds || !conds->is_array())
        return nullptr;
    for (const Json& c : *conds) {
        if (!c.is_object())
            continue;
        auto t = c.find("type");
        if (t != c.end() && t->is_string() && t->get_ref<const std::string&>() == type)
            return &c;
    }
    return nullptr;
}

bool setCondition(Json& pod, Json cond, Time now) {
    Json& status = ensureObject(pod, "status");
    Json& conds = status["conditions"];
    if (!conds.is_array())
        conds = Json::array();
    if (!cond.contains("lastProbeTime"))
        cond["lastProbeTime"] = nullptr;
    const std::string type = cond.value("type", "");
    for (Json& c : conds) {
        if (!c.is_object() || c.value("type", "") != type)
            continue;
        if (c.value("status", "") == cond.value("status", ""))
            cond["lastTransitionTime"] = c.value("lastTransitionTime", formatRFC3339(now));
        else
            cond["lastTransitionTime"] = formatRFC3339(now);
        if (c == cond)
            return false;
        c = std::move(cond);
        return true;
    }
    cond["lastTransitionTime"] = formatRFC3339(now);
    conds.push_back(std::move(cond));
    return true;
}

bool isReady(const Json& pod) {
    const Json* c = condition(pod, "Ready");
    if (!c)
        return false;
    auto s = c->find("status");
    return s != c->end() && s->is_string() && s->get_ref<const std::string&>() == "True";
}

bool isAvailable(const Json& pod, int64_t minReadySeconds, Time now) {
    const Json* c = condition(pod, "Ready");
    if (!c || c->value("status", "") != "True")
        return false;
    if (minReadySeconds == 0)
        return true;
    auto since = parseRFC3339(c->value("lastTransitionTime", ""));
    return since && *since + Duration::seconds(minReadySeconds) <= now;
}

bool isTerminal(const Json& pod) {
    const Json* phase = findPath(pod, "status.phase");
    if (!phase || !phase->is_string())
        return false;
    const std::string& p = phase->get_ref<const std::string&>();
    return p == "Succeeded" || p == "Failed";
}

bool isTerminating(const Json& pod) {
    const Json* ts = findPath(pod, "metadata.deletionTimestamp");
    return ts && !ts->is_null();
}

bool isActive(const Json& pod) { return !isTerminal(pod) && !isTerminating(pod); }

}  // namespace kp::pod
