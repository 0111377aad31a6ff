// Journal replay figures. The session is typed into a Laptop as the page does it: a command line,
// then frames of 16-17 ms of virtual time while the learner reads; the journal keeps the
// commands and one "advance" entry per pause.
#include "bench_journal.h"

#include <algorithm>
#include <chrono>  // benchmark timing only: the engine itself never reads a wall clock
#include <cmath>
#include <string>
#include <vector>

#include "bench_alloc.h"
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

// A long session: about 50 pods, then `commands` command lines spread over `virtualMinutes`, each
// followed by frames of 250 ms while the learner reads (the journal merges them into one entry).
void longSession(cli::Laptop& live, int commands, int virtualMinutes) {
    const std::vector<std::string> setup = {
        "minikube start",
        "kubectl create deployment web --image=nginx:1.26 --replicas=20",
        "kubectl create deployment api --image=nginx:1.27 --replicas=10",
        "kubectl create deployment cache --image=redis:6.0.5 --replicas=5",
        "kubectl expose deployment web --port=80 --type=NodePort",
        "kubectl expose deployment api --port=80",
    };
    const std::vector<std::string> cycle = {
        "kubectl get pods -o wide",
        "kubectl scale deployment web --replicas=24",
        "kubectl get deployments",
        "kubectl describe deployment api",
        "kubectl set image deployment/web nginx=nginx:1.27",
        "kubectl get rs",
        "kubectl scale deployment web --replicas=20",
        "kubectl get events --sort-by=.lastTimestamp",
        "kubectl rollout undo deployment/web",
        "kubectl get svc,endpointslices",
    };
    const int64_t pauseMs = static_cast<int64_t>(virtualMinutes) * 60000 / commands;
    for (int c = 0; c < commands; ++c) {
        const std::string& line = c < static_cast<int>(setup.size()) ? setup[static_cast<size_t>(c)]
                                                                     : cycle[static_cast<size_t>(c) % cycle.size()];
        live.run(0, line);
        for (int64_t passed = 0; passed < pauseMs; passed += 250)
            live.advance(Duration::millis(250));
    }
}

// The live journal as it was just after command `c` and the pause after it.
Json journalAfterCommand(const Json& journal, int c) {
    Json cut = journal;
    cut["entries"] = Json::array();
    int commands = 0;
    for (const Json& e : journal["entries"]) {
        if (e[0] == "run" && commands++ > c)
            break;
        cut["entries"].push_back(e);
    }
    return cut;
}

