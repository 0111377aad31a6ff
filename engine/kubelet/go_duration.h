// Go's time.Duration.String() for the durations the kubelet prints in events and messages:
// "812ms", "2.305s", "40s", "2m40s", "5m0s", "1h0m0s". Virtual time has millisecond steps, so
// smaller units never occur.
#pragma once
#include <string>

#include "base/time.h"

namespace kp::kubelet {

std::string goDuration(Duration d);

}  // namespace kp::kubelet
