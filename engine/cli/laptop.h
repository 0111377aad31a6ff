// The learner's laptop as the page has it: one minikube cluster, a home folder, the laptop's
// ~/.minikube, and terminal tabs (interactive shells sharing all three). Everything that changes
// it goes through here and is written to a journal (command lines per tab, Ctrl+C, time passing),
// so that replaying the journal into a fresh laptop with the same seed rebuilds the same state:
// the engine is deterministic. The page saves the journal after every command (reload restores
// it), cuts it for undo and puts it, compressed, in share links.
#pragma once
#include <algorithm>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "base/json.h"
#include "cli/memory_file_system.h"
#include "cli/shell.h"
#include "cluster/cluster.h"

namespace kp::cli {

class Laptop {
public:
    explicit Laptop(ClusterConfig config);

    Cluster& cluster() { return cluster_; }
    const Cluster& cluster() const { return cluster_; }
    MemoryFileSystem& files() { return files_; }
    // Terminal tab `tab` (0, 1, ...), opened on first use.
    Shell& terminal(int tab);
    // Called with the URL when a command opens the browser (minikube dashboard).
    std::function<void(const std::string& url)> onOpenBrowser;

    // Journaled: a command line typed in a tab, Ctrl+C in a tab, virtual time passing.
    CommandResult run(int tab, const std::string& script);
    std::string interrupt(int tab);
    void advance(Duration d);
    // What a tab's running command printed since the last poll (reads only; not journaled).
    Shell::Progress poll(int tab);

    // {"kubeplayJournal": 1, "seed": N, "entries": [["run", tab, "line"], ["advance", ms],
    // ["interrupt", tab], ...]}; consecutive advances are one entry.
    const Json& journal() const { return journal_; }
    // The journal up to (not including) the last command, and the time that passed before it:
    // what undo rebuilds. Null when there is no command to undo.
    Json journalBeforeLastCommand() const;
    // Replays a journal into this fresh laptop. `echo(tab, text)` receives what each tab's
    // terminal showed ("$ line", output, "^C"), so the page can show it again. False when the
    // journal is not one (then nothing ran).
    bool replay(const Json& journal, const std::function<void(int tab, const std::string& text)>& echo = {});
    // Replays a journal up to virtual time `until` (the timeline's scrub): the commands typed at or
    // before `until` run, time passes up to it, the rest waits. Called again with a later time and
    // the same journal (or the same one grown since), it carries on from where it stopped, so
    // stepping forward costs only the new part; an earlier `until` changes nothing (going back in
    // time needs a fresh laptop). False, and nothing runs, when the journal is not one, is from
    // another seed, or does not continue what this laptop replayed so far. A command that lets
    // time pass itself may end after `until`.
    bool replayUntil(const Json& journal, Time until,
                     const std::function<void(int tab, const std::string& text)>& echo = {});
    // One piece of what replay() does, from where this laptop stopped: the next entry, or at most
    // `most` of the time an "advance" entry lets pass. Replaying a journal piece by piece gives
    // what replay() gives at once (the undo and scrub checkpoints below rely on it). False, and
    // nothing runs, when nothing is left or the journal does not continue this laptop's replay.
    bool replayStep(const Json& journal, Duration most,
                    const std::function<void(int tab, const std::string& text)>& echo = {});
    // How far replay, replayUntil and replayStep got: the journal entries done whole, and how much
    // of the next one (an "advance") already passed.
    size_t replayedEntries() const { return replayed_.size(); }
    int64_t replayedIntoNextMs() const { return replayedIntoNextMs_; }
    // Whether replaying `journal` carries on from where this laptop stopped: a journal of the same
    // seed that begins with everything this laptop replayed so far.
    bool canContinue(const Json& journal) const;
    static bool isJournal(const Json& journal);

    // About how many bytes of memory this laptop holds: its cluster's objects by resource, the
    // watch history its store keeps (the version before each of the last writes), the event log
    // and the journal. An estimate from counts (no allocator is asked, the WebAssembly build has
    // no hook): within about 20% of what kp_bench's allocation counts measure for clusters of 30
    // to 3,000 pods, more above it for a cluster with no workload (bench_journal.cpp, "estimate."
    // figures). Cached until the cluster changes.
    int64_t estimatedBytes() const;

private:
    using Echo = std::function<void(int tab, const std::string& text)>;
    bool continuesReplay(const Json& entries) const;
    // Replays entries [replayedEntries(), end) while virtual time is at most `until`.
    void replayEntries(const Json& entries, Time until, const Echo& echo,
                       size_t end = std::numeric_limits<size_t>::max());

