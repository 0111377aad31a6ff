// ObjectStore plays etcd plus the apiserver's watch cache: objects by (resource, namespace,
// name), one global resourceVersion counter (etcd's revision) stamped on every write, and a
// bounded history of changes from which watches resume.
//
// Watch semantics (apiserver/pkg/storage/cacher):
//  - start "now with initial state" (resourceVersion "" or "0"): a synthetic ADDED per current
//    object, then every change;
//  - resume from N: every change with resourceVersion > N; when N predates the retained history
//    the watch gets one ERROR event carrying 410 Expired "too old resource version: N (oldest-1)".
//  - BOOKMARK events (opt-in) carry only the current resourceVersion.
// The store does no admission or validation: the apiserver is the only writer.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/json.h"
#include "base/status.h"
#include "store/packed_json.h"

namespace kp {

using ObjectPtr = std::shared_ptr<const Json>;

enum class WatchEventType { Added, Modified, Deleted, Bookmark, Error };
const char* toString(WatchEventType type);  // "ADDED", "MODIFIED", ...

struct WatchEvent {
    WatchEventType type = WatchEventType::Added;
    std::string resource;     // group resource, "pods", "deployments.apps"
    ObjectPtr object;         // the object (for DELETED: last state with the deletion's RV)
    int64_t resourceVersion = 0;
};

struct WatchRequest {
    std::string resource;             // group resource to watch
    std::string namespace_;           // "" = all namespaces
    bool sendInitialState = true;     // resourceVersion "" / "0"
    int64_t sinceResourceVersion = 0; // used when !sendInitialState
    bool allowBookmarks = false;
    // Optional filter (label/field selectors). An object that stops matching produces DELETED,
    // one that starts matching produces ADDED, as the apiserver does for filtered watches.
    std::function<bool(const Json&)> filter;
};

class ObjectStore {
public:
    using WatcherId = uint64_t;

    // Pods and Events are kept packed once a resource holds `packBeyond` objects (see Stored).
    static constexpr size_t kPackBeyond = 10000;
    explicit ObjectStore(size_t historyCapacity = 10000, size_t packBeyond = kPackBeyond)
        : historyCapacity_(historyCapacity), packBeyond_(packBeyond) {}

    int64_t resourceVersion() const { return rv_; }

    ObjectPtr get(const std::string& resource, const std::string& ns, const std::string& name) const;
    // Ordered by namespace, then name. ns "" lists every namespace.
    std::vector<ObjectPtr> list(const std::string& resource, const std::string& ns = "") const;
    // Calls `fn` with each object list() would return, in the same order, decoding a packed one
    // only for its call: a list of 150,000 packed pods holds every decoded tree at once
    // (gigabytes), this holds one.
    void forEach(const std::string& resource, const std::string& ns, const std::function<void(const Json&)>& fn) const;
    size_t count(const std::string& resource) const;
    // Every resource that holds at least one object (ordered).
    std::vector<std::string> resources() const;

    // Writes stamp metadata.resourceVersion with the new revision and return it.
    // Preconditions (existence) are the caller's: create on an existing key overwrites.
    int64_t create(const std::string& resource, Json object);
    int64_t update(const std::string& resource, Json object);
    int64_t remove(const std::string& resource, const std::string& ns, const std::string& name);

    // Watches. Returns 0 and sets `error` (410 Expired) when the resume point is too old.
    WatcherId watch(const WatchRequest& request, Status& error);
    // Pending events of a watcher, in order; clears them.
    std::vector<WatchEvent> drain(WatcherId id);
    bool hasPending(WatcherId id) const;
    void stopWatch(WatcherId id);
    size_t watcherCount() const { return watchers_.size(); }
    // Queues a BOOKMARK for every watcher that allowed them.
    void emitBookmarks();

    // Oldest resourceVersion a watch can still resume from.
    int64_t oldestResumableVersion() const;

    // {"resourceVersion": N, "objects": {"pods": [...], ...}}. Watch history is not kept.
    Json snapshot() const;
    void restore(const Json& snapshot);

    // Objects kept packed (see Stored) and their bytes, with the key table: for benchmarks.
    struct PackedStats {
        size_t objects = 0;
        size_t bytes = 0;       // the objects' bytes and the table's
        size_t tableBytes = 0;  // the KeyTable's part
        size_t tableWords = 0;
    };
    PackedStats packedStats() const;

private:
    struct Key {
        std::string ns, name;
        // (No defaulted <=>: emscripten's libc++ 14 std::string has no three-way comparison.)
        bool operator<(const Key& o) const { return ns != o.ns ? ns < o.ns : name < o.name; }
    };
    // A stored object: the object itself, or its packed bytes (packed_json.h), decoded on each
    // read. Pods and Events are packed once their resource holds packBeyond_ objects: a
    // 150,000-pod cluster has ~1M Events, read by nothing but `kubectl get/describe` and the
    // event recorder's count updates, and its pods are read a few times in their life (by the
    // kubelet and controllers when they change); packed, a pod takes a fifth of its tree. A
    // small cluster (the UI lists every pod and event each time the cluster changes) never
    // pays for decoding.
    // `recent` is the tree last handed out for the packed bytes: while anything still holds it
    // (a watch event being delivered, the watch history, a caller), reads return it instead
    // of decoding again.
    struct Stored {
        ObjectPtr object;
        std::string packed;
        mutable std::weak_ptr<const Json> recent;
    };
    ObjectPtr load(const Stored& stored) const;
    bool keepPacked(std::string_view resource, size_t count) const;
    void store(Stored& slot, std::string_view resource, size_t count, ObjectPtr object);
    struct Watcher {
        WatchRequest request;
        std::deque<WatchEvent> pending;
    };
    struct Change {
        std::string resource;
        ObjectPtr previous;  // null for ADDED
        ObjectPtr current;   // null for DELETED (then `previous` holds the last state)
        int64_t resourceVersion;
    };

    int64_t write(const std::string& resource, Json object, bool isNew);
    void record(Change change);
    void deliver(Watcher& w, const Change& change) const;

    int64_t rv_ = 0;
    std::map<std::string, std::map<Key, Stored>, std::less<>> objects_;
    KeyTable packedKeys_;
    size_t historyCapacity_;
    size_t packBeyond_;
    std::deque<Change> history_;
    std::map<WatcherId, Watcher> watchers_;
    std::multimap<std::string, WatcherId, std::less<>> watchersByResource_;
    WatcherId nextWatcher_ = 1;
};

}  // namespace kp
