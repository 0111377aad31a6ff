// Hooks for the page's benchmarks and the high-memory browser test (embind):
//   kp_memory_state()          -> {"heapBytes", "liveBytes"}: the WebAssembly memory's size and the
//                                 bytes malloc has handed out and not taken back
//   kp_test_fill_heap_below(mib) -> takes, and keeps for good, every free byte of the heap below
//                                 `mib` MiB, so that everything allocated afterwards lands above it;
//                                 returns the address of a fresh allocation. With 2048 the page runs
//                                 at addresses a signed 32-bit JavaScript number cannot hold, as a
//                                 cluster of 150,000 pods makes it (web/platform/gl_uploads.h).
//   kp_test_replay_heap_limit(bytes) -> the timeline's scrub refuses to replay a cluster whose live
//                                 laptop and replay would hold more than `bytes` (0: the real limit,
//                                 TimeTravel::kReplayHeapLimit); returns the live laptop's estimated
//                                 size. A small cluster then meets the refusal a big one meets.
//   kp_bench_add_nodes(count)  -> joins `count` more machines to the running cluster at once, as
//                                 kp_bench's cluster section starts its nodes; returns the nodes
//                                 the cluster has then. Not a learner's path, and not journaled: a
//                                 reload forgets them. `minikube start --nodes=5000` is faithful,
//                                 hence unusable at that size: minikube starts workers one after
//                                 the other (a virtual day for 5,000, every started node renewing
//                                 its Lease meanwhile) and prints a NO_PROXY list per worker
//                                 that grows with every node before it (N^3 bytes in all).
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <malloc.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "base/json.h"
#include "cluster/machine_nodes.h"
#include "kubelet/kubelets.h"
#include "session.h"
#include "visualizer/visualizer.h"

namespace {

std::string kpMemoryState() {
    const struct mallinfo info = mallinfo();
    return kp::Json{{"heapBytes", static_cast<double>(emscripten_get_heap_size())},
                    {"liveBytes", static_cast<double>(static_cast<unsigned>(info.uordblks))}}
        .dump();
}

// The kept blocks form a list through their own first word: no bookkeeping allocation of its own.
void* gKept = nullptr;

double kpTestFillHeapBelow(int mib) {
    const uintptr_t limit = uintptr_t(static_cast<unsigned>(mib)) << 20;
    // Largest blocks first, so the bulk takes few allocations; then ever smaller ones fill the
    // holes the page's own allocations left. A block that would reach past the limit goes back.
    for (size_t size = size_t{256} << 20; size >= 16; size /= 2) {
        for (;;) {
            void* p = std::malloc(size);
            if (!p)
                break;
            if (reinterpret_cast<uintptr_t>(p) + size > limit) {
                std::free(p);
                break;
            }
            *static_cast<void**>(p) = gKept;
            gKept = p;
        }
    }
    void* probe = std::malloc(64);
    const double at = static_cast<double>(reinterpret_cast<uintptr_t>(probe));
    std::free(probe);
    return at;
}

double kpTestReplayHeapLimit(double bytes) {
    kp::web::visualizer().timeTravel().setReplayHeapLimitForTest(bytes);
    return static_cast<double>(kp::web::session().laptop().estimatedBytes());
}

int kpBenchAddNodes(int count) {
    kp::Cluster& cluster = kp::web::session().cluster();
    if (!cluster.kubelets())
        return 0;
    const int first = static_cast<int>(cluster.store().count("nodes"));
    for (int i = 0; i < count; ++i)
        kp::addMachineNode(cluster, first + i);
    cluster.runUntilIdle();
    return static_cast<int>(cluster.store().count("nodes"));
}

}  // namespace

EMSCRIPTEN_BINDINGS(kubeplay_memory) {
    emscripten::function("kp_memory_state", &kpMemoryState);
    emscripten::function("kp_test_fill_heap_below", &kpTestFillHeapBelow);
    emscripten::function("kp_test_replay_heap_limit", &kpTestReplayHeapLimit);
    emscripten::function("kp_bench_add_nodes", &kpBenchAddNodes);
}
