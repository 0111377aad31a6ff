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
    if (!isJournal(journal) || journal.value("seed", Json(0)) != journal_["seed"])
        return false;
    if (!continuesReplay(journal["entries"]))
        return false;
    replayEntries(journal["entries"], until, echo);
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
void Laptop::replayEntries(const Json& entries, Time until, const Echo& echo) {
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
    for (size_t i = replayed_.size(); i < entries.size(); ++i) {
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

}  // namespace kp::cli
