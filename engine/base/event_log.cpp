#include "base/event_log.h"

namespace kp {

const LogRecord& EventLog::append(LogRecord record) {
    record.seq = lastSeq() + 1;
    records_.push_back(std::move(record));
    return records_.back();
}

std::string EventLog::render(const LogRecord& r) {
    std::string out = std::to_string(r.seq);
    out += ' ';
    out += formatRFC3339Micro(r.time);
    for (const std::string* s : {&r.type, &r.actor, &r.verb, &r.resource, &r.namespace_, &r.name}) {
        out += ' ';
        out += s->empty() ? "-" : *s;
    }
    out += ' ';
    out += std::to_string(r.resourceVersion);
    if (!r.detail.empty()) {
        out += ' ';
        out += r.detail;
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
