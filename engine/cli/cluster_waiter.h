// A command that waits on the cluster (kubectl wait): it checks once at the start and again
// after every instant the cluster settles at, prints as it goes, and ends when its check says
// it is done or when its deadline passes. It keeps the terminal meanwhile, so the page shows it
// progressing in virtual time and Ctrl+C stops it; a script waits for it to end.
#pragma once
#include <functional>
#include <string>

#include "cli/foreground.h"
#include "cluster/cluster.h"

namespace kp::cli {

class ClusterWaiter : public ForegroundProcess {
public:
    // What a check writes, and whether the command is done.
    struct Progress {
        std::string out, err;
        int exitCode = 0;
        bool done = false;
    };
    // `check` runs at every instant before the deadline; `atDeadline` once, if the deadline
    // comes first. Both only read the cluster.
    ClusterWaiter(Cluster& cluster, Time deadline, std::function<void(Progress&)> check,
                  std::function<void(Progress&)> atDeadline);
    ~ClusterWaiter() override;

    // The first check; observes the cluster when it is not done yet.
    void start();

    std::string takeOutput() override { return std::exchange(progress_.out, ""); }
    std::string takeErrors() override { return std::exchange(progress_.err, ""); }
    bool finished() const override { return progress_.done; }
    int exitCode() const override { return progress_.exitCode; }
    std::optional<Time> deadline() const override { return deadline_; }
    std::string interrupt() override;

private:
    void onSettled();
    void stop();

    Cluster& cluster_;
    Time deadline_;
    std::function<void(Progress&)> check_, atDeadline_;
    Progress progress_;
    Cluster::ObserverId observer_ = 0;
};

}  // namespace kp::cli
