#include "base/event_log.h"

namespace kp {

const LogRecord& EventLog::append(const Entry& entry) {
    const uint64_t seq = lastSeq() + 1;
    LogRecord& r = records_.emplace_back();
    r.seq = seq;
    r.time = entry.time;
    r.resourceVersion = entry.resourceVersion;
    r.type = words_.intern(entry.type);
    r.actor = words_.intern(entry.actor);
    r.verb = words_.intern(entry.verb);
    r.resource = words_.intern(entry.resource);
    r.namespace_ = words_.intern(entry.namespace_);
    r.name = words_.intern(entry.name);
    r.detail = words_.intern(entry.detail);
    return r;
}

std::string EventLog::render(const LogRecord& r) {
    std::string out = std::to_string(r.seq);
    out += ' ';
    out += formatRFC3339Micro(r.time);
    for (const Symbol* s : {&r.type, &r.actor, &r.verb, &r.resource, &r.namespace_, &r.name}) {
        out += ' ';
        out += s->empty() ? "-" : s->str();
    }
    out += ' ';
    out += std::to_string(r.resourceVersion);
    if (!r.detail.empty()) {
        out += ' ';
        out += r.detail.str();
    }
    return out;
}

uint64_t EventLog::hash() const {
    uint64_t h = 1469598103934665603ULL;
    for (const auto& r : records_) {
        for (unsigned char c : render(r)) {
            h ^= c;
            h *= 1099511628211ULL;
        }
        h ^= '\n';
        h *= 1099511628211ULL;
    }
    return h;
}

}  // namespace kp
