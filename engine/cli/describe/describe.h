// kubectl describe: one human-readable page per object, from the object, its related objects
// (ReplicaSets of a Deployment, EndpointSlices of a Service, pods on a Node) and its Events.
// Upstream: kubectl pkg/cmd/describe/describe.go (Run: blocks joined by a blank line pair,
// name-prefix matching), pkg/describe/describe.go (one describer per kind).
#pragma once
#include <string>
#include <vector>

#include "cli/kubectl/kubectl.h"

namespace kp::cli {

CommandResult kubectlDescribe(KubectlContext& ctx, const std::vector<std::string>& args);

namespace describe {

// The describe page of one object ("" when no describer handles its kind: generic fallback).
std::string describeObject(Cluster& cluster, const ResourceInfo& r, const Json& obj);

}  // namespace describe
}  // namespace kp::cli
