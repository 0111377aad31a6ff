#pragma once
#include <string>
#include <vector>

#include "cluster/cluster.h"

namespace kp::cli::describe {

// `events`: those about the node by uid and those the kubelet filed under the node's name.
std::string describeNode(Cluster& cluster, const Json& node, std::vector<Json> events);

}  // namespace kp::cli::describe
