// The learner's laptop as the page has it: one minikube cluster, a home folder, the laptop's
// ~/.minikube, and terminal tabs (interactive shells sharing all three). Everything that changes
// it goes through here and is written to a journal (command lines per tab, Ctrl+C, time passing),
// so that replaying the journal into a fresh laptop with the same seed rebuilds the same state:
// the engine is deterministic. The page saves the journal after every command (reload restores
// it), cuts it for undo and puts it, compressed, in share links.
#pragma once
#include <functional>
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
    static bool isJournal(const Json& journal);

private:
    using Echo = std::function<void(int tab, const std::string& text)>;
    bool continuesReplay(const Json& entries) const;
    void replayEntries(const Json& entries, Time until, const Echo& echo);

    Cluster cluster_;
    MemoryFileSystem files_;
    MinikubeState minikube_;
    std::vector<std::unique_ptr<Shell>> terminals_;
    Json journal_;
    // What replay/replayUntil consumed so far: the entries done whole, and how much of the next
    // one (an "advance") already passed.
    Json replayed_ = Json::array();
    int64_t replayedIntoNextMs_ = 0;
};

}  // namespace kp::cli
