#include "scheduler/framework/taints.h"

namespace kp::scheduler::framework {

std::vector<Taint> parseTaints(const Json& taints) {
    std::vector<Taint> out;
    if (!taints.is_array())
        return out;
    for (const Json& t : taints)
        out.push_back({stringAt(t, "key"), stringAt(t, "value"), stringAt(t, "effect")});
    return out;
}

std::vector<Toleration> parseTolerations(const Json& tolerations) {
    std::vector<Toleration> out;
    if (!tolerations.is_array())
        return out;
    for (const Json& t : tolerations)
        out.push_back({stringAt(t, "key"), stringAt(t, "operator"), stringAt(t, "value"), stringAt(t, "effect")});
    return out;
}

bool toleratesTaint(const Toleration& t, const Taint& taint) {
    if (!t.effect.empty() && t.effect != taint.effect)
        return false;
    if (!t.key.empty() && t.key != taint.key)
        return false;
    if (t.op.empty() || t.op == "Equal")
        return t.value == taint.value;
    return t.op == "Exists";
}

bool tolerationsTolerateTaint(const std::vector<Toleration>& tolerations, const Taint& taint) {
    for (const Toleration& t : tolerations)
        if (toleratesTaint(t, taint))
            return true;
    return false;
}

std::optional<Taint> findUntoleratedDoNotScheduleTaint(const std::vector<Taint>& taints,
                                                       const std::vector<Toleration>& tolerations) {
    for (const Taint& taint : taints) {
        if (taint.effect != "NoSchedule" && taint.effect != "NoExecute")
            continue;
        if (!tolerationsTolerateTaint(tolerations, taint))
            return taint;
    }
    return std::nullopt;
}

}  // namespace kp::scheduler::framework
