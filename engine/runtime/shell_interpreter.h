// A tiny POSIX-ish shell that runs a parsed script over virtual time: commands are instant,
// `sleep` moves the script's clock, so a loop that echoes and sleeps 1 s produces one log line
// per virtual second. The interpreter is a resumable state machine: runUntil(t) executes until
// the script sleeps past t, exits, or blocks forever (`sleep infinity`, `tail -f /dev/null`).
// Copying an interpreter forks the script: the kubelet dry-runs a copy to learn when it exits.
//
// Builtins (the commands Kubernetes documentation scripts use): echo printf sleep exit true
// false : date cat env printenv touch rm mkdir hostname test [ seq tail head wc grep tee trap
// read wait cd pwd whoami uname export unset set sh. Anything else is "not found" (exit 127)
// unless the host's command hook answers it (the network layer provides wget, curl, nslookup).
//
// SIMPLIFICATION: one process; pipelines run their stages one after the other on the previous
// stage's whole output; `$(...)` and subshells share nothing back with the parent but time; a
// loop iteration that does not sleep costs 1 ms, so busy loops stay bounded.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/time.h"
#include "runtime/shell_parser.h"

namespace kp::runtime::sh {

struct OutputLine {
    Time time;
    int fd = 1;  // 1 stdout, 2 stderr
    std::string text;
};

// Which shell and coreutils the image has: their error texts differ.
enum class Flavour { Busybox, Gnu };

// What a command the host runs gets besides its arguments: standard input (nc, redis-cli send
// it) and whether its output is a terminal (`kubectl exec -t`: redis-cli then quotes replies).
struct CommandIO {
    std::string input;
    bool tty = false;
};

struct HostHooks {
    // Files the script did not write: /etc/hostname, /etc/hosts, /etc/resolv.conf, volumes...
    std::function<std::optional<std::string>(const std::string& path)> readFile;
    // Commands the runtime does not simulate itself (wget, curl, nslookup): returns the exit code
    // and fills stdout/stderr, or nullopt when unknown.
    std::function<std::optional<int>(const std::vector<std::string>& argv, const CommandIO& io, Time now,
                                     std::string& out, std::string& err)>
        command;
    // Paths on a volume the pod's containers share (emptyDir): read from and written to the
    // host, so that every container sees the same files.
    std::function<bool(const std::string& path)> shared;
    std::function<void(const std::string& path, const std::string& content)> writeShared;
    // `kill [-SIGNAL] 1`: a signal for the container's main process ("TERM", "9", ...).
    std::function<void(const std::string& signal, Time now)> signalInit;
};

class Interpreter {
public:
    enum class State { Ready, Sleeping, BlockedForever, Exited };

    // env: the process environment in order (PATH, HOSTNAME, container env..., HOME).
    Interpreter(std::shared_ptr<const Program> program, std::vector<std::pair<std::string, std::string>> env,
                Time start, Flavour flavour, std::shared_ptr<const HostHooks> hooks);

    // Runs until the script sleeps past `until`, exits or blocks; at most `maxSteps` commands.
    void runUntil(Time until, int maxSteps = 200000);

    State state() const { return state_; }
    Time clock() const { return clock_; }
    Time wakeAt() const { return wakeAt_; }   // when Sleeping
    int exitCode() const { return exitCode_; }
    Time exitTime() const { return exitTime_; }
    // Whether `trap ... TERM` installed a handler, and the exit code it leads to (the handler's
    // `exit N`, or 143 when the handler does not exit).
    bool handlesTerm() const { return termHandler_.has_value(); }
    int termExitCode() const;

    // Lines written since the last call (partial lines stay buffered until their newline).
    std::vector<OutputLine> takeOutput();
    void setQuiet(bool quiet) { quiet_ = quiet; }
    // Stops buffering and ends the script (a signal killed it at `t`).
    void kill(Time t, int exitCode);

