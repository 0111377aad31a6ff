// kubectl rollout status|history|undo|restart|pause|resume, and what they share: the
// ReplicaSets of a Deployment as kubectl's deployment util finds them (listed by the
// Deployment's selector, kept when the Deployment controls them; the "new" one has the
// Deployment's template, ignoring pod-template-hash), and revision numbers.
// Upstream: kubectl pkg/cmd/rollout/*.go, pkg/polymorphichelpers (rollout_status.go,
// history.go, rollback.go, objectpauser.go, objectresumer.go, objectrestarter.go),
// pkg/util/deployment/deployment.go (GetAllReplicaSets, FindNewReplicaSet, Revision,
// EqualIgnoreHash).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "cli/kubectl/kubectl.h"

namespace kp::cli {

struct DeploymentReplicaSets {
    std::vector<Json> old;        // controlled, template differs
    std::optional<Json> current;  // the "new" ReplicaSet, if any
    std::string error;            // listing failed

    std::vector<Json> all() const;
};

DeploymentReplicaSets deploymentReplicaSets(KubectlContext& ctx, const Json& deployment);
// deployment.kubernetes.io/revision as a number (0 when absent or not a number).
int64_t revisionOf(const Json& object);
// Pod templates equal once pod-template-hash is dropped (empty and missing maps alike).
bool equalIgnoreHash(const Json& template1, const Json& template2);

CommandResult rolloutStatus(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult rolloutHistory(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult rolloutUndo(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult rolloutPause(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult rolloutResume(KubectlContext& ctx, const std::vector<std::string>& args);
CommandResult rolloutRestart(KubectlContext& ctx, const std::vector<std::string>& args);

}  // namespace kp::cli