    Cluster cluster_;
    MemoryFileSystem files_;
    MinikubeState minikube_;
    std::vector<std::unique_ptr<Shell>> terminals_;
    Json journal_;
    // What replay/replayUntil consumed so far: the entries done whole, and how much of the next
    // one (an "advance") already passed.
    Json replayed_ = Json::array();
    int64_t replayedIntoNextMs_ = 0;
    size_t watchHistory_;
    // estimatedBytes() and what it was computed from: event log records, store revision, journal entries.
    struct Estimate {
        size_t records = 0;
        int64_t revision = -1;
        size_t entries = 0;
        int64_t bytes = 0;
    };
    mutable Estimate estimate_;
};

// [SECTION] Checkpoints for undo and the timeline's scrub
//
// Laptops replayed to earlier points of the live session's journal, kept so that undo and a scrub
// back in time carry on from the nearest one instead of replaying the whole session.
//  - A laptop cannot be copied (its components hold callbacks into each other and into the
//    store), so a checkpoint is a whole laptop that replayed the journal up to its point. Taking
//    one hands it over: it goes on from there and is no longer a checkpoint.
//  - step() brings laptops (kept ones, or fresh ones from the start) to where checkpoints are
//    wanted: just before each of the last `recentCommands` commands (undo, a few times in a
//    row), and at `spread` points evenly over the session (scrubbing, undo further back). The page
//    calls it while idle, so the cost of following the session is paid in the background.
//  - Memory bounds them: at most recentCommands + spread + 1 laptops, and at most `memoryBudget`
//    bytes in all, together with the laptops the page holds besides the live one (Held: the
//    scrub's, the one undo replaced until it is freed). How many points are wanted: each holds a
//    whole cluster, so the budget those leave is divided by the live laptop's size (or a held
//    one's, if larger; Laptop::estimatedBytes(), which goes down with the cluster: `minikube
//    delete`), the points before the last commands get the slots first, then fewer spread points
//    share the session evenly. What is kept is counted at what each laptop holds: a laptop on its
//    way to a point in a bigger past is kept while the whole fits; when it does not, it goes and
//    its size counts for each slot until the next command, so that the slot it did not fit in is
//    not handed out again at once. A cluster bigger than the budget keeps no checkpoint; undo and
//    scrub then replay from the start.
// A laptop taken from here and carried on gives exactly what a replay from the start gives: the
// engine is deterministic and replayStep pieces add up to replay() (laptop_checkpoints_test).
class ReplayCheckpoints {
public:
    // Each kept laptop holds a whole cluster (about as much memory as the live one), and each
    // wanted point costs replay time as the session grows: the points before the last commands
    // move one command on with every command, point k of `spread` moves k/(spread+1) as fast as
    // the session. The defaults cost about 3x the live session's time, spread over idle time.
    struct Limits {
        int recentCommands = 2;
        int spread = 2;
        // What the kept laptops may hold in all: a few times the live session's memory in the page
        // while clusters are small, none once one laptop would not fit.
        // What the budget means for the page: it is what undo and the scrub may cost on top of
        // the learner's own session, never the session itself (the live laptop is as big as the
        // learner makes it; checkpoints must not make it smaller). The page holds the live laptop,
        // the held ones (Held) and the kept ones; the kept ones go first whenever kept + held
        // would pass the budget. So the page's laptops hold at most live + max(budget, held), and
        // as a slot is counted at least at the live laptop's size, any checkpoint at all means
        // live <= budget: then the page holds at most twice the budget (with nothing held).
        // kp_checkpoints_state reports the page's total (pageBytes) beside the live laptop.
        int64_t memoryBudget = int64_t{256} << 20;
    };
    // A replayed laptop and what each terminal tab showed while it replayed (replay()'s echo).
    struct Replayed {
        std::unique_ptr<Laptop> laptop;
        std::vector<std::string> screens;
        // Replays `journal` on, at most up to virtual time `until`, adding to screens.
        void carryOn(const Json& journal, Time until = Time{std::numeric_limits<int64_t>::max()});
        bool step(const Json& journal, Duration most);
        // The laptop's estimatedBytes() and what the tabs showed.
        int64_t estimatedBytes() const;
    };
    // A point in a journal: the entries replayed whole, then the milliseconds into the next one.
    struct Point {
        size_t entries = 0;
        int64_t intoNextMs = 0;
        auto operator<=>(const Point&) const = default;
    };

