// What the learner clicked: a kind kubectl understands ("pod", "node", "service", "component")
// and the object's namespace and name. Panels share one Selection; only clicks change it.
#pragma once
#include <string>

namespace kp::web {

struct Selection {
    std::string kind;        // "pod", "node", "service", "deployment", "component"; "" = nothing
    std::string namespace_;
    std::string name;

    bool empty() const { return kind.empty(); }
    bool is(const std::string& k, const std::string& ns, const std::string& n) const {
        return kind == k && namespace_ == ns && name == n;
    }
    bool operator==(const Selection& o) const { return is(o.kind, o.namespace_, o.name); }
    bool operator!=(const Selection& o) const { return !(*this == o); }
};

}  // namespace kp::web
