// The kubelet's exponential back-off (client-go util/flowcontrol.Backoff with no jitter), used
// twice: for restarting crashed containers (CrashLoopBackOff) and for retrying failed image
// pulls (ImagePullBackOff). Both start at 10 s, double, stop at 300 s, and forget an item that
// has been quiet for twice the maximum (a container that ran 10 minutes starts over at 10 s).
// Upstream: pkg/kubelet/kubelet.go (backOffPeriod, MaxContainerBackOff),
// staging/src/k8s.io/client-go/util/flowcontrol/backoff.go.
#pragma once
#include "base/time.h"

namespace kp::kubelet {

inline constexpr Duration kBackOffPeriod = Duration::seconds(10);
inline constexpr Duration kMaxContainerBackOff = Duration::seconds(300);

struct BackoffEntry {
    bool present = false;
    Duration backoff;
    Time lastUpdate;

    // IsInBackOffSince: the window started at `eventTime` (a container's finishedAt) is still open.
    bool inBackOffSince(Time eventTime, Time now) const;
    // IsInBackOffSinceUpdate: the window started at the last Next() is still open.
    bool inBackOffSinceUpdate(Time now) const;
    // Next: first failure (or after a long quiet period) waits 10 s, then 20, 40, ... 300 s.
    void next(Time eventTime, Time now);
    // The current window ("back-off 40s restarting failed container=...").
    Duration get() const { return present ? backoff : Duration{}; }
};

}  // namespace kp::kubelet