    ReplayCheckpoints(ClusterConfig config, Limits limits);
    explicit ReplayCheckpoints(ClusterConfig config) : ReplayCheckpoints(std::move(config), Limits{}) {}

    // The checkpoint that replays `journal` (up to `until`) from furthest along, taken out of the
    // pool; a fresh laptop when none fits. The caller carries it on.
    Replayed takeNearest(const Json& journal, Time until = Time{std::numeric_limits<int64_t>::max()});
    // The laptop `journal` rebuilds whole (undo: the journal before the last command).
    Replayed take(const Json& journal);
    // Keeps a laptop (the scrub's, when the timeline goes back to live) as a checkpoint.
    void give(Replayed replayed);
    // The laptops the page holds outside the pool besides the live one (the scrub's, the one undo
    // replaced until it is freed): they take their part of the budget.
    struct Held {
        int64_t bytes = 0;    // all of them (estimatedBytes())
        int64_t largest = 0;  // the largest one
        void add(int64_t laptopBytes) {
            bytes += laptopBytes;
            largest = std::max(largest, laptopBytes);
        }
    };
    // Moves one laptop towards where a checkpoint is wanted in the live laptop's journal, by one
    // entry or at most kStep of virtual time, or frees one the bounds no longer leave room for.
    // False when every wanted checkpoint is there.
    bool step(const Laptop& live, const Held& held) { return step(live.journal(), live.estimatedBytes(), held); }
    bool step(const Laptop& live) { return step(live, Held{}); }
    // The same with the live journal and the live laptop's estimatedBytes().
    bool step(const Json& liveJournal, int64_t liveBytes, const Held& held);
    bool step(const Json& liveJournal, int64_t liveBytes) { return step(liveJournal, liveBytes, Held{}); }
    // Where checkpoints are wanted in `journal`, in order: at most as many as slots() leaves room
    // for (the points before the last commands first, then the spread ones, evenly).
    std::vector<Point> wanted(const Json& journal) const;
    // The kept laptops, in journal order.
    std::vector<Point> points() const;
    std::vector<Time> times() const;
    size_t size() const { return kept_.size(); }
    // Memory: what the kept laptops hold (estimatedBytes()), what a slot was counted at by the
    // last step() (the live laptop or the largest held one; see above), what the page held
    // besides them then, and how many laptops the budget left by those leaves room for.
    int64_t keptBytes() const;
    int64_t peakBytes() const { return peakBytes_; }
    const Held& held() const { return held_; }
    size_t slots() const;
    const Limits& limits() const { return limits_; }
    // A new budget; step() frees what no longer fits.
    void setMemoryBudget(int64_t bytes) { limits_.memoryBudget = bytes; }
    // What following the session cost so far: laptops started from the start, step() calls that
    // replayed something, and the virtual time they replayed in all.
    struct Stats {
        size_t freshLaptops = 0;
        size_t steps = 0;
        int64_t replayedMs = 0;
        size_t freed = 0;  // laptops freed because no wanted point needed them or they did not fit
    };
    const Stats& stats() const { return stats_; }

    static constexpr Duration kStep = Duration::seconds(2);

private:
    static Point pointOf(const Laptop& laptop) { return {laptop.replayedEntries(), laptop.replayedIntoNextMs()}; }
    void dropStale(const Json& journal);
    void notePeak(int64_t bytes) { peakBytes_ = std::max(peakBytes_, bytes); }
    // peakBytes_ afresh: the live laptop, the largest held one, and keptPeak_ until the next command.
    void measure(const Json& liveJournal, int64_t liveBytes);
    // The kept laptops and the held ones hold more than the budget.
    bool overBudget() const;
    // Frees laptops beyond `limit`, those no point in `want` needs first: true when one went.
    bool trim(const std::vector<Point>& want, size_t limit);

    ClusterConfig config_;
    Limits limits_;
    std::vector<Replayed> kept_;
    int64_t peakBytes_ = 0;
    Held held_;
    // The size a replaying laptop grew to when the whole no longer fitted, kept while the live
    // journal has `keptForCommands_` commands (the thrash guard described above).
    int64_t keptPeak_ = 0;
    size_t keptForCommands_ = 0;
    Stats stats_;
};

}  // namespace kp::cli
