// A watch as a client sees it: events in order, each the HTTP stream's {"type","object"} line.
#pragma once
#include <string>
#include <vector>

#include "base/json.h"
#include "store/object_store.h"

namespace kp {

struct WatchOptions {
    std::string resourceVersion;   // "" or "0": initial state first; "N": changes after N
    std::string labelSelector;
    std::string fieldSelector;
    bool allowBookmarks = false;
};

class WatchStream {
public:
    WatchStream() = default;
    // `apiVersion`/`kind` name the watched kind in BOOKMARK objects.
    WatchStream(ObjectStore* store, ObjectStore::WatcherId id, std::string apiVersion, std::string kind)
        : store_(store), id_(id), apiVersion_(std::move(apiVersion)), kind_(std::move(kind)) {}
    // A watch that failed to start (its only event is ERROR with this Status body).
    static WatchStream failed(const Json& statusBody);

    // Events since the last call, as {"type": "ADDED", "object": {...}} documents.
    std::vector<Json> next();
    bool valid() const { return store_ != nullptr || !pendingError_.is_null(); }
    void stop();

private:
    ObjectStore* store_ = nullptr;
    ObjectStore::WatcherId id_ = 0;
    Json pendingError_;
    std::string apiVersion_, kind_;
};

}  // namespace kp
