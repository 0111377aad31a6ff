// kube-controller-manager: the process that hosts the cluster-wide controllers. Which ones run
// follows its --controllers flag: "*" turns on every controller that is on by default, "name"
// turns one on, "-name" turns one off (names as in kube-controller-manager v1.32, e.g.
// "deployment-controller").
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "apiserver/api_server.h"
#include "base/clock.h"
#include "cluster/component.h"

namespace kp {

// True if `name` runs under these --controllers flags.
bool controllerEnabled(const std::string& name, const std::vector<std::string>& flags);

// The controllers these flags select, in the order kube-controller-manager starts them.
std::unique_ptr<Component> newControllerManager(ApiServer& server, VirtualClock& clock,
                                                const std::vector<std::string>& flags);

}  // namespace kp
