// The append-only record of everything observable that happens in the cluster: API writes
// (who, verb, what, resourceVersion, when), and later Kubernetes Events, scheduling traces and
// network flows. The visualizer and lessons read it; the engine never draws. Sequence numbers
// are dense and start at 1; the hash of the log is the determinism fingerprint of a run.
#pragma once
#include <cstdint>
#include <string>
#include <deque>

#include "base/symbol.h"
#include "base/time.h"

namespace kp {

// A record as the log keeps it: its words interned in the log's SymbolTable.
struct LogRecord {
    uint64_t seq = 0;
    Time time;
    int64_t resourceVersion = 0;
    Symbol type;       // "api-write", "flow"
    Symbol actor;      // who: "kubectl-client-side-apply", "deployment-controller", "kubelet/minikube"
    Symbol verb;       // "create", "update", "patch", "delete", "finalize"
    Symbol resource;   // group resource: "deployments.apps"
    Symbol namespace_;
    Symbol name;
    Symbol detail;     // free text: subresource, reason
};

class EventLog {
public:
    // What a writer hands to append(): the record's words as text.
    struct Entry {
        Time time;
        std::string type, actor, verb, resource, namespace_, name;
        int64_t resourceVersion = 0;
        std::string detail;
    };
    // Records are kept in blocks (a deque), so a growing log never copies itself: a vector
    // would need twice the log's memory at every doubling.
    using Records = std::deque<LogRecord>;

    const LogRecord& append(const Entry& entry);
    const Records& records() const { return records_; }
    uint64_t lastSeq() const { return records_.empty() ? 0 : records_.back().seq; }
    // FNV-1a over a canonical text rendering of every record: equal runs give equal hashes.
    uint64_t hash() const;
    static std::string render(const LogRecord& r);
    void clear() { records_.clear(); }
    // Memory the log holds, roughly: its records and its interned words (for benchmarks).
    size_t heapBytes() const { return records_.size() * sizeof(LogRecord) + words_.heapBytes(); }

private:
    Records records_;
    SymbolTable words_;
};

}  // namespace kp
