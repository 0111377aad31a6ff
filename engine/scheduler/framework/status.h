// Status: what a plugin answers (framework.Status): a code, human-readable reasons (the texts
// that end up in FailedScheduling events) and the plugin that produced it.
// Upstream: pkg/scheduler/framework/interface.go (Code, Status).
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kp::scheduler::framework {

enum class Code {
    Success,
    Error,                          // an internal failure: retried after back-off
    Unschedulable,                  // may fit after preemption
    UnschedulableAndUnresolvable,   // preemption cannot help on this node
    Skip,                           // PreFilter/PreScore: the plugin has nothing to do for this pod
};

// "Success", "Error", "Unschedulable", "UnschedulableAndUnresolvable", "Skip".
std::string_view codeName(Code c);

class Status {
public:
    Status() = default;  // Success
    explicit Status(Code code, std::vector<std::string> reasons = {}) : code_(code), reasons_(std::move(reasons)) {}
    static Status unschedulable(std::string reason) { return Status(Code::Unschedulable, {std::move(reason)}); }
    static Status unresolvable(std::string reason) {
        return Status(Code::UnschedulableAndUnresolvable, {std::move(reason)});
    }
    static Status error(std::string message) { return Status(Code::Error, {std::move(message)}); }
    static Status skip() { return Status(Code::Skip); }

    Code code() const { return code_; }
    bool isSuccess() const { return code_ == Code::Success; }
    bool isSkip() const { return code_ == Code::Skip; }
    bool isRejected() const { return code_ == Code::Unschedulable || code_ == Code::UnschedulableAndUnresolvable; }
    const std::vector<std::string>& reasons() const { return reasons_; }
    // The reasons joined by ", " (Status.Message()).
    std::string message() const;
    std::string_view plugin() const { return plugin_; }
    Status& withPlugin(std::string_view plugin) {
        plugin_ = plugin;
        return *this;
    }

private:
    Code code_ = Code::Success;
    std::vector<std::string> reasons_;
    std::string_view plugin_;  // plugin names are static strings
};

}  // namespace kp::scheduler::framework
