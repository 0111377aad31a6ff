// A command that keeps its terminal until it ends or the learner presses Ctrl+C: `kubectl get -w`,
// `minikube tunnel`, `minikube dashboard`. It lives as virtual time passes, prints as the cluster
// changes, and is polled by whoever shows its output (the page's terminal tab, the script runner).
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "base/time.h"

namespace kp::cli {

class ForegroundProcess {
public:
    virtual ~ForegroundProcess() = default;

    // What it printed since the last call, in the order written.
    virtual std::string takeOutput() = 0;
    // What it wrote to standard error since the last call.
    virtual std::string takeErrors() { return ""; }
    // Whether it ended on its own (a watch's --request-timeout ran out), and with which code.
    virtual bool finished() const = 0;
    virtual int exitCode() const { return 0; }
    // When it ends on its own, if ever: the script runner waits that long.
    virtual std::optional<Time> deadline() const { return std::nullopt; }
    // Ctrl+C: stops it (a tunnel cleans up); returns what it prints on the way out.
    virtual std::string interrupt() = 0;
};

using ForegroundPtr = std::shared_ptr<ForegroundProcess>;

// A process that prints nothing more and only waits for Ctrl+C (the `kubectl proxy` that
// `minikube dashboard` starts and waits on).
class UntilInterrupted : public ForegroundProcess {
public:
    std::string takeOutput() override { return ""; }
    bool finished() const override { return false; }
    std::string interrupt() override { return ""; }
};

// A process that prints nothing more and ends by itself at a given time, or on Ctrl+C (nc
// waiting out its -q or -w seconds).
class UntilTime : public ForegroundProcess {
public:
    UntilTime(std::function<Time()> now, Time end) : now_(std::move(now)), end_(end) {}
    std::string takeOutput() override { return ""; }
    bool finished() const override { return now_() >= end_; }
    std::optional<Time> deadline() const override { return end_; }
    std::string interrupt() override { return ""; }

private:
    std::function<Time()> now_;
    Time end_;
};

}  // namespace kp::cli
