// Journal replay figures. The session is typed into a Laptop as the page does it: a command line,
// then frames of 16-17 ms of virtual time while the learner reads; the journal keeps the
// commands and one "advance" entry per pause.
#include "bench_journal.h"

#include <chrono>  // benchmark timing only: the engine itself never reads a wall clock
#include <string>
#include <vector>

#include "cli/laptop.h"

using namespace kp;

namespace {

double msSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

ClusterConfig laptopConfig() {
    ClusterConfig config = ClusterConfig::fullCluster();
    config.startRunning = false;
    return config;
}

// A command line and how many seconds the learner then waits.
struct Step {
    std::string line;
    int waitSeconds;
};

std::vector<Step> session(int replicas) {
    return {
        {"minikube start --vm-driver=docker --image-repository=registry.cn-hangzhou.aliyuncs.com/google_containers", 5},
        {"kubectl get pods -A", 2},
        {"kubectl create deployment hello-minikube --image=k8s.gcr.io/echoserver:1.10", 3},
        {"kubectl expose deployment hello-minikube --type=NodePort --port=8080", 2},
        {"kubectl get pod", 2},
        {"curl -s $(minikube service hello-minikube --url)", 2},
        {"kubectl create deployment web --image=nginx:1.26 --replicas=" + std::to_string(replicas), 10},
        {"kubectl get deployment web", 2},
        {"kubectl set image deployment/web nginx=nginx:1.27", 20},
        {"kubectl rollout history deployment/web", 2},
        {"kubectl get rs", 2},
        {"kubectl delete service hello-minikube", 2},
        {"kubectl delete deployment hello-minikube", 3},
    };
}

}  // namespace

std::map<std::string, double> benchJournal(bool quick) {
    const int replicas = quick ? 20 : 100;
    std::map<std::string, double> out;

    cli::Laptop live(laptopConfig());
    auto started = std::chrono::steady_clock::now();
    int frames = 0;
    for (const Step& step : session(replicas)) {
        live.run(0, step.line);
        for (int frame = 0; frame < step.waitSeconds * 60; ++frame, ++frames)
            live.advance(Duration::millis(frame % 3 == 0 ? 16 : 17));
    }
    out["live_session_ms"] = msSince(started);
    const Json journal = live.journal();
    out["journal_entries"] = static_cast<double>(journal["entries"].size());
    out["journal_bytes"] = static_cast<double>(journal.dump().size());
    out["virtual_seconds"] = static_cast<double>((live.cluster().now() - laptopConfig().startTime).ms) / 1000.0;
    out["pods"] = static_cast<double>(live.cluster().store().list("pods", "").size());

    started = std::chrono::steady_clock::now();
    cli::Laptop replayed(laptopConfig());
    replayed.replay(journal);
    out["replay_whole_ms"] = msSince(started);
    if (replayed.cluster().eventLog().hash() != live.cluster().eventLog().hash())
        out["replay_mismatch"] = 1;  // never expected: the engine is deterministic

    // Scrubbing back to the middle of the session, then one step forward of a second.
    const Time middle = laptopConfig().startTime + Duration::millis((live.cluster().now() - laptopConfig().startTime).ms / 2);
    started = std::chrono::steady_clock::now();
    cli::Laptop past(laptopConfig());
    past.replayUntil(journal, middle);
    out["scrub_to_middle_ms"] = msSince(started);
    started = std::chrono::steady_clock::now();
    past.replayUntil(journal, middle + Duration::seconds(1));
    out["scrub_step_1s_ms"] = msSince(started);
    return out;
}
