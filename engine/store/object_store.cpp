#include "store/object_store.h"

#include <algorithm>

#include "base/json_text.h"

namespace kp {
namespace {

std::string namespaceOf(const Json& obj) { return stringAt(obj, "metadata.namespace"); }
std::string nameOf(const Json& obj) { return stringAt(obj, "metadata.name"); }

ObjectPtr withResourceVersion(const ObjectPtr& obj, int64_t rv) {
    auto copy = std::make_shared<Json>(*obj);
    (*copy)["metadata"]["resourceVersion"] = std::to_string(rv);
    return copy;
}

}  // namespace

ObjectPtr ObjectStore::load(const Stored& stored) const {
    if (stored.object)
        return stored.object;
    if (ObjectPtr held = stored.recent.lock())
        return held;
    // Its own allocation (not make_shared): once every holder lets go, the tree is freed
    // although `recent` still points at the control block.
    ObjectPtr decoded(new const Json(unpackJson(stored.packed, packedKeys_)));
    stored.recent = decoded;
    return decoded;
}

bool ObjectStore::keepPacked(std::string_view resource, size_t count) const {
    if (resource != "pods" && resource != "events" && resource != "events.events.k8s.io")
        return false;
    return count >= packBeyond_;
}

void ObjectStore::store(Stored& slot, std::string_view resource, size_t count, ObjectPtr object) {
    slot.packed.clear();
    slot.recent.reset();
    if (keepPacked(resource, count)) {
        std::string packed;
        if (packJson(*object, packedKeys_, packed)) {
            slot.object.reset();
            slot.packed = std::move(packed);
            slot.packed.shrink_to_fit();
            slot.recent = object;
            return;
        }
    }
    slot.object = std::move(object);
}

ObjectStore::PackedStats ObjectStore::packedStats() const {
    PackedStats out;
    for (const auto& [resource, objs] : objects_) {
        for (const auto& [key, stored] : objs) {
            if (stored.object)
                continue;
            ++out.objects;
            out.bytes += stored.packed.capacity() + 1;
        }
    }
    out.tableBytes = packedKeys_.heapBytes();
    out.tableWords = packedKeys_.size();
    out.bytes += out.tableBytes;
    return out;
}

const char* toString(WatchEventType type) {
    switch (type) {
    case WatchEventType::Added: return "ADDED";
    case WatchEventType::Modified: return "MODIFIED";
    case WatchEventType::Deleted: return "DELETED";
    case WatchEventType::Bookmark: return "BOOKMARK";
    case WatchEventType::Error: return "ERROR";
    }
    return "ERROR";
}

ObjectPtr ObjectStore::get(const std::string& resource, const std::string& ns, const std::string& name) const {
    auto r = objects_.find(resource);
    if (r == objects_.end())
        return nullptr;
    auto it = r->second.find(Key{ns, name});
    return it == r->second.end() ? nullptr : load(it->second);
}

std::vector<ObjectPtr> ObjectStore::list(const std::string& resource, const std::string& ns) const {
    std::vector<ObjectPtr> out;
    auto r = objects_.find(resource);
    if (r == objects_.end())
        return out;
    if (ns.empty()) {
        out.reserve(r->second.size());
        for (const auto& [key, stored] : r->second)
            out.push_back(load(stored));
        return out;
    }
    for (auto it = r->second.lower_bound(Key{ns, ""}); it != r->second.end() && it->first.ns == ns; ++it)
        out.push_back(load(it->second));
    return out;
}

void ObjectStore::forEach(const std::string& resource, const std::string& ns,
                          const std::function<void(const Json&)>& fn) const {
    auto r = objects_.find(resource);
    if (r == objects_.end())
        return;
    auto it = ns.empty() ? r->second.begin() : r->second.lower_bound(Key{ns, ""});
    for (; it != r->second.end() && (ns.empty() || it->first.ns == ns); ++it)
        fn(*load(it->second));
}

size_t ObjectStore::count(const std::string& resource) const {
    auto r = objects_.find(resource);
    return r == objects_.end() ? 0 : r->second.size();
}

std::vector<std::string> ObjectStore::resources() const {
    std::vector<std::string> out;
    for (const auto& [resource, objs] : objects_)
        if (!objs.empty())
            out.push_back(resource);
    return out;
}

int64_t ObjectStore::create(const std::string& resource, Json object) { return write(resource, std::move(object), true); }

int64_t ObjectStore::update(const std::string& resource, Json object) { return write(resource, std::move(object), false); }

int64_t ObjectStore::write(const std::string& resource, Json object, bool isNew) {
    const int64_t rv = ++rv_;
    object["metadata"]["resourceVersion"] = std::to_string(rv);
    Key key{namespaceOf(object), nameOf(object)};
    auto current = std::make_shared<const Json>(std::move(object));
    auto& bucket = objects_[resource];
    Stored& slot = bucket[key];
    ObjectPtr previous = isNew || (!slot.object && slot.packed.empty()) ? nullptr : load(slot);
    store(slot, resource, bucket.size(), current);
    record(Change{resource, previous, current, rv});
    return rv;
}

int64_t ObjectStore::remove(const std::string& resource, const std::string& ns, const std::string& name) {
    auto r = objects_.find(resource);
    if (r == objects_.end())
        return 0;
    auto it = r->second.find(Key{ns, name});
    if (it == r->second.end())
        return 0;
    const int64_t rv = ++rv_;
    ObjectPtr last = load(it->second);
    r->second.erase(it);
    record(Change{resource, withResourceVersion(last, rv), nullptr, rv});
    return rv;
}

void ObjectStore::record(Change change) {
    auto [first, last] = watchersByResource_.equal_range(change.resource);
    for (auto it = first; it != last; ++it)
        deliver(watchers_.at(it->second), change);
    history_.push_back(std::move(change));
    while (history_.size() > historyCapacity_)
        history_.pop_front();
}

void ObjectStore::deliver(Watcher& w, const Change& change) const {
    const WatchRequest& req = w.request;
    const Json& sample = change.current ? *change.current : *change.previous;
    if (!req.namespace_.empty() && namespaceOf(sample) != req.namespace_)
        return;
    auto matches = [&](const ObjectPtr& obj) { return obj && (!req.filter || req.filter(*obj)); };
    const bool wasIn = matches(change.previous);
    const bool isIn = matches(change.current);
    if (!wasIn && !isIn)
        return;
    WatchEvent ev;
    ev.resource = change.resource;
    ev.resourceVersion = change.resourceVersion;
    if (!change.current) {
        ev.type = WatchEventType::Deleted;
        ev.object = change.previous;
    } else if (!change.previous || !wasIn) {
        ev.type = WatchEventType::Added;
        ev.object = change.current;
    } else if (!isIn) {
        // Left the filter: watchers see it as deleted, carrying the new state.
        ev.type = WatchEventType::Deleted;
        ev.object = change.current;
    } else {
        ev.type = WatchEventType::Modified;
        ev.object = change.current;
    }
    w.pending.push_back(std::move(ev));
}

int64_t ObjectStore::oldestResumableVersion() const {
    if (history_.empty())
        return rv_;
    return history_.front().resourceVersion - 1;
}

ObjectStore::WatcherId ObjectStore::watch(const WatchRequest& request, Status& error) {
    error = Status::success();
    Watcher w;
    w.request = request;
    if (request.sendInitialState) {
        for (const ObjectPtr& obj : list(request.resource, request.namespace_)) {
            if (request.filter && !request.filter(*obj))
                continue;
            w.pending.push_back(WatchEvent{WatchEventType::Added, request.resource, obj, rv_});
        }
    } else {
        const int64_t since = request.sinceResourceVersion;
        // Upstream: apiserver/pkg/storage/cacher/watch_cache.go#getAllEventsSinceLocked
        if (since < oldestResumableVersion()) {
            error = Status::failure(410, "Expired",
                                    "too old resource version: " + std::to_string(since) + " (" +
                                        std::to_string(oldestResumableVersion()) + ")");
            return 0;
        }
        auto first = std::upper_bound(history_.begin(), history_.end(), since,
                                      [](int64_t v, const Change& c) { return v < c.resourceVersion; });
        for (auto it = first; it != history_.end(); ++it)
            if (it->resource == request.resource)
                deliver(w, *it);
    }
    WatcherId id = nextWatcher_++;
    watchers_.emplace(id, std::move(w));
    watchersByResource_.emplace(request.resource, id);
    return id;
}

std::vector<WatchEvent> ObjectStore::drain(WatcherId id) {
    auto it = watchers_.find(id);
    if (it == watchers_.end())
        return {};
    std::vector<WatchEvent> out(std::make_move_iterator(it->second.pending.begin()),
                                std::make_move_iterator(it->second.pending.end()));
    it->second.pending.clear();
    return out;
}

bool ObjectStore::hasPending(WatcherId id) const {
    auto it = watchers_.find(id);
    return it != watchers_.end() && !it->second.pending.empty();
}

void ObjectStore::stopWatch(WatcherId id) {
    auto it = watchers_.find(id);
    if (it == watchers_.end())
        return;
    auto [first, last] = watchersByResource_.equal_range(it->second.request.resource);
    for (auto w = first; w != last; ++w) {
        if (w->second == id) {
            watchersByResource_.erase(w);
            break;
        }
    }
    watchers_.erase(it);
}

void ObjectStore::emitBookmarks() {
    for (auto& [id, w] : watchers_) {
        if (!w.request.allowBookmarks)
            continue;
        auto obj = std::make_shared<Json>(Json{{"metadata", {{"resourceVersion", std::to_string(rv_)}}}});
        w.pending.push_back(WatchEvent{WatchEventType::Bookmark, w.request.resource, obj, rv_});
    }
}

Json ObjectStore::snapshot() const {
    Json objects = Json::object();
    for (const auto& [resource, objs] : objects_) {
        if (objs.empty())
            continue;
        Json arr = Json::array();
        for (const auto& [key, stored] : objs) {
            arr.push_back(*load(stored));
            expandPackedJsonText(arr.back());  // a snapshot is plain JSON
        }
        objects[resource] = std::move(arr);
    }
    return Json{{"resourceVersion", rv_}, {"objects", std::move(objects)}};
}

void ObjectStore::restore(const Json& snapshot) {
    objects_.clear();
    history_.clear();
    watchers_.clear();
    watchersByResource_.clear();
    rv_ = snapshot.value("resourceVersion", int64_t{0});
    if (const Json* objects = findPath(snapshot, "objects"); objects && objects->is_object()) {
        for (const auto& [resource, arr] : objects->items()) {
            auto& bucket = objects_[resource];
            for (const Json& obj : arr) {
                Stored& slot = bucket[Key{namespaceOf(obj), nameOf(obj)}];
                store(slot, resource, bucket.size(), std::make_shared<const Json>(obj));
            }
        }
    }
}

}  // namespace kp