    std::optional<std::string> readFile(const std::string& path) const;
    bool fileExists(const std::string& path) const { return readFile(path).has_value(); }
    const std::vector<std::pair<std::string, std::string>>& env() const { return env_; }
    std::optional<std::string> getenv(const std::string& name) const;

    // Runs a command line to completion right now (an exec probe, `kubectl exec`): returns the
    // exit code and its output. Files it writes persist; time does not move.
    int execute(const std::string& commandLine, std::string& out, std::string& err);
    // `terminal`: its standard output is a terminal (`kubectl exec -t`), for commands whose
    // output depends on it.
    int executeArgv(const std::vector<std::string>& argv, std::string& out, std::string& err, bool terminal = false);

    // Whether `name` (or its basename under /bin, /usr/bin, /usr/local/bin) is a command this
    // shell runs itself, i.e. something a container can exec without a shell.
    static bool isCommand(const std::string& name);
    // Whether the script provably never ends on its own (an endless loop with no `exit`, or a
    // final `sleep infinity` / `tail -f`), so nobody needs to dry-run it.
    static bool neverExits(const Program& program);

private:
    struct Frame {
        const Node* node = nullptr;
        int stage = 0;
        size_t index = 0;
        int bodyStatus = 0;
        Time iterStart;
        std::vector<std::string> items;
        std::shared_ptr<const Program> owned;  // a nested `sh -c` script
    };
    // Where one descriptor of the running command writes.
    struct Sink {
        enum class Kind { Out, Err, File, Null, Capture } kind = Kind::Out;
        std::string path;
        bool append = false;
    };

    void step();
    void push(const Node* node, std::shared_ptr<const Program> owned = nullptr);
    int runSimple(const Node& node, const std::string* stdinText, std::string* capture);
    int runCommand(const std::vector<std::string>& argv, const std::string* stdinText);
    int runPipeline(const Node& node);
    void write(int fd, const std::string& text);
    // A file the script wrote changed: a shared volume's copy follows.
    void fileChanged(const std::string& path);
    void emitLine(int fd, std::string text);
    void flush();

    // Expansion.
    std::vector<std::string> expandWord(const std::string& raw);
    std::string expandOne(const std::string& raw);
    std::string expandParameter(const std::string& raw, size_t& i);
    std::string commandSubstitution(const std::string& script);
    std::optional<long long> arithmetic(const std::string& expr, std::string* error);
    void setVar(const std::string& name, const std::string& value);

    // Builtins that need more than a line.
    int builtinEcho(const std::vector<std::string>& argv);
    int builtinPrintf(const std::vector<std::string>& argv);
    int builtinSleep(const std::vector<std::string>& argv);
    int builtinDate(const std::vector<std::string>& argv);
    int builtinCat(const std::vector<std::string>& argv, const std::string* stdinText);
    int builtinTest(std::vector<std::string> args);
    int builtinTail(const std::vector<std::string>& argv, const std::string* stdinText);
    int builtinRm(const std::vector<std::string>& argv);
    int builtinTrap(const std::vector<std::string>& argv);
    int notFound(const std::string& name);
    std::string noSuchFile(const std::string& tool, const std::string& path, bool open) const;

    std::shared_ptr<const Program> program_;
    std::vector<std::pair<std::string, std::string>> env_;
    Flavour flavour_;
    std::shared_ptr<const HostHooks> hooks_;
    std::vector<Frame> frames_;
    Time clock_;
    Time wakeAt_;
    State state_ = State::Ready;
    int lastStatus_ = 0;
    int exitCode_ = 0;
    Time exitTime_;
    bool quiet_ = false;
    std::optional<std::string> termHandler_;

    std::map<std::string, std::string> files_;  // written by the script
    std::set<std::string> removed_;             // host files the script deleted
    Sink sinks_[3];                             // 0 unused, 1 stdout, 2 stderr
    std::string partial_[3];
    std::vector<OutputLine> out_;
    std::string* capture_ = nullptr;
    bool terminal_ = false;  // standard output is a terminal, unless redirected or captured
};

}  // namespace kp::runtime::sh
