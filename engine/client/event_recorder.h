// EventRecorder: how components report what they did as Kubernetes Events (the objects
// `kubectl get events` and the Events block of `kubectl describe` show).
//
// Two flavours, as upstream:
//  - core/v1 events (client-go tools/record; controllers and the kubelet): source {component,
//    host}, firstTimestamp/lastTimestamp, count. A second identical event (same source,
//    object, type, reason and message) does not create an object: the first one's count goes up
//    and lastTimestamp moves, by PATCH, as EventLogger does.
//  - events.k8s.io/v1 events (client-go tools/events; the scheduler): eventTime (MicroTime),
//    action, reportingController/Instance, no source and no counts.
// Names are `<involvedObject.name>.<UnixNano in hex>` in both.
#pragma once
#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>
#include <string_view>

#include "client/client.h"

namespace kp {

class EventRecorder {
public:
    // component: source.component / reportingComponent ("deployment-controller", "kubelet").
    // host: source.host and reportingInstance for the kubelet (the node name); for eventV1 the
    // host the component runs on ("minikube"); "" otherwise.
    EventRecorder(ApiServer& server, std::string component, std::string host = "");

    // A core/v1 event about `object` (any API object: its kind/apiVersion/metadata are read).
    // fieldPath names a part of it, "spec.containers{nginx}".
    void event(const Json& object, std::string_view type, std::string_view reason, std::string_view message,
               std::string_view fieldPath = "");
    // An events.k8s.io/v1 style event (the scheduler's): action "Scheduling", "Binding".
    void eventV1(const Json& object, std::string_view type, std::string_view reason, std::string_view action,
                 std::string_view message);

    // The objectReference events and ownerReferences point with: {apiVersion, kind, name,
    // namespace, uid, resourceVersion} (+ fieldPath).
    static Json objectReference(const Json& object, std::string_view fieldPath = "");

private:
    std::string eventName(const std::string& objectName);
    int64_t nextNano();
    static std::string nameAt(const std::string& objectName, int64_t nano);

    Client client_;
    std::string component_;
    std::string host_;
    // Identical-event cache: correlation key -> (event name's timestamp, count). As client-go's
    // EventLogger it is an LRU of 4096 entries: an event last seen longer ago than that creates a
    // new object (and the cache stays bounded however many pods come and go). A kubelet keeps an
    // entry for each event of each of its pods, so an entry is kept small: the key is a 128-bit
    // digest of the correlation fields (source, object, type, reason, message) instead of their
    // text, and the event is named by its timestamp (the name is `<object>.<hex nano>`, the
    // object's name being part of the key).
    // SIMPLIFICATION: two different events whose 128-bit digests collide would be counted as one;
    // upstream compares the full key text. The chance is nil at any cluster size kubeplay reaches.
    static constexpr size_t kMaxSeen = 4096;
    struct SeenKey {
        uint64_t a = 0, b = 0;
        bool operator==(const SeenKey& o) const { return a == o.a && b == o.b; }
    };
    struct SeenKeyHash {
        size_t operator()(const SeenKey& k) const { return static_cast<size_t>(k.a); }
    };
    struct Seen {
        int64_t nano = 0;  // the event's name is `<involvedObject.name>.<nano in hex>`
        int64_t count = 0;
        std::list<SeenKey>::iterator recency;
    };
    std::unordered_map<SeenKey, Seen, SeenKeyHash> seen_;
    std::list<SeenKey> recency_;  // keys of seen_, most recently used first
    // Events created at the same virtual nanosecond need distinct names (virtual time has
    // millisecond steps; upstream's clock practically never repeats).
    int64_t lastNano_ = 0;
};

}  // namespace kp