// Undo and scrub in a long session: replayed from the start (a fresh laptop), and carried on from
// the checkpoints (cli::ReplayCheckpoints) the page keeps while idle.
void benchLongSession(bool quick, std::map<std::string, double>& out) {
    const int commands = quick ? 40 : 150;
    const int minutes = quick ? 30 : 120;
    auto started = std::chrono::steady_clock::now();
    cli::Laptop live(laptopConfig());
    longSession(live, commands, minutes);
    out["long.live_session_ms"] = msSince(started);
    const Json journal = live.journal();
    out["long.commands"] = commands;
    out["long.virtual_minutes"] = minutes;
    out["long.pods"] = static_cast<double>(live.cluster().store().list("pods", "").size());
    const Json before = live.journalBeforeLastCommand();
    const Time start = laptopConfig().startTime;
    const Time middle = start + Duration::millis((live.cluster().now() - start).ms / 2);

    started = std::chrono::steady_clock::now();
    {
        cli::Laptop undone(laptopConfig());
        undone.replay(before);
    }
    out["long.undo_from_start_ms"] = msSince(started);
    started = std::chrono::steady_clock::now();
    {
        cli::Laptop past(laptopConfig());
        past.replayUntil(journal, middle);
    }
    out["long.scrub_middle_from_start_ms"] = msSince(started);

    // The page: after each command the checkpoints catch up while the learner reads.
    const int64_t bytesBefore = bench::liveBytes();
    cli::ReplayCheckpoints checkpoints(laptopConfig());
    const int64_t liveEstimate = live.estimatedBytes();
    double background = 0;
    double worstCatchUp = 0;
    for (int c = 0; c < commands; ++c) {
        const Json grown = journalAfterCommand(journal, c);
        started = std::chrono::steady_clock::now();
        while (checkpoints.step(grown, liveEstimate)) {
        }
        const double ms = msSince(started);
        background += ms;
        worstCatchUp = std::max(worstCatchUp, ms);
    }
    out["long.checkpoints_background_ms"] = background;
    out["long.checkpoints_worst_catch_up_ms"] = worstCatchUp;
    out["long.checkpoints_kept"] = static_cast<double>(checkpoints.size());
    out["long.checkpoints_fresh_laptops"] = static_cast<double>(checkpoints.stats().freshLaptops);
    out["long.checkpoints_steps"] = static_cast<double>(checkpoints.stats().steps);
    out["long.checkpoints_replayed_virtual_x"] =
        static_cast<double>(checkpoints.stats().replayedMs) / (static_cast<double>(minutes) * 60000.0);
    out["long.checkpoints_memory_mb"] = static_cast<double>(bench::liveBytes() - bytesBefore) / (1024.0 * 1024.0);
    out["long.checkpoints_estimated_mb"] = static_cast<double>(checkpoints.keptBytes()) / (1024.0 * 1024.0);
    out["long.live_laptop_memory_mb"] = static_cast<double>(bytesBefore) / (1024.0 * 1024.0);
    out["long.live_laptop_estimated_mb"] = static_cast<double>(liveEstimate) / (1024.0 * 1024.0);

    started = std::chrono::steady_clock::now();
    {
        cli::ReplayCheckpoints::Replayed past = checkpoints.takeNearest(journal, middle);
        past.carryOn(journal, middle);
        out["long.scrub_middle_checkpoint_ms"] = msSince(started);
        if (past.laptop->cluster().now() != middle)
            out["long.scrub_mismatch"] = 1;
        checkpoints.give(std::move(past));
    }
    started = std::chrono::steady_clock::now();
    cli::ReplayCheckpoints::Replayed undone = checkpoints.take(before);
    out["long.undo_checkpoint_ms"] = msSince(started);
    started = std::chrono::steady_clock::now();
    cli::ReplayCheckpoints::Replayed undone2 = checkpoints.take(undone.laptop->journalBeforeLastCommand());
    out["long.undo_second_checkpoint_ms"] = msSince(started);
    cli::Laptop check(laptopConfig());
    check.replay(before);
    if (check.cluster().eventLog().hash() != undone.laptop->cluster().eventLog().hash())
        out["long.undo_mismatch"] = 1;  // never expected: the engine is deterministic
}

// Laptop::estimatedBytes() against what the allocator counts: clusters of `nodes` nodes with a
// Deployment of `replicas` rolled to a new image, `minutes` after the rollout began: the estimate
// in percent of the measured bytes ("estimate.worst_off_pct": the furthest from 100 of all).
void benchEstimate(bool quick, std::map<std::string, double>& out) {
    struct Size {
        int nodes, replicas;
    };
    const std::vector<Size> sizes = quick ? std::vector<Size>{{1, 30}, {1, 300}}
                                          : std::vector<Size>{{1, 0}, {1, 30}, {1, 300}, {1, 1000}, {4, 100}, {4, 1000}, {1, 3000}};
    const std::vector<int> minutes = quick ? std::vector<int>{1, 10} : std::vector<int>{1, 10, 30};
    double worst = 0;
    for (const Size& size : sizes) {
        const int64_t before = bench::liveBytes();
        cli::Laptop live(laptopConfig());
        auto wait = [&](int seconds) {
            for (int i = 0; i < seconds * 4; ++i) {
                live.advance(Duration::millis(250));
                live.poll(0);
            }
        };
        live.run(0, size.nodes == 1 ? "minikube start" : "minikube start --nodes " + std::to_string(size.nodes));
        wait(60);
        live.run(0, "kubectl create deployment web --image=nginx:1.26 --replicas=" + std::to_string(size.replicas));
        wait(60);
        live.run(0, "kubectl set image deployment/web nginx=nginx:1.27");
        int waited = 0;
        for (int at : minutes) {
            wait((at - waited) * 60);
            waited = at;
            const double measured = static_cast<double>(bench::liveBytes() - before);
            const double ratio = static_cast<double>(live.estimatedBytes()) / measured;
            const std::string key = "estimate." + std::to_string(size.nodes) + "n_" + std::to_string(size.replicas) +
                                    "r_" + std::to_string(at) + "min";
            out[key + ".measured_mb"] = measured / (1024.0 * 1024.0);
            out[key + ".estimate_pct"] = 100 * ratio;
            worst = std::max(worst, std::abs(ratio - 1));
        }
    }
    out["estimate.worst_off_pct"] = 100 * worst;
}

