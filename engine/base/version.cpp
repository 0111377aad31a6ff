#include "base/version.h"

namespace kp {

std::string engineBanner() {
    return std::string("kubeplay ") + kKubeplayVersion + " (Kubernetes " + kKubernetesVersion + ")";
}

}  // namespace kp
