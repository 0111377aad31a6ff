// minikube v1.35.0's addons (pkg/minikube/assets/addons.go): name, whether it is on by default,
// maintainer, images; and the "Using image ..." lines enabling one prints, which depend on
// --image-repository (the Aliyun mirror rewrites known images, any other repository prefixes
// every image and says "(global image repository)").
#pragma once
#include <string>
#include <vector>

#include "cli/minikube/minikube.h"
#include "cli/minikube/output.h"

namespace kp::cli::minikube {

constexpr const char* kAliyunMirror = "registry.cn-hangzhou.aliyuncs.com/google_containers";

struct AddonImage {
    std::string key;       // template name ("Dashboard")
    std::string image;     // "kubernetesui/dashboard:v2.7.0@sha256:..."
    std::string registry;  // "docker.io"
    std::string aliyun;    // the Aliyun mirror's repository for it, "" when it has none
};

struct Addon {
    std::string name;
    bool enabledByDefault = false;
    std::string maintainer;
    std::string verifiedMaintainer;
    std::string docs;
    std::vector<AddonImage> images;  // sorted by key
};

// Every addon, sorted by name (the order of `minikube addons list`).
const std::vector<Addon>& addonRegistry();
const Addon* findAddon(const std::string& name);
bool isAddonEnabled(const MinikubeState& state, const Addon& addon);
// Google, Kubernetes and minikube maintain the "official" addons.
bool isOfficialMaintainer(const std::string& maintainer);

// The "Using image X" lines of enabling `addon` (without the "    ▪ " prefix), one per image in
// key order.
// SIMPLIFICATION: minikube prints them in Go map order, which varies from run to run.
std::vector<std::string> addonImageLines(const Addon& addon, const std::string& imageRepository);

// Addon names deprecated in v1.35 (addons.Deprecations): replacement ("" = none) and message.
bool addonDeprecation(const std::string& name, std::string& replacement, std::string& message);

// Messages printed after enabling an addon (addons.postStartMessages).
void addonPostStartMessages(Output& out, const std::string& addon, const std::string& profile);

// Addons whose pods `enable` waits for ("🔎  Verifying ingress addon..."), addonPodLabels.
bool addonIsVerified(const std::string& name);

}  // namespace kp::cli::minikube
