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
    : cluster_(config), journal_{{"kubeplayJournal", 1}, {"seed", config.seed}, {"entries", Json::array()}} {}

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

void ReplayCheckpoints::give(Replayed replayed) {
    if (replayed.laptop)
        kept_.push_back(std::move(replayed));
}

// Just before each of the last few commands, then evenly over the virtual time the journal's
// "advance" entries let pass (a command that lets time pass itself is not counted: that only
// moves where a checkpoint sits, never what a replay from it gives).
std::vector<ReplayCheckpoints::Point> ReplayCheckpoints::wanted(const Json& journal) const {
    std::vector<Point> points;
    if (!Laptop::isJournal(journal))
        return points;
    const Json& entries = journal["entries"];
    int recent = 0;
    for (size_t i = entries.size(); i-- > 0 && recent < limits_.recentCommands;) {
        if (isRunEntry(entries[i])) {
            points.push_back({i, 0});
            ++recent;
        }
    }
    int64_t total = 0;
    for (const Json& e : entries)
        total += advanceMs(e);
    for (int k = 1; k <= limits_.spread && total > 0; ++k) {
        const int64_t at = total * k / (limits_.spread + 1);
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

bool ReplayCheckpoints::step(const Json& liveJournal) {
    dropStale(liveJournal);
    const std::vector<Point> want = wanted(liveJournal);
    const size_t limit = want.size() + 1;
    std::sort(kept_.begin(), kept_.end(),
              [](const Replayed& a, const Replayed& b) { return pointOf(*a.laptop) < pointOf(*b.laptop); });
    // Each wanted point, from the last, gets the furthest laptop at or before it not taken yet.
    std::vector<int> match(want.size(), -1);
    std::vector<bool> used(kept_.size(), false);
    for (size_t w = want.size(); w-- > 0;) {
        for (size_t k = kept_.size(); k-- > 0;) {
            if (!used[k] && pointOf(*kept_[k].laptop) <= want[w]) {
                match[w] = static_cast<int>(k);
                used[k] = true;
                break;
            }
        }
    }
    // Over the bound: the laptops no wanted point needs go, earliest first.
    for (size_t k = 0; k < kept_.size() && kept_.size() > limit; ++k) {
        if (!used[k]) {
            kept_.erase(kept_.begin() + static_cast<std::ptrdiff_t>(k));
            return true;  // matched on the next call
        }
    }
    // The point just before the last command first (undo), then back from there.
    for (size_t w = want.size(); w-- > 0;) {
        const Point target = want[w];
        if (match[w] < 0) {
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
