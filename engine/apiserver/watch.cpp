#include "apiserver/watch.h"

namespace kp {

WatchStream WatchStream::failed(const Json& statusBody) {
    WatchStream w;
    w.pendingError_ = statusBody;
    return w;
}

std::vector<Json> WatchStream::next() {
    std::vector<Json> out;
    if (!pendingError_.is_null()) {
        out.push_back(Json{{"type", "ERROR"}, {"object", pendingError_}});
        pendingError_ = nullptr;
        return out;
    }
    if (!store_)
        return out;
    for (WatchEvent& ev : store_->drain(id_)) {
        Json object = *ev.object;
        if (ev.type == WatchEventType::Bookmark) {
            // {"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"12345","creationTimestamp":null}}
            object["kind"] = kind_;
            object["apiVersion"] = apiVersion_;
            object["metadata"]["creationTimestamp"] = nullptr;
        }
        out.push_back(Json{{"type", toString(ev.type)}, {"object", std::move(object)}});
    }
    return out;
}

void WatchStream::stop() {
    if (store_)
        store_->stopWatch(id_);
    store_ = nullptr;
}

}  // namespace kp