// A big cluster under the page's checkpoint budget: 2,000 replicas on 2 nodes, then a few commands.
// How many checkpoints stay, what they hold by the estimate and by the allocator's count, and
// whether undo still rebuilds what a replay from the start rebuilds.
void benchBigSession(bool quick, std::map<std::string, double>& out) {
    const int replicas = quick ? 500 : 2000;
    cli::Laptop live(laptopConfig());
    auto wait = [&](int seconds) {
        for (int i = 0; i < seconds * 4; ++i) {
            live.advance(Duration::millis(250));
            live.poll(0);
        }
    };
    live.run(0, "minikube start --nodes 2");
    wait(60);
    live.run(0, "kubectl create deployment web --image=nginx:1.26 --replicas=" + std::to_string(replicas));
    wait(120);
    for (const char* line : {"kubectl get deployments", "kubectl scale deployment web --replicas=10", "kubectl get pods"}) {
        live.run(0, line);
        wait(30);
    }
    const Json journal = live.journal();
    out["big.pods_at_peak"] = replicas;
    out["big.live_laptop_estimated_mb"] = static_cast<double>(live.estimatedBytes()) / (1024.0 * 1024.0);
    const int64_t bytesBefore = bench::liveBytes();
    cli::ReplayCheckpoints checkpoints(laptopConfig());
    auto started = std::chrono::steady_clock::now();
    int64_t worstKept = 0;
    while (checkpoints.step(journal, live.estimatedBytes()))
        worstKept = std::max(worstKept, checkpoints.keptBytes());
    out["big.checkpoints_background_ms"] = msSince(started);
    out["big.checkpoints_budget_mb"] = static_cast<double>(checkpoints.limits().memoryBudget) / (1024.0 * 1024.0);
    out["big.checkpoints_peak_laptop_mb"] = static_cast<double>(checkpoints.peakBytes()) / (1024.0 * 1024.0);
    out["big.checkpoints_slots"] = static_cast<double>(checkpoints.slots());
    out["big.checkpoints_kept"] = static_cast<double>(checkpoints.size());
    out["big.checkpoints_estimated_mb"] = static_cast<double>(checkpoints.keptBytes()) / (1024.0 * 1024.0);
    out["big.checkpoints_worst_estimated_mb"] = static_cast<double>(worstKept) / (1024.0 * 1024.0);
    out["big.checkpoints_memory_mb"] = static_cast<double>(bench::liveBytes() - bytesBefore) / (1024.0 * 1024.0);
    out["big.checkpoints_freed"] = static_cast<double>(checkpoints.stats().freed);
    const Json before = live.journalBeforeLastCommand();
    started = std::chrono::steady_clock::now();
    cli::ReplayCheckpoints::Replayed undone = checkpoints.take(before);
    out["big.undo_ms"] = msSince(started);
    cli::Laptop check(laptopConfig());
    check.replay(before);
    if (check.cluster().eventLog().hash() != undone.laptop->cluster().eventLog().hash())
        out["big.undo_mismatch"] = 1;  // never expected: the engine is deterministic
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

    benchLongSession(quick, out);
    benchBigSession(quick, out);
    benchEstimate(quick, out);
    return out;
}
