// The taint arithmetic of `kubectl taint` (taint.cpp), exposed for tests:
//   "key=value:Effect" adds (or with --overwrite replaces) a taint, "key:Effect-" removes the
//   taint with that key and effect, "key-" removes every taint with that key.
// Upstream: kubectl pkg/cmd/taint/utils.go (parseTaints, parseTaint, reorganizeTaints).
#pragma once
#include <string>
#include <vector>

#include "base/json.h"

namespace kp::cli::taint {

struct Taint {
    std::string key;
    std::string value;
    std::string effect;  // "" in a removal that names only the key
    std::string timeAdded;  // kept as the node had it (the node lifecycle controller sets it)

    // Taint.ToString: "key=value:Effect", "key:Effect", "key=value:" or "key".
    std::string toString() const;
    Json toJson() const;
    static Taint fromJson(const Json& j);
};

struct ParsedTaints {
    std::vector<Taint> toAdd;
    std::vector<Taint> toRemove;
    std::string error;  // kubectl's message ("invalid taint effect: Foo, unsupported taint effect")
};

ParsedTaints parseTaints(const std::vector<std::string>& specs);

// What applying the changes to a node's current taints gives: the new list, the verb kubectl
// prints ("tainted", "untainted", "modified") and the removals that matched nothing
// (`taint "key:NoSchedule" not found`).
struct TaintUpdate {
    std::vector<Taint> taints;
    std::string operation;
    std::vector<std::string> errors;
};
TaintUpdate reorganizeTaints(const std::vector<Taint>& current, bool overwrite, const std::vector<Taint>& toAdd,
                             const std::vector<Taint>& toRemove);

}  // namespace kp::cli::taint
