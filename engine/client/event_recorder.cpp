#include "client/event_recorder.h"

#include <cstdio>

#include "base/time.h"

namespace kp {

EventRecorder::EventRecorder(ApiServer& server, std::string component, std::string host)
    : client_(server, component), component_(std::move(component)), host_(std::move(host)) {}

Json EventRecorder::objectReference(const Json& object, std::string_view fieldPath) {
    Json ref = Json::object();
    ref["kind"] = stringAt(object, "kind");
    ref["apiVersion"] = stringAt(object, "apiVersion");
    ref["name"] = stringAt(object, "metadata.name");
    if (std::string ns = stringAt(object, "metadata.namespace"); !ns.empty())
        ref["namespace"] = ns;
    ref["uid"] = stringAt(object, "metadata.uid");
    if (std::string rv = stringAt(object, "metadata.resourceVersion"); !rv.empty())
        ref["resourceVersion"] = rv;
    if (!fieldPath.empty())
        ref["fieldPath"] = std::string(fieldPath);
    return ref;
}

int64_t EventRecorder::nextNano() {
    int64_t nano = client_.server().clock().now().ms * 1'000'000;
    if (nano <= lastNano_)
        nano = lastNano_ + 1;
    lastNano_ = nano;
    return nano;
}

std::string EventRecorder::nameAt(const std::string& objectName, int64_t nano) {
    char hex[24];
    std::snprintf(hex, sizeof hex, "%llx", static_cast<unsigned long long>(nano));
    return objectName + "." + hex;
}

std::string EventRecorder::eventName(const std::string& objectName) { return nameAt(objectName, nextNano()); }

namespace {

// Two independent 64-bit digests (FNV-1a and a multiply-xorshift mix) of the correlation fields,
// each field followed by a separator byte so ("ab","c") and ("a","bc") differ.
struct KeyDigest {
    uint64_t a = 0xcbf29ce484222325ull, b = 0x9e3779b97f4a7c15ull;
    void add(std::string_view s) {
        for (unsigned char c : s)
            byte(c);
        byte(0x1f);
    }
    void byte(unsigned char c) {
        a = (a ^ c) * 0x100000001b3ull;
        b = (b ^ c) * 0xff51afd7ed558ccdull;
        b ^= b >> 29;
    }
};

}  // namespace

void EventRecorder::event(const Json& object, std::string_view type, std::string_view reason,
                          std::string_view message, std::string_view fieldPath) {
    Json ref = objectReference(object, fieldPath);
    // Events about cluster-scoped objects (nodes) live in "default", as client-go puts them.
    std::string ns = ref.value("namespace", "default");
    const std::string now = formatRFC3339(client_.server().clock().now());
    const std::string objectName = ref.value("name", "");
    KeyDigest digest;
    for (std::string_view field : {std::string_view(component_), std::string_view(host_)})
        digest.add(field);
    digest.add(ref.value("kind", ""));
    digest.add(ns);
    digest.add(objectName);
    digest.add(ref.value("uid", ""));
    digest.add(ref.value("apiVersion", ""));
    for (std::string_view field : {fieldPath, type, reason, message})
        digest.add(field);
    const SeenKey key{digest.a, digest.b};
    if (auto it = seen_.find(key); it != seen_.end()) {
        Seen& s = it->second;
        recency_.splice(recency_.begin(), recency_, s.recency);
        Json patch = {{"count", s.count + 1}, {"lastTimestamp", now}, {"message", std::string(message)}};
        ApiResponse resp = client_.patch(client_.resource("events"), ns, nameAt(objectName, s.nano),
                                         PatchType::StrategicMergePatch, patch.dump());
        if (resp.ok()) {
            ++s.count;
            return;
        }
        recency_.erase(s.recency);
        seen_.erase(it);  // expired or deleted: record a fresh event
    }
    Json source = {{"component", component_}};
    if (!host_.empty())
        source["host"] = host_;
    const int64_t nano = nextNano();
    Json ev = {{"apiVersion", "v1"},
               {"kind", "Event"},
               {"metadata", {{"name", nameAt(objectName, nano)}, {"namespace", ns}}},
               {"involvedObject", ref},
               {"reason", std::string(reason)},
               {"message", std::string(message)},
               {"source", source},
               {"firstTimestamp", now},
               {"lastTimestamp", now},
               {"count", 1},
               {"type", std::string(type)},
               {"eventTime", nullptr},
               {"reportingComponent", component_},
               {"reportingInstance", host_}};
    ApiResponse resp = client_.create(ev);
    if (!resp.ok())
        return;
    auto it = seen_.insert_or_assign(key, Seen{nano, 1, {}}).first;
    recency_.push_front(key);
    it->second.recency = recency_.begin();
    if (seen_.size() > kMaxSeen) {
        seen_.erase(recency_.back());
        recency_.pop_back();
    }
}

void EventRecorder::eventV1(const Json& object, std::string_view type, std::string_view reason,
                            std::string_view action, std::string_view message) {
    Json ref = objectReference(object);
    std::string ns = ref.value("namespace", "default");
    std::string name = eventName(ref.value("name", ""));
    // reportingInstance is "<controller>-<hostname>" (tools/events NewRecorder); pass the
    // control-plane node as host. SIMPLIFICATION: stored through the core/v1 Event resource with the fields events.k8s.io/v1
    // maps onto it (eventTime, action, reportingComponent/Instance; no source, no counts), which
    // is what `kubectl get events -o yaml` shows for scheduler events.
    // Built field by field with moves: a braced initializer list copies every value once more,
    // and the scheduler writes one of these per pod.
    Json ev = Json::object();
    Json::object_t& o = ev.get_ref<Json::object_t&>();
    o.emplace("apiVersion", "v1");
    o.emplace("kind", "Event");
    Json meta = Json::object();
    meta.get_ref<Json::object_t&>().emplace("name", std::move(name));
    meta.get_ref<Json::object_t&>().emplace("namespace", ns);
    o.emplace("metadata", std::move(meta));
    o.emplace("involvedObject", std::move(ref));
    o.emplace("reason", reason);
    o.emplace("message", message);
    o.emplace("source", Json::object());
    o.emplace("firstTimestamp", nullptr);
    o.emplace("lastTimestamp", nullptr);
    o.emplace("type", type);
    o.emplace("eventTime", formatRFC3339Micro(client_.server().clock().now()));
    o.emplace("action", action);
    o.emplace("reportingComponent", component_);
    o.emplace("reportingInstance", host_.empty() ? component_ : component_ + "-" + host_);
    // What Client::create does, with the event moved in instead of copied (one per scheduling).
    WriteOptions opts;
    opts.actor = opts.fieldManager = client_.actor();
    client_.server().create(client_.resource("events"), ns, std::move(ev), opts);
}

}  // namespace kp
