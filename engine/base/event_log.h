// The append-only record of everything observable that happens in the cluster: API writes
// (who, verb, what, resourceVersion, when), and later Kubernetes Events, scheduling traces and
// network flows. The visualizer and lessons read it; the engine never draws. Sequence numbers
// are dense and start at 1; the hash of the log is the determinism fingerprint of a run.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "base/time.h"

namespace kp {

struct LogRecord {
    uint64_t seq = 0;
    Time time;
    std::string type;       // "api-write", ...
    std::string actor;      // who: "kubectl-client-side-apply", "deployment-controller", "kubelet/minikube"
    std::string verb;       // "create", "update", "patch", "delete", "finalize"
    std::string resource;   // group resource: "deployments.apps"
    std::string namespace_;
    std::string name;
    int64_t resourceVersion = 0;
    std::string detail;     // free text: subresource, reason
};

class EventLog {
public:
    const LogRecord& append(LogRecord record);
    const std::vector<LogRecord>& records() const { return records_; }
    uint64_t lastSeq() const { return records_.empty() ? 0 : records_.back().seq; }
    // FNV-1a over a canonical text rendering of every record: equal runs give equal hashes.
    uint64_t hash() const;
    static std::string render(const LogRecord& r);
    void clear() { records_.clear(); }

private:
    std::vector<LogRecord> records_;
};

}  // namespace kp
