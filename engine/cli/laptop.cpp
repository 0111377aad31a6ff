#include "cli/laptop.h"

#include <algorithm>
#include <limits>

namespace kp::cli {
namespace {

// Tabs beyond this are refused (a journal from elsewhere cannot open thousands of shells).
constexpr int kMaxTabs = 8;

// What a terminal shows for a command line: the prompt before every line of it.
std::string echoLine(const std::string& prompt, const std::string& script) {
    std::string out;
    size_t start = 0;
    bool first = true;
    std::string body = script;
    while (!body.empty() && body.back() == '\n')
        body.pop_back();
    while (start <= body.size()) {
        size_t end = body.find('\n', start);
        if (end == std::string::npos)
            end = body.size();
        out += (first ? prompt : "> ") + body.substr(start, end - start) + "\n";
        first = false;
        start = end + 1;
    }
    return out;
}

}  // namespace

Laptop::Laptop(ClusterConfig config)
    : cluster_(config),
      journal_{{"kubeplayJournal", 1}, {"seed", config.seed}, {"entries", Json::array()}},
      watchHistory_(config.watchHistory) {}

bool Laptop::isJournal(const Json& journal) {
    return journal.is_object() && journal.value("kubeplayJournal", 0) == 1 && journal.contains("entries") &&
           journal["entries"].is_array();
}

Shell& Laptop::terminal(int tab) {
    tab = std::clamp(tab, 0, kMaxTabs - 1);
    while (static_cast<int>(terminals_.size()) <= tab) {
        auto shell = std::make_unique<Shell>(cluster_, files_, &minikube_);
        shell->setInteractive(true);
        shell->onOpenBrowser = [this](const std::string& url) {
            if (onOpenBrowser)
                onOpenBrowser(url);
        };
        terminals_.push_back(std::move(shell));
    }
    return *terminals_[tab];
}

CommandResult Laptop::run(int tab, const std::string& script) {
    journal_["entries"].push_back(Json::array({"run", tab, script}));
    return terminal(tab).run(script);
}

std::string Laptop::interrupt(int tab) {
    if (!terminal(tab).busy())
        return "";
    journal_["entries"].push_back(Json::array({"interrupt", tab}));
    return terminal(tab).interrupt();
}

void Laptop::advance(Duration d) {
    if (d.ms <= 0)
        return;
    Json& entries = journal_["entries"];
    if (!entries.empty() && entries.back()[0] == "advance")
        entries.back()[1] = entries.back()[1].get<int64_t>() + d.ms;
    else
        entries.push_back(Json::array({"advance", d.ms}));
    cluster_.advance(d);
}

Shell::Progress Laptop::poll(int tab) { return terminal(tab).poll(); }

Json Laptop::journalBeforeLastCommand() const {
    const Json& entries = journal_["entries"];
    for (size_t i = entries.size(); i-- > 0;) {
        if (entries[i][0] != "run")
            continue;
        Json cut = journal_;
        cut["entries"] = Json::array();
        for (size_t j = 0; j < i; ++j)
            cut["entries"].push_back(entries[j]);
        return cut;
    }
    return nullptr;
}

bool Laptop::replay(const Json& journal, const Echo& echo) {
    // Another seed would give another cluster: the same commands, other names and addresses.
    if (!isJournal(journal) || journal.value("seed", Json(0)) != journal_["seed"])
        return false;
    if (!continuesReplay(journal["entries"])) {
        replayed_ = Json::array();
        replayedIntoNextMs_ = 0;
    }
    replayEntries(journal["entries"], Time{std::numeric_limits<int64_t>::max()}, echo);
    return true;
}

bool Laptop::replayUntil(const Json& journal, Time until, const Echo& echo) {
    if (!canContinue(journal))
        return false;
    replayEntries(journal["entries"], until, echo);
    return true;
}

bool Laptop::canContinue(const Json& journal) const {
    return isJournal(journal) && journal.value("seed", Json(0)) == journal_["seed"] &&
           continuesReplay(journal["entries"]);
}

bool Laptop::replayStep(const Json& journal, Duration most, const Echo& echo) {
    if (!canContinue(journal))
        return false;
    const Json& entries = journal["entries"];
    const size_t next = replayed_.size();
    if (next >= entries.size())
        return false;
    const Json& e = entries[next];
    const bool advance = e.is_array() && e.size() == 2 && e[0] == "advance";
    // At least a millisecond, so that every step moves on.
    const Time until = advance ? cluster_.now() + std::max(most, Duration::millis(1))
                               : Time{std::numeric_limits<int64_t>::max()};
    replayEntries(entries, until, echo, next + 1);
    return true;
}

// The entries replayed so far are the journal's first ones, and the advance stopped half-way (if
// any) is at least as long in it.
bool Laptop::continuesReplay(const Json& entries) const {
    if (entries.size() < replayed_.size())
        return false;
    for (size_t i = 0; i < replayed_.size(); ++i) {
        if (entries[i] != replayed_[i])
            return false;
    }
    if (replayedIntoNextMs_ == 0)
        return true;
    if (entries.size() == replayed_.size())
        return false;
    const Json& next = entries[replayed_.size()];
    return next.is_array() && next.size() == 2 && next[0] == "advance" && next[1].is_number_integer() &&
           next[1].get<int64_t>() >= replayedIntoNextMs_;
}

// Replays entries from where the last replay stopped. Malformed entries are skipped.
void Laptop::replayEntries(const Json& entries, Time until, const Echo& echo, size_t end) {
    auto show = [&](int tab, const std::string& text) {
        if (echo && !text.empty())
            echo(tab, text);
    };
    // Every tab's running command prints as time passes, as the page polls it.
    auto pollAll = [&] {
        for (size_t tab = 0; tab < terminals_.size(); ++tab) {
            Shell::Progress p = terminals_[tab]->poll();
            show(static_cast<int>(tab), p.out);
        }
    };
    for (size_t i = replayed_.size(); i < std::min(end, entries.size()); ++i) {
        const Json& e = entries[i];
        if (cluster_.now() > until)
            return;
        if (!e.is_array() || e.empty() || !e[0].is_string()) {
            replayed_.push_back(e);
            continue;
        }
        const std::string kind = e[0].get<std::string>();
        if (kind == "run" && e.size() == 3 && e[1].is_number_integer() && e[2].is_string()) {
            const int tab = e[1].get<int>();
            const std::string prompt = terminal(tab).prompt();
            const std::string script = e[2].get<std::string>();
            CommandResult r = run(tab, script);
            show(tab, echoLine(prompt, script) + r.terminalText());
            pollAll();
        } else if (kind == "interrupt" && e.size() == 2 && e[1].is_number_integer()) {
            const int tab = e[1].get<int>();
            if (terminal(tab).busy())
                show(tab, "^C\n" + interrupt(tab));
        } else if (kind == "advance" && e.size() == 2 && e[1].is_number_integer()) {
            const int64_t total = std::max<int64_t>(0, e[1].get<int64_t>());
            const int64_t left = total - replayedIntoNextMs_;
            const int64_t room = until.ms - cluster_.now().ms;  // >= 0 here
            if (left > room) {
                advance(Duration::millis(room));
                replayedIntoNextMs_ += room;
                pollAll();
                return;
            }
            advance(Duration::millis(left));
            replayedIntoNextMs_ = 0;
            pollAll();
        }
        replayed_.push_back(e);
    }
}

// [SECTION] Memory estimate

namespace {

// What each thing a laptop keeps costs in bytes, fitted to kp_bench's allocation counts (the
// "estimate." figures of bench_journal.cpp: clusters of 1 and 4 nodes, 0 to 3,000 replicas, 1 to
// 30 minutes after a rolling update) in a 64-bit build. A pod is its object and what the kubelet,
// the scheduler and the informers keep about it; a write's history entry is the object's version
// before it (pods rewrite their status often, Events mostly bump a count). WebAssembly's 32-bit
// pointers and strings make the same laptop smaller (kWasmScale, measured the same way).
struct Costs {
    int64_t emptyLaptop = 200 << 10;  // no cluster yet: the shells, ~/.minikube
    int64_t cluster = 1400 << 10;     // a started cluster's components and their caches
    int64_t pod = 12000;
    // The store packs pods and Events beyond ObjectStore::kPackBeyond of them. A packed pod's
    // cost is estimated from kp_bench's cluster run with everything packed (~20 KB per running
    // pod at 3,000 pods, of which ~11 KB the watch history and ~2 KB its Events).
    int64_t packedPod = 6000;
    int64_t event = 3500;
    int64_t packedEvent = 2500;
    int64_t object = 4000;
    int64_t logRecord = 700;
    int64_t podWrite = 14000;
    int64_t eventWrite = 1500;
    int64_t otherWrite = 4000;
    int64_t journalEntry = 300;  // the journal and the replayed copy of it, besides the command text
};
constexpr Costs kCosts;
constexpr double kWasmScale = sizeof(void*) == 4 ? 0.67 : 1.0;

}  // namespace

int64_t Laptop::estimatedBytes() const {
    const EventLog::Records& records = cluster_.eventLog().records();
    const ObjectStore& store = cluster_.store();
    const Json& entries = journal_["entries"];
    if (estimate_.records == records.size() && estimate_.revision == store.resourceVersion() &&
        estimate_.entries == entries.size())
        return estimate_.bytes;
    int64_t bytes = store.resourceVersion() > 0 ? kCosts.cluster : kCosts.emptyLaptop;
    for (const std::string& resource : store.resources()) {
        const auto n = static_cast<int64_t>(store.count(resource));
        const bool packed = static_cast<size_t>(n) >= ObjectStore::kPackBeyond;
        if (resource == "pods")
            bytes += n * (packed ? kCosts.packedPod : kCosts.pod);
        else if (resource == "events")
            bytes += n * (packed ? kCosts.packedEvent : kCosts.event);
        else
            bytes += n * kCosts.object;
    }
    bytes += static_cast<int64_t>(records.size()) * kCosts.logRecord;
    // The store keeps the last watchHistory writes (one per revision), each with the version it
    // replaced. Writes made before `minikube delete` went with that cluster's store: going back
    // through the log, the revisions go down until one of an earlier store, which is higher.
    const int64_t oldestKept = store.resourceVersion() - static_cast<int64_t>(watchHistory_);
    int64_t newer = store.resourceVersion() + 1;
    for (size_t i = records.size(); i-- > 0;) {
        const LogRecord& r = records[i];
        if (r.type != "api-write")
            continue;
        if (r.resourceVersion <= oldestKept || r.resourceVersion >= newer)
            break;
        newer = r.resourceVersion;
        bytes += r.resource == "pods" ? kCosts.podWrite : r.resource == "events" ? kCosts.eventWrite : kCosts.otherWrite;
    }
    for (const Json& e : entries) {
        bytes += kCosts.journalEntry;
        if (e.is_array() && e.size() == 3 && e[2].is_string())
            bytes += 2 * static_cast<int64_t>(e[2].get_ref<const std::string&>().size());
    }
    bytes = static_cast<int64_t>(static_cast<double>(bytes) * kWasmScale);
    estimate_ = {records.size(), store.resourceVersion(), entries.size(), bytes};
    return bytes;
}

// [SECTION] ReplayCheckpoints

namespace {

// An echo that adds each tab's text to `screens`.
std::function<void(int, const std::string&)> echoInto(std::vector<std::string>& screens) {
    return [&screens](int tab, const std::string& text) {
        if (tab < 0)
            return;
        if (screens.size() <= static_cast<size_t>(tab))
            screens.resize(static_cast<size_t>(tab) + 1);
        screens[static_cast<size_t>(tab)] += text;
    };
}

bool isRunEntry(const Json& e) { return e.is_array() && !e.empty() && e[0] == "run"; }

// The milliseconds an "advance" entry lets pass (0 for other entries).
int64_t advanceMs(const Json& e) {
    if (!e.is_array() || e.size() != 2 || e[0] != "advance" || !e[1].is_number_integer())
        return 0;
    return std::max<int64_t>(0, e[1].get<int64_t>());
}

}  // namespace

void ReplayCheckpoints::Replayed::carryOn(const Json& journal, Time until) {
    laptop->replayUntil(journal, until, echoInto(screens));
}

bool ReplayCheckpoints::Replayed::step(const Json& journal, Duration most) {
    return laptop->replayStep(journal, most, echoInto(screens));
}

int64_t ReplayCheckpoints::Replayed::estimatedBytes() const {
    int64_t bytes = laptop ? laptop->estimatedBytes() : 0;
    for (const std::string& screen : screens)
        bytes += static_cast<int64_t>(screen.capacity());
    return bytes;
}

ReplayCheckpoints::ReplayCheckpoints(ClusterConfig config, Limits limits)
    : config_(std::move(config)), limits_(limits) {}

void ReplayCheckpoints::dropStale(const Json& journal) {
    std::erase_if(kept_, [&](const Replayed& r) { return !r.laptop || !r.laptop->canContinue(journal); });
}

ReplayCheckpoints::Replayed ReplayCheckpoints::takeNearest(const Json& journal, Time until) {
    dropStale(journal);
    auto best = kept_.end();
    for (auto it = kept_.begin(); it != kept_.end(); ++it) {
        if (it->laptop->cluster().now() > until)
            continue;
        if (best == kept_.end() || pointOf(*best->laptop) < pointOf(*it->laptop))
            best = it;
    }
    if (best == kept_.end())
        return Replayed{std::make_unique<Laptop>(config_), {}};
    Replayed taken = std::move(*best);
    kept_.erase(best);
    return taken;
}

ReplayCheckpoints::Replayed ReplayCheckpoints::take(const Json& journal) {
    Replayed r = takeNearest(journal);
    r.carryOn(journal);
    return r;
}

// The given laptop is kept only while there is a slot for it (step() frees the least useful
// later, when it would not fit any more).
void ReplayCheckpoints::give(Replayed replayed) {
    if (!replayed.laptop)
        return;
    notePeak(replayed.estimatedBytes());
    if (kept_.size() >= slots()) {
        ++stats_.freed;
        return;
    }
    kept_.push_back(std::move(replayed));
}

int64_t ReplayCheckpoints::keptBytes() const {
    int64_t bytes = 0;
    for (const Replayed& r : kept_)
        bytes += r.estimatedBytes();
    return bytes;
}

// Each slot is counted at peakBytes_ (the live laptop or a larger held one, see measure()), in the
// budget the held laptops leave. With the defaults (256 MB, 2 + 2 + 1 laptops) and nothing held: a
// 40 MB session leaves room for 6, so the counts bound it; a 100 MB one for 2 (the points before
// the last two commands), a 300 MB one for none.
size_t ReplayCheckpoints::slots() const {
    const size_t counted = static_cast<size_t>(std::max(0, limits_.recentCommands) + std::max(0, limits_.spread) + 1);
    const int64_t left = std::max<int64_t>(0, limits_.memoryBudget - held_.bytes);
    if (peakBytes_ <= 0)
        return left > 0 ? counted : 0;
    return std::min(counted, static_cast<size_t>(left / peakBytes_));
}

namespace {

size_t commandsIn(const Json& journal) {
    size_t n = 0;
    if (Laptop::isJournal(journal))
        for (const Json& e : journal["entries"])
            n += isRunEntry(e) ? 1 : 0;
    return n;
}

}  // namespace

// A new slot is counted at the live laptop (the points wanted most sit just before its last
// commands) or a held one, whichever is larger. The kept laptops are counted at what they hold:
// step() frees one when the whole would not fit the budget.
void ReplayCheckpoints::measure(const Json& liveJournal, int64_t liveBytes) {
    if (commandsIn(liveJournal) != keptForCommands_)
        keptPeak_ = 0;
    peakBytes_ = std::max({liveBytes, held_.largest, keptPeak_});
}

bool ReplayCheckpoints::overBudget() const { return !kept_.empty() && keptBytes() + held_.bytes > limits_.memoryBudget; }

// Just before each of the last few commands (undo), then evenly over the virtual time the
// journal's "advance" entries let pass (a command that lets time pass itself is not counted: that
// only moves where a checkpoint sits, never what a replay from it gives). When the memory budget
// leaves fewer slots, the points before the last commands keep theirs (the last first), and the
// spread points left share the session evenly: one slot for them puts one in the middle.
std::vector<ReplayCheckpoints::Point> ReplayCheckpoints::wanted(const Json& journal) const {
    std::vector<Point> points;
    if (!Laptop::isJournal(journal))
        return points;
    const size_t room = slots();
    const Json& entries = journal["entries"];
    size_t recent = 0;
    for (size_t i = entries.size(); i-- > 0 && recent < std::min(room, static_cast<size_t>(std::max(0, limits_.recentCommands)));) {
        if (isRunEntry(entries[i])) {
            points.push_back({i, 0});
            ++recent;
        }
    }
    const int64_t spread = static_cast<int64_t>(std::min(room - recent, static_cast<size_t>(std::max(0, limits_.spread))));
    int64_t total = 0;
    for (const Json& e : entries)
        total += advanceMs(e);
    for (int64_t k = 1; k <= spread && total > 0; ++k) {
        const int64_t at = total * k / (spread + 1);
        int64_t passed = 0;
        for (size_t i = 0; i < entries.size(); ++i) {
            const int64_t ms = advanceMs(entries[i]);
            if (passed + ms > at) {
                points.push_back({i, at - passed});
                break;
            }
            passed += ms;
        }
    }
    // The start needs no checkpoint: a fresh laptop is there.
    std::erase_if(points, [](const Point& p) { return p == Point{}; });
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    return points;
}

namespace {

// Each wanted point (in order), from the last, gets the furthest laptop at or before it not taken
// yet (`kept` in journal order): the index of its laptop or -1, and which laptops are taken.
template <typename PointOf>
std::vector<int> matchPoints(const std::vector<ReplayCheckpoints::Point>& want, size_t kept, PointOf pointAt,
                             std::vector<bool>& used) {
    std::vector<int> match(want.size(), -1);
    used.assign(kept, false);
    for (size_t w = want.size(); w-- > 0;) {
        for (size_t k = kept; k-- > 0;) {
            if (!used[k] && pointAt(k) <= want[w]) {
                match[w] = static_cast<int>(k);
                used[k] = true;
                break;
            }
        }
    }
    return match;
}

}  // namespace

bool ReplayCheckpoints::trim(const std::vector<Point>& want, size_t limit) {
    if (kept_.size() <= limit)
        return false;
    std::sort(kept_.begin(), kept_.end(),
              [](const Replayed& a, const Replayed& b) { return pointOf(*a.laptop) < pointOf(*b.laptop); });
    std::vector<bool> used;
    matchPoints(want, kept_.size(), [&](size_t k) { return pointOf(*kept_[k].laptop); }, used);
    // The laptops no wanted point needs go, earliest first. (There is one: at most `want.size()`
    // are needed, and `limit` is at least that.)
    for (size_t k = 0; k < kept_.size(); ++k) {
        if (!used[k]) {
            kept_.erase(kept_.begin() + static_cast<std::ptrdiff_t>(k));
            ++stats_.freed;
            return true;
        }
    }
    return false;
}

bool ReplayCheckpoints::step(const Json& liveJournal, int64_t liveBytes, const Held& held) {
    dropStale(liveJournal);
    held_ = held;
    measure(liveJournal, liveBytes);
    const std::vector<Point> want = wanted(liveJournal);
    // One laptop more than the wanted points when there is room (the scrub's, given back).
    const size_t limit = std::min(want.size() + 1, slots());
    std::sort(kept_.begin(), kept_.end(),
              [](const Replayed& a, const Replayed& b) { return pointOf(*a.laptop) < pointOf(*b.laptop); });
    // Over the bounds: one laptop goes; the rest is matched on the next call.
    if (trim(want, limit))
        return true;
    // Over the budget (the held laptops grew): those no wanted point needs go first, then the
    // earliest.
    if (overBudget()) {
        if (!trim(want, kept_.size() - 1)) {
            kept_.erase(kept_.begin());
            ++stats_.freed;
        }
        return true;
    }
    std::vector<bool> used;
    const std::vector<int> match =
        matchPoints(want, kept_.size(), [&](size_t k) { return pointOf(*kept_[k].laptop); }, used);
    // The point just before the last command first (undo), then back from there.
    for (size_t w = want.size(); w-- > 0;) {
        const Point target = want[w];
        if (match[w] < 0) {
            // Room first: a laptop no wanted point needs goes (there is one when all slots are taken).
            if (kept_.size() >= slots() && trim(want, kept_.size() - 1))
                return true;
            kept_.push_back(Replayed{std::make_unique<Laptop>(config_), {}});
            ++stats_.freshLaptops;
            return true;  // stepped on the next call
        }
        Replayed& r = kept_[static_cast<size_t>(match[w])];
        const Point at = pointOf(*r.laptop);
        if (at == target)
            continue;
        Duration most = kStep;
        if (at.entries == target.entries)
            most = std::min(most, Duration::millis(target.intoNextMs - at.intoNextMs));
        const Time before = r.laptop->cluster().now();
        if (r.step(liveJournal, most)) {
            ++stats_.steps;
            stats_.replayedMs += (r.laptop->cluster().now() - before).ms;
            // On its way through a bigger past than the whole fits with: it goes, and its size
            // counts for each slot until the next command (a slot freed now would only be
            // refilled by a laptop replaying through the same past).
            if (overBudget()) {
                keptPeak_ = std::max(keptPeak_, r.estimatedBytes());
                keptForCommands_ = commandsIn(liveJournal);
                kept_.erase(kept_.begin() + match[w]);
                ++stats_.freed;
            }
            return true;
        }
    }
    return false;
}

std::vector<ReplayCheckpoints::Point> ReplayCheckpoints::points() const {
    std::vector<Point> out;
    for (const Replayed& r : kept_)
        out.push_back(pointOf(*r.laptop));
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<Time> ReplayCheckpoints::times() const {
    std::vector<Time> out;
    for (const Replayed& r : kept_)
        out.push_back(r.laptop->cluster().now());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace kp::cli
