// kp_bench: figures for every layer of the engine, one section per area:
//   api        store writes/s, apiserver pod creates/s, watch fan-out, bytes per pod and node
//   scheduler  pods scheduled per second (10,000 pods onto 5,000 nodes)
//   workloads  a Deployment converging and rolling through the Deployment/ReplicaSet controllers
//   cluster    every component: N nodes up, then M running pods (time, virtual time, bytes per pod)
//   journal    the page's journal: a realistic session played live, replayed whole and up to its middle
// Natively, `--wasm FILE` runs the same
// sections in the WASM build in the same run and prints the WASM/native time ratio of each figure.
// Usage: kp_bench [--quick] [--json] [--only SECTION] [--nodes N --pods M] [--pack-beyond N] [--wasm build/wasm/bin/kp_bench.js]
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "base/json.h"
#include "bench_api.h"
#include "bench_cluster.h"
#include "bench_journal.h"
#include "bench_scheduler.h"
#include "bench_workloads.h"

namespace {

using Figures = std::map<std::string, double>;

struct Section {
    const char* name;
    Figures (*run)(bool quick);
};

const std::vector<Section>& sections() {
    static const std::vector<Section> all = {
        {"api", benchApi},
        {"scheduler", benchScheduler},
        {"workloads", benchWorkloads},
        {"cluster", benchCluster},
        {"journal", benchJournal},
    };
    return all;
}

Figures runSections(bool quick, const std::string& only) {
    Figures out;
    for (const Section& s : sections()) {
        if (!only.empty() && only != s.name)
            continue;
        for (const auto& [k, v] : s.run(quick))
            out[std::string(s.name) + "." + k] = v;
    }
    return out;
}

void printHuman(const Figures& f, const char* label) {
    std::printf("[%s]\n", label);
    for (const auto& [k, v] : f)
        std::printf("  %-44s %14.1f\n", k.c_str(), v);
}

void printJson(const Figures& f) {
    std::printf("{");
    bool first = true;
    for (const auto& [k, v] : f) {
        std::printf("%s\"%s\":%.3f", first ? "" : ",", k.c_str(), v);
        first = false;
    }
    std::printf("}\n");
}

// Rates (…_per_s, …_per_cpu_s) are faster when higher; durations (…_ms…, …_s) when lower.
// Sizes and counts are not timings and get no ratio.
int timingDirection(const std::string& key) {
    auto endsWith = [&](const char* tail) {
        const std::string t(tail);
        return key.size() > t.size() && key.compare(key.size() - t.size(), t.size(), t) == 0;
    };
    if (endsWith("_per_s") || endsWith("_per_cpu_s"))
        return 1;
    if (key.find("_ms") != std::string::npos || (key.size() > 2 && key.compare(key.size() - 2, 2, "_s") == 0))
        return -1;
    return 0;
}

#ifndef __EMSCRIPTEN__
bool runWasm(const std::string& js, bool quick, const std::string& only, const std::string& sizes, Figures& out) {
    std::string cmd = "node --no-experimental-fetch " + js + (quick ? " --quick" : "") +
                      (only.empty() ? "" : " --only " + only) + sizes + " --json";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p)
        return false;
    std::string text;
    char buf[4096];
    while (size_t n = fread(buf, 1, sizeof buf, p))
        text.append(buf, n);
    if (pclose(p) != 0)
        return false;
    kp::Json j = kp::Json::parse(text, nullptr, false);
    if (!j.is_object())
        return false;
    for (const auto& [k, v] : j.items())
        out[k] = v.get<double>();
    return true;
}
#endif

}  // namespace

int main(int argc, char** argv) {
    bool quick = false, json = false;
    std::string wasm, only;
    int clusterNodes = 0, clusterPods = 0;
    long packBeyond = -1;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--quick"))
            quick = true;
        else if (!std::strcmp(argv[i], "--json"))
            json = true;
        else if (!std::strcmp(argv[i], "--wasm") && i + 1 < argc)
            wasm = argv[++i];
        else if (!std::strcmp(argv[i], "--only") && i + 1 < argc)
            only = argv[++i];
        else if (!std::strcmp(argv[i], "--nodes") && i + 1 < argc)
            clusterNodes = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--pods") && i + 1 < argc)
            clusterPods = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--pack-beyond") && i + 1 < argc)
            packBeyond = std::atol(argv[++i]);
    }
    setClusterBenchSize(clusterNodes, clusterPods);
    setClusterBenchPackBeyond(packBeyond);
    Figures native = runSections(quick, only);
    if (json) {
        printJson(native);
        return 0;
    }
#ifdef __EMSCRIPTEN__
    printHuman(native, "wasm");
#else
    printHuman(native, "native");
    if (!wasm.empty()) {
        Figures w;
        std::string sizes;
        if (clusterNodes > 0)
            sizes += " --nodes " + std::to_string(clusterNodes);
        if (clusterPods > 0)
            sizes += " --pods " + std::to_string(clusterPods);
        if (packBeyond >= 0)
            sizes += " --pack-beyond " + std::to_string(packBeyond);
        if (!runWasm(wasm, quick, only, sizes, w)) {
            std::printf("wasm run failed: %s\n", wasm.c_str());
            return 1;
        }
        printHuman(w, "wasm");
        std::printf("[wasm/native time ratio]\n");
        for (const auto& [key, n] : native) {
            int dir = timingDirection(key);
            auto it = w.find(key);
            if (dir == 0 || it == w.end() || n <= 0 || it->second <= 0)
                continue;
            std::printf("  %-44s %14.2f\n", key.c_str(), dir > 0 ? n / it->second : it->second / n);
        }
    }
#endif
    return 0;
}
