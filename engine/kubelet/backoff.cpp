#include "kubelet/backoff.h"

namespace kp::kubelet {
namespace {

// hasExpired: an entry untouched for twice the maximum no longer counts.
bool hasExpired(Time eventTime, Time lastUpdate) { return eventTime - lastUpdate > kMaxContainerBackOff * 2; }

}  // namespace

// Upstream: client-go util/flowcontrol/backoff.go#IsInBackOffSince
bool BackoffEntry::inBackOffSince(Time eventTime, Time now) const {
    if (!present || hasExpired(eventTime, lastUpdate))
        return false;
    return now - eventTime < backoff;
}

// Upstream: client-go util/flowcontrol/backoff.go#IsInBackOffSinceUpdate
bool BackoffEntry::inBackOffSinceUpdate(Time now) const {
    if (!present || hasExpired(now, lastUpdate))
        return false;
    return now - lastUpdate < backoff;
}

// Upstream: client-go util/flowcontrol/backoff.go#Next
void BackoffEntry::next(Time eventTime, Time now) {
    if (!present || hasExpired(eventTime, lastUpdate)) {
        present = true;
        backoff = kBackOffPeriod;
    } else {
        Duration doubled = backoff * 2;
        backoff = doubled > kMaxContainerBackOff ? kMaxContainerBackOff : doubled;
    }
    lastUpdate = now;
}

}  // namespace kp::kubelet
