#include "cli/shell.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "base/printf_format.h"
#include "base/text.h"
#include "cli/completion.h"
#include "cli/docker/docker.h"
#include "cli/kubectl/kubeconfig.h"
#include "cli/kubectl/help.h"
#include "cli/kubectl/kubectl.h"
#include "cli/kubectl/pod_commands.h"
#include "cluster/machine_nodes.h"
#include "cluster/system_workloads.h"
#include "network/curl.h"
#include "network/tcp_tools.h"
#include "cli/sh/arith.h"
#include "cli/sh/coreutils.h"
#include "cli/sh/expand.h"
#include "cli/watch_command.h"

namespace kp::cli {
namespace {

// Programs that open connections: one to a background `kubectl port-forward` or `kubectl proxy`
// makes it print its notice before the program prints the reply.
// SIMPLIFICATION: a terminal interleaves background output by the time it is written; commands
// here return their output whole, so a job's lines go before a client's output and after any
// other command's.
bool isNetworkClient(const std::string& program) {
    for (const char* client : {"curl", "wget", "nc", "redis-cli", "telnet"})
        if (program == client)
            return true;
    return false;
}

constexpr int kMaxDepth = 32;

// The commands the shell runs itself. These tables decide: dispatch() runs a program and
// builtin() a builtin only when it is listed here, and the Tab completes the same names
// (shellCommandNames), so the two never drift apart.
// Programs dispatch() hands the command line to.
const std::vector<std::string> kPrograms = {"curl", "docker", "kubectl", "minikube", "nc", "watch"};
// builtin()'s commands; "read" is runCommand's (it consumes the compound's input).
const std::vector<std::string> kBuiltins = {
    ".",      ":",      "[",    "((",      "break", "cd",       "clear",  "continue", "declare", "echo",
    "env",    "eval",   "exit", "export",  "false", "history",  "let",    "printenv", "printf",  "pwd",
    "sleep",  "source", "test", "touch",   "true",  "unset"};
// The reserved words that start a compound command (sh/syntax.cpp's parseCompound).
const std::vector<std::string> kCompoundKeywords = {"for", "if", "until", "while"};

bool listed(const std::vector<std::string>& table, const std::string& name) {
    return std::find(table.begin(), table.end(), name) != table.end();
}

bool isValidName(const std::string& name) {
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])))
        return false;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_')
            return false;
    return true;
}

// kubectl commands that never reach the apiserver.
bool clientOnly(const std::vector<std::string>& args) {
    if (args.empty())
        return true;  // bare `kubectl` prints its command list
    for (const std::string& a : args)
        if (a == "--dry-run=client" || a == "--help" || a == "-h" || a == "--client" || a == "--client=true")
            return true;
    return !args.empty() && (args[1 % args.size()] == "--local" || args[0] == "config" || args[0] == "completion" ||
                             args[0] == "__complete" || args[0] == "__completeNoDesc" || !isKubectlCommand(args[0]));
}

// The apiserver URL `minikube start` writes into the kubeconfig.
std::string minikubeServer(const Cluster& cluster) {
    return "https://" + machineIP(cluster.minikubeConfig().driver, 0) + ":8443";
}

}  // namespace

Shell::Shell(Cluster& cluster, FileSystem& fs, MinikubeState* sharedMinikube)
    : cluster_(cluster),
      fs_(fs),
      ownMinikube_(sharedMinikube ? nullptr : std::make_unique<MinikubeState>()),
      minikube_(sharedMinikube ? *sharedMinikube : *ownMinikube_) {
    // The learner's laptop: a root shell in /root, like the kubernetes.io playgrounds.
    setVariable("HOME", "/root", true);
    setVariable("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", true);
    setVariable("USER", "root", true);
    setVariable("SHELL", "/bin/bash", true);
    setVariable("PWD", "/root", true);
    // A cluster that runs from the start is one `minikube start` made: its kubeconfig entries
    // exist, as that start wrote them.
    if (cluster_.apiserverReachable() && !kubeconfigFiles_.readFile(KubeconfigPaths{}.globalPath)) {
        minikube_.kubeContextActive = true;
        MinikubeKubeconfigChange started;
        started.started = true;
        started.server = minikubeServer(cluster_);
        started.now = cluster_.now();
        applyMinikubeKubeconfigChange(kubeconfigFiles_, KubeconfigPaths{}.globalPath, started);
    }
}

std::string Shell::variable(const std::string& name) const {
    if (name == "?")
        return std::to_string(lastStatus_);
    if (name == "$")
        return "1";  // SIMPLIFICATION: the shell's PID is fixed
    if (name == "#" || name == "0")
        return name == "#" ? "0" : "bash";
    auto it = vars_.find(name);
    return it == vars_.end() ? "" : it->second;
}

std::string Shell::environment(const std::string& name) const {
    return exported_.count(name) ? variable(name) : "";
}

KubeconfigPaths Shell::kubeconfigPaths(const std::vector<std::string>& args) const {
    return KubeconfigPaths::resolve(globalFlagValue(args, "kubeconfig"), environment("KUBECONFIG"),
                                    environment("HOME"));
}

FileSystem& Shell::KubeconfigFiles::pick(const std::string& path) const {
    if (shell_.fs_.isVirtual())
        return shell_.fs_;
    return path.empty() || path == KubeconfigPaths{}.globalPath ? shell_.privateKubeHome_ : shell_.fs_;
}

void Shell::setVariable(const std::string& name, const std::string& value, bool exported) {
    vars_[name] = value;
    if (exported)
        exported_.insert(name);
}

std::string Shell::substitute(const std::string& script) {
    if (depth_ >= kMaxDepth)
        return "";
    ++depth_;
    CommandResult r = run(script);
    --depth_;
    aborted_ = false;  // an expansion error ends only the subshell
    // stderr of a substituted command still reaches the terminal in bash; ours is dropped here.
    // SIMPLIFICATION: the terminal does not see a substitution's stderr.
    return r.out;
}

std::string Shell::arithmetic(const std::string& expression) {
    if (!expansionError_.empty())
        return "";
    sh::ArithVariables vars{[this](const std::string& n) { return variable(n); },
                            [this](const std::string& n, const std::string& v) { setVariable(n, v); }};
    sh::ArithResult r = sh::evaluateArithmetic(expression, vars);
    if (!r.error.empty()) {
        expansionError_ = "bash: " + r.error + "\n";
        return "";
    }
    return std::to_string(r.value);
}

void Shell::prepare(sh::Expander& ex) {
    ex.variable = [this](const std::string& n) { return variable(n); };
    ex.substitute = [this](const std::string& s) { return substitute(s); };
    ex.arithmetic = [this](const std::string& e) { return arithmetic(e); };
}

CommandResult Shell::expansionFailure() {
    CommandResult r = CommandResult::failure(expansionError_, 1);
    expansionError_.clear();
    aborted_ = true;
    lastStatus_ = 1;
    return r;
}

std::string Shell::prompt() const {
    if (!attached_.ok)
        return "$ ";
    if (!attached_.program.empty())
        return attached_.disconnected ? "not connected> " : attached_.prompt;
    return attached_.hasBash ? "root@" + attached_.hostname + ":/# " : "/ # ";
}

void Shell::leaveSession() {
    attached_ = AttachRequest{};
    if (!outerSessions_.empty()) {
        attached_ = outerSessions_.back();
        outerSessions_.pop_back();
    }
}

CommandResult Shell::runAttached(const std::string& script) {
    std::string line = script;
    while (!line.empty() && (line.back() == '\n' || line.back() == ' '))
        line.pop_back();
    line.erase(0, line.find_first_not_of(' '));
    if (line.empty())
        return {};
    if (!attached_.program.empty() && attached_.pod.empty())
        return runAttachedOnLaptop(line);
    KubectlContext ctx{cluster_, fs_, "", attached_.ns};
    std::vector<std::string> argv = {attached_.shell, "-c", line};
    runtime::sh::CommandIO io{"", true};
    if (!attached_.program.empty()) {
        // redis-cli ends on exit or quit and prints nothing; every other line is one command.
        const std::string word = asciiLower(line.substr(0, line.find(' ')));
        if (word == "exit" || word == "quit") {
            leaveSession();
            return {};
        }
        argv = attached_.program;
        io.input = line + "\n";
    } else if (line == "exit" || line.rfind("exit ", 0) == 0) {
        leaveSession();
        return {0, "exit\n", ""};
    }
    CommandResult r = execInContainer(ctx, attached_, argv, io);
    if (!attached_.program.empty()) {
        attached_.disconnected = r.err.rfind(network::kRedisConnectFailure, 0) == 0;
        r.exitCode = 0;  // the program goes on reading lines: no exit status yet
    }
    // Inside the container a failing command only sets $?; kubectl's "command terminated" line
    // belongs to the exec call, not to the interactive session.
    const std::string tail = "command terminated with exit code ";
    if (size_t p = r.err.rfind(tail); p != std::string::npos)
        r.err.erase(p);
    if (!r.err.empty() && r.err.find("unable to upgrade connection") != std::string::npos)
        leaveSession();  // the container went away
    return r;
}

// A session whose program runs on the laptop (`minikube ssh`'s node shell): each line becomes
// that program's last argument. Only the session ends with a status, so lines carry none.
CommandResult Shell::runAttachedOnLaptop(const std::string& line) {
    if (line == "exit" || line.rfind("exit ", 0) == 0 || line == "logout") {
        leaveSession();
        return {0, "logout\n", ""};
    }
    // The only such program is `minikube ssh -n NODE --`.
    std::vector<std::string> args(attached_.program.begin() + 1, attached_.program.end());
    args.push_back(line);
    ++depth_;  // the program runs as a command, not as a line of the session
    CommandResult r = minikube(args, true);
    --depth_;
    r.exitCode = 0;
    if (r.attach.ok) {  // `docker exec -it ID sh` on the node: its shell until `exit`, then the node's again
        outerSessions_.push_back(attached_);
        attached_ = r.attach;
    }
    return r;
}

CommandResult Shell::run(const std::string& script, const std::string& stdinText) {
    if (attached_.ok && depth_ == 0)
        return runAttached(script);
    if (depth_ == 0) {  // what `history` lists: each line typed at the prompt
        std::string line = script;
        while (!line.empty() && line.back() == '\n')
            line.pop_back();
        if (line.find_first_not_of(" \t") != std::string::npos)
            history_.push_back(line);
    }
    sh::ParseResult parsed = sh::parse(script);
    if (!parsed.error.empty()) {
        lastStatus_ = 2;
        return CommandResult::failure(parsed.error + "\n", 2);
    }
    if (depth_ == 0) {
        aborted_ = false;
        expansionError_.clear();
    }
    CommandResult r = runScript(parsed.script, stdinText);
    if (depth_ == 0) {
        aborted_ = false;
        if (r.foreground)
            foreground_ = std::move(r.foreground);
        r.out += backgroundOutput();
    }
    return r;
}

void Shell::settle(CommandResult& r) {
    if (!r.foreground)
        return;
    ForegroundPtr process = std::move(r.foreground);
    if (std::optional<Time> until = process->deadline()) {
        // Event by event, so that time stops where the process ends (kubectl wait).
        while (!process->finished() && cluster_.now() < *until) {
            Time target = *until;
            if (Time next; cluster_.nextTimerAt(next) && next < target)
                target = std::max(next, cluster_.now() + Duration::millis(1));
            cluster_.advance(target - cluster_.now());
        }
        r.out += process->takeOutput();
        r.err += process->takeErrors();
        r.exitCode = process->exitCode();
        return;
    }
    r.out += process->takeOutput();
    r.err += process->takeErrors();
    background_.push_back(std::move(process));
}

// `cmd &`: the command keeps running, deadline or not, and the script goes on at once with $? 0.
// SIMPLIFICATION: the list before `&` runs in the foreground up to its last command (our commands
// return at once unless they keep running), and no job-control lines ("[1] 4242") are printed.
void Shell::toBackground(CommandResult& r) {
    if (r.foreground) {
        r.out += r.foreground->takeOutput();
        r.err += r.foreground->takeErrors();
        background_.push_back(std::move(r.foreground));
    }
    r.exitCode = 0;
}

std::string Shell::backgroundOutput() {
    std::string out;
    for (auto it = background_.begin(); it != background_.end();) {
        out += (*it)->takeOutput() + (*it)->takeErrors();
        it = (*it)->finished() ? background_.erase(it) : it + 1;
    }
    return out;
}

Shell::Progress Shell::poll() {
    Progress p;
    if (foreground_) {
        // The terminal shows both streams.
        p.out = foreground_->takeOutput() + foreground_->takeErrors();
        if (foreground_->finished()) {
            p.ended = true;
            p.exitCode = lastStatus_ = foreground_->exitCode();
            foreground_.reset();
        }
    }
    p.out += backgroundOutput();
    return p;
}

std::string Shell::interrupt() {
    if (!foreground_)
        return "";
    std::string out = foreground_->takeOutput() + foreground_->takeErrors() + foreground_->interrupt();
    foreground_.reset();
    lastStatus_ = 130;  // 128 + SIGINT
    return out;
}

CommandResult Shell::runScript(const sh::Script& script, const std::string& stdinText) {
    CommandResult all;
    for (const sh::AndOr& list : script.lists) {
        for (size_t i = 0; i < list.pipelines.size(); ++i) {
            if (i > 0) {
                const std::string& op = list.operators[i - 1];
                if ((op == "&&" && lastStatus_ != 0) || (op == "||" && lastStatus_ == 0))
                    continue;
            }
            CommandResult r = runPipeline(list.pipelines[i], stdinText);
            const bool lastOnLine = &list == &script.lists.back() && i + 1 == list.pipelines.size();
            if (list.background && i + 1 == list.pipelines.size())
                toBackground(r);
            else if (!(interactive_ && depth_ == 0 && compoundDepth_ == 0 && lastOnLine))
                settle(r);
            // Background jobs print as things happen: a client's connection notices before
            // the client's reply, everything else after the command that caused it.
            if (depth_ == 0 && !connectionNotices_.empty()) {
                all.appendStreams(CommandResult(0, std::move(connectionNotices_)));
                connectionNotices_.clear();
            }
            all.appendStreams(r);
            if (depth_ == 0 && !background_.empty())
                all.appendStreams(CommandResult(0, backgroundOutput()));
            all.foreground = std::move(r.foreground);
            lastStatus_ = r.exitCode;
            if (breakLevels_ > 0 || continueLevels_ > 0 || aborted_)
                break;
        }
        if (breakLevels_ > 0 || continueLevels_ > 0 || aborted_)
            break;
    }
    all.exitCode = lastStatus_;
    return all;
}

CommandResult Shell::runPipeline(const sh::Pipeline& pipeline, const std::string& stdinText) {
    // Every command of a real pipeline runs in a subshell: variables it sets (`read`, loops)
    // are gone afterwards (`echo a | read v` leaves v unset).
    const bool subshell = pipeline.commands.size() > 1;
    std::map<std::string, std::string> savedVars;
    std::set<std::string> savedExported;
    if (subshell) {
        savedVars = vars_;
        savedExported = exported_;
    }
    CommandResult total;
    std::string piped;
    for (size_t i = 0; i < pipeline.commands.size(); ++i) {
        // The first command reads the pipeline's own input (a loop's stream stays the same
        // object, so that `read` consumes from it); the others what the previous one printed.
        outputPiped_ = i + 1 < pipeline.commands.size();
        CommandResult r = runCommand(pipeline.commands[i], i == 0 ? stdinText : piped);
        outputPiped_ = false;
        if (i + 1 < pipeline.commands.size())
            settle(r);  // what it printed goes down the pipe now
        total.exitCode = r.exitCode;
        total.foreground = std::move(r.foreground);
        if (i + 1 < pipeline.commands.size()) {
            total.err += r.err;  // on the terminal before anything the last command prints
            piped = std::move(r.out);
        } else {
            total.errBeforeOut = total.err.size() + r.errLead();
            total.err += r.err;
            total.out = std::move(r.out);
        }
    }
    if (subshell) {
        vars_ = std::move(savedVars);
        exported_ = std::move(savedExported);
        breakLevels_ = continueLevels_ = 0;  // a `break` in a subshell leaves only the subshell
    }
    if (pipeline.negate)
        total.exitCode = total.exitCode == 0 ? 1 : 0;
    return total;
}

namespace {

// Output redirections, left to right as bash applies them: each one points a descriptor at a
// file, /dev/null, or where another descriptor points at that moment. So `>f 2>&1` sends both
// streams to f, while `2>&1 >f` sends errors to the terminal (or pipe) and the output to f.
// SIMPLIFICATION: when both streams go to one place, the output comes before the errors (a
// real process interleaves them in the order it writes).
CommandResult redirectOutput(FileSystem& fs, const std::vector<sh::Redirection>& redirections, sh::Expander& ex,
                             CommandResult res) {
    struct Target {
        enum Kind { Stdout, Stderr, Null, File } kind;
        size_t file = 0;  // index into `files`
    };
    struct OpenFile {
        std::string path;
        std::string content;
    };
    std::vector<OpenFile> files;
    Target fds[3] = {{Target::Null}, {Target::Stdout}, {Target::Stderr}};
    for (const sh::Redirection& r : redirections) {
        if (r.fd < 1 || r.fd > 2)
            continue;
        if (r.op == ">&") {
            const std::string target = ex.single(r.target);
            if (target == "1" || target == "2")
                fds[r.fd] = fds[target == "1" ? 1 : 2];
        } else if (r.op == ">" || r.op == ">>") {
            const std::string path = ex.single(r.target);
            if (path == "/dev/null") {
                fds[r.fd] = {Target::Null};
                continue;
            }
            // Opening truncates (>) or appends (>>), whether or not anything is written.
            files.push_back({path, r.op == ">>" ? fs.readFile(path).value_or("") : ""});
            fds[r.fd] = {Target::File, files.size() - 1};
        }
    }
    std::string out;
    std::string err;
    for (int fd : {1, 2}) {
        const std::string& text = fd == 1 ? res.out : res.err;
        switch (fds[fd].kind) {
        case Target::Stdout:
            out += text;
            break;
        case Target::Stderr:
            err += text;
            break;
        case Target::File:
            files[fds[fd].file].content += text;
            break;
        case Target::Null:
            break;
        }
    }
    res.out = std::move(out);
    res.err = std::move(err);
    for (const OpenFile& f : files)
        if (!fs.writeFile(f.path, f.content)) {
            res.err += "bash: " + f.path + ": Permission denied\n";
            res.exitCode = 1;
        }
    return res;
}

}  // namespace

CommandResult Shell::runCommand(const sh::SimpleCommand& command, const std::string& stdinText) {
    sh::Expander ex;
    prepare(ex);

    // Redirections of standard input first: they decide what the command reads.
    std::string input = stdinText;
    bool inputRedirected = false;
    for (const sh::Redirection& r : command.redirections) {
        inputRedirected = inputRedirected || r.op == "<<" || r.op == "<<<" || r.op == "<";
        if (r.op == "<<") {
            input = r.expandBody ? ex.heredoc(r.target) : r.target;
        } else if (r.op == "<<<") {
            input = ex.single(r.target) + "\n";
        } else if (r.op == "<") {
            std::string path = ex.single(r.target);
            auto content = fs_.readFile(path);
            if (!content)
                return CommandResult::failure("bash: " + path + ": No such file or directory\n");
            input = *content;
        }
    }

    // Inside a loop or `if`, a command that reads the compound's input shares it with the
    // commands after it: what `read` takes is gone for them.
    std::string* stream = &input;
    if (!inputRedirected && compoundInput_ && &stdinText == compoundInput_)
        stream = compoundInput_;
    if (command.compound) {
        CommandResult res = runCompound(*command.compound, *stream);
        for (const sh::Redirection& r : command.redirections)
            if (r.op == ">" || r.op == ">>")
                settle(res);
        return redirectOutput(fs_, command.redirections, ex, std::move(res));
    }

    std::vector<std::string> argv;
    for (const std::string& w : command.words)
        for (std::string& f : ex.fields(w))
            argv.push_back(std::move(f));
    for (const std::string& a : command.assignments)
        if (a.find("$((") != std::string::npos && expansionError_.empty())
            ex.single(a.substr(a.find('=') + 1));  // an error in a value stops the command first
    if (!expansionError_.empty())
        return expansionFailure();

    // NAME=value alone sets a shell variable; before a command it is that command's environment
    // (exported to it, and as it was again afterwards).
    struct Saved {
        std::string name;
        std::optional<std::string> value;
        bool exported;
    };
    std::vector<Saved> saved;
    for (const std::string& a : command.assignments) {
        size_t eq = a.find('=');
        const std::string name = a.substr(0, eq);
        if (!argv.empty()) {
            auto it = vars_.find(name);
            saved.push_back({name, it == vars_.end() ? std::nullopt : std::optional<std::string>(it->second),
                             exported_.count(name) > 0});
        }
        setVariable(name, ex.single(a.substr(eq + 1)), !argv.empty());
    }
    CommandResult res;
    if (!argv.empty() && argv[0] == "read")
        res = readBuiltin(std::vector<std::string>(argv.begin() + 1, argv.end()), *stream);
    else if (!argv.empty())
        res = dispatch(argv, *stream);
    if (depth_ == 0 && !background_.empty() && !argv.empty() && isNetworkClient(argv[0]))
        connectionNotices_ += backgroundOutput();
    for (auto it = saved.rbegin(); it != saved.rend(); ++it) {
        if (it->value)
            vars_[it->name] = *it->value;
        else
            vars_.erase(it->name);
        if (!it->exported)
            exported_.erase(it->name);
    }
    for (const sh::Redirection& r : command.redirections)
        if (r.op == ">" || r.op == ">>")
            settle(res);  // its output goes to a file, not to a terminal
    CommandResult redirected = redirectOutput(fs_, command.redirections, ex, std::move(res));
    // SIMPLIFICATION: a $((...)) error in a redirection target is found after the command ran
    // (bash expands targets first and does not run it).
    if (!expansionError_.empty())
        return expansionFailure();
    return redirected;
}

namespace {

// test / [ : the POSIX rules by argument count (bash's test.c), with -a and -o between whole
// expressions. Returns 0 true, 1 false, 2 with `err` set for a malformed expression.
// SIMPLIFICATION: no parentheses beyond `( x )`, and only the file tests -e -f -d -s.
struct TestEval {
    FileSystem& fs;
    std::string name;  // "[" or "test", for the error texts
    std::string err;

    int fail(const std::string& message) {
        if (err.empty())
            err = "bash: " + name + ": " + message + "\n";
        return 2;
    }
    static bool integer(const std::string& s, long long& value) {
        size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
        if (b == std::string::npos)
            return false;
        std::string t = s.substr(b, e - b + 1);
        size_t i = t[0] == '-' || t[0] == '+' ? 1 : 0;
        if (i == t.size() || t.size() > 18 || !std::all_of(t.begin() + static_cast<long>(i), t.end(), [](char c) {
                return std::isdigit(static_cast<unsigned char>(c));
            }))
            return false;
        value = std::atoll(t.c_str());
        return true;
    }
    static bool isBinary(const std::string& op) {
        for (const char* o : {"=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge"})
            if (op == o)
                return true;
        return false;
    }
    int unary(const std::string& op, const std::string& arg) {
        if (op == "-z")
            return arg.empty() ? 0 : 1;
        if (op == "-n")
            return arg.empty() ? 1 : 0;
        if (op == "-e")
            return fs.isDirectory(arg) || fs.readFile(arg) ? 0 : 1;
        if (op == "-f")
            return !fs.isDirectory(arg) && fs.readFile(arg) ? 0 : 1;
        if (op == "-d")
            return fs.isDirectory(arg) ? 0 : 1;
        if (op == "-s") {
            std::optional<std::string> content = fs.readFile(arg);
            return content && !content->empty() ? 0 : 1;
        }
        return fail(op + ": unary operator expected");
    }
    int binary(const std::string& a, const std::string& op, const std::string& b) {
        if (op == "=" || op == "==")
            return a == b ? 0 : 1;
        if (op == "!=")
            return a != b ? 0 : 1;
        if (op == "<" || op == ">")
            return (op == "<" ? a < b : a > b) ? 0 : 1;
        long long x = 0, y = 0;
        if (!integer(a, x))
            return fail(a + ": integer expression expected");
        if (!integer(b, y))
            return fail(b + ": integer expression expected");
        const bool r = op == "-eq" ? x == y : op == "-ne" ? x != y : op == "-lt" ? x < y : op == "-le" ? x <= y : op == "-gt" ? x > y : x >= y;
        return r ? 0 : 1;
    }
    int eval(const std::vector<std::string>& a) {
        if (a.size() > 4 || (a.size() >= 3 && (a[1] == "-a" || a[1] == "-o"))) {
            // -o binds looser than -a: split at the last -o, else the last -a.
            for (const char* join : {"-o", "-a"})
                for (size_t i = a.size() - 1; i > 0; --i)
                    if (a[i] == join && i + 1 < a.size()) {
                        int left = eval({a.begin(), a.begin() + static_cast<long>(i)});
                        int right = eval({a.begin() + static_cast<long>(i) + 1, a.end()});
                        if (left == 2 || right == 2)
                            return 2;
                        return std::string(join) == "-o" ? (left == 0 || right == 0 ? 0 : 1) : (left == 0 && right == 0 ? 0 : 1);
                    }
            return fail("too many arguments");
        }
        switch (a.size()) {
        case 0:
            return 1;
        case 1:
            return a[0].empty() ? 1 : 0;
        case 2:
            if (a[0] == "!")
                return a[1].empty() ? 0 : 1;
            return unary(a[0], a[1]);
        case 3:
            if (isBinary(a[1]))
                return binary(a[0], a[1], a[2]);
            if (a[0] == "!") {
                int r = eval({a[1], a[2]});
                return r == 2 ? 2 : 1 - r;
            }
            if (a[0] == "(" && a[2] == ")")
                return a[1].empty() ? 1 : 0;
            return fail(a[1] + ": binary operator expected");
        default:
            if (a[0] == "!") {
                int r = eval({a[1], a[2], a[3]});
                return r == 2 ? 2 : 1 - r;
            }
            return fail("too many arguments");
        }
    }
};

}  // namespace

namespace {

// SIMPLIFICATION: a loop stops after this many rounds with a note on stderr; bash would run
// `while true` until Ctrl+C, which a script or the page cannot send to a loop.
constexpr int kMaxLoopIterations = 1000;

}  // namespace

// Upstream: bash execute_cmd.c (execute_for_command, execute_while_or_until, execute_if_command):
// the status is the last body command's, 0 when the body never ran.
CommandResult Shell::runCompound(const sh::CompoundCommand& compound, std::string& stream) {
    sh::Expander ex;
    prepare(ex);
    std::string* savedInput = compoundInput_;
    compoundInput_ = &stream;
    ++compoundDepth_;
    CommandResult all;
    int status = 0;
    // After one round of a loop body: whether a `break` or `continue` ends this loop.
    auto leavesLoop = [this]() {
        if (aborted_)
            return true;
        if (breakLevels_ > 0) {
            --breakLevels_;
            return true;
        }
        if (continueLevels_ > 0 && --continueLevels_ > 0)
            return true;  // `continue N` goes on with an outer loop
        return false;
    };
    // One round of a loop body: its status and output; true when a `break` or `continue` ends
    // this loop.
    auto bodyLeavesLoop = [&](const auto& body) {
        CommandResult r = runScript(body, stream);
        status = r.exitCode;
        all.appendStreams(r);
        return leavesLoop();
    };
    auto capped = [&all](int rounds) {
        if (rounds < kMaxLoopIterations)
            return false;
        all.err += "bash: loop stopped after " + std::to_string(kMaxLoopIterations) + " iterations (kubeplay limit)\n";
        return true;
    };
    using Kind = sh::CompoundCommand::Kind;
    switch (compound.kind) {
    case Kind::For: {
        if (!isValidName(compound.variable)) {
            all.err += "bash: `" + compound.variable + "': not a valid identifier\n";
            status = 1;
            break;
        }
        std::vector<std::string> values;
        for (const std::string& w : compound.words)
            for (std::string& f : ex.fields(w))
                values.push_back(std::move(f));
        if (!expansionError_.empty()) {
            all.appendStreams(expansionFailure());
            status = 1;
            break;
        }
        ++loopDepth_;
        int rounds = 0;
        for (const std::string& value : values) {
            if (capped(rounds++))
                break;
            setVariable(compound.variable, value);
            if (bodyLeavesLoop(*compound.body))
                break;
        }
        --loopDepth_;
        break;
    }
    case Kind::ArithFor: {
        // Each expression expands as in $((...)) and runs as `((` does; an empty condition is true.
        // Upstream: bash execute_cmd.c execute_arith_for_command.
        auto evaluate = [&](const std::string& text, int64_t& value) {
            std::string expanded = ex.heredoc(text);
            expanded.erase(std::remove(expanded.begin(), expanded.end(), '"'), expanded.end());
            sh::ArithVariables vars{[this](const std::string& n) { return variable(n); },
                                    [this](const std::string& n, const std::string& v) { setVariable(n, v); }};
            sh::ArithResult r = sh::evaluateArithmetic(expanded, vars);
            if (!expansionError_.empty()) {
                all.appendStreams(expansionFailure());
                return false;
            }
            if (!r.error.empty()) {
                all.err += "bash: ((: " + r.error + "\n";
                return false;
            }
            value = expanded.find_first_not_of(" \t\n") == std::string::npos ? 1 : r.value;
            return true;
        };
        int64_t value = 0;
        if (!evaluate(compound.words[0], value)) {
            status = 1;
            break;
        }
        ++loopDepth_;
        int rounds = 0;
        while (!capped(rounds++)) {
            if (!evaluate(compound.words[1], value)) {
                status = 1;
                break;
            }
            if (value == 0)
                break;
            if (bodyLeavesLoop(*compound.body))
                break;
            if (!evaluate(compound.words[2], value)) {
                status = 1;
                break;
            }
        }
        --loopDepth_;
        break;
    }
    case Kind::While:
    case Kind::Until: {
        ++loopDepth_;
        int rounds = 0;
        while (!capped(rounds++)) {
            CommandResult condition = runScript(*compound.clauses[0].first, stream);
            all.appendStreams(condition);
            if (leavesLoop())
                break;
            if ((condition.exitCode == 0) != (compound.kind == Kind::While))
                break;
            if (bodyLeavesLoop(*compound.clauses[0].second))
                break;
        }
        --loopDepth_;
        break;
    }
    case Kind::If: {
        bool ran = false;
        for (const auto& [condition, body] : compound.clauses) {
            CommandResult c = runScript(*condition, stream);
            all.appendStreams(c);
            if (aborted_)
                break;
            if (breakLevels_ > 0 || continueLevels_ > 0 || c.exitCode != 0)
                continue;
            CommandResult r = runScript(*body, stream);
            status = r.exitCode;
            all.appendStreams(r);
            ran = true;
            break;
        }
        if (!ran && compound.body && breakLevels_ == 0 && continueLevels_ == 0 && !aborted_) {
            CommandResult r = runScript(*compound.body, stream);
            status = r.exitCode;
            all.appendStreams(r);
        }
        break;
    }
    }
    --compoundDepth_;
    compoundInput_ = savedInput;
    all.exitCode = status;
    lastStatus_ = status;
    return all;
}

// read [-r] [-p PROMPT] [NAME...]: one line of standard input, split on $IFS into the names (the
// last takes the rest), or whole into REPLY. Without -r, a backslash escapes the next character
// and joins a line ending in one to the next. At the end of input the status is 1, even when a
// last line without a newline was read.
// SIMPLIFICATION: no -a, -d, -n, -N, -t, -u; a prompt is never shown (standard input is not
// a terminal here).
CommandResult Shell::readBuiltin(const std::vector<std::string>& args, std::string& input) {
    bool raw = false;
    std::vector<std::string> names;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (!names.empty() || a.size() < 2 || a[0] != '-') {
            names.push_back(a);
            continue;
        }
        if (a == "--")
            continue;
        for (size_t k = 1; k < a.size(); ++k) {
            if (a[k] == 'r' || a[k] == 's' || a[k] == 'e')
                raw = raw || a[k] == 'r';
            else if (a[k] == 'p') {
                if (k + 1 == a.size())
                    ++i;  // the prompt is the next word
                break;
            } else {
                return CommandResult::failure(
                    "bash: read: -" + std::string(1, a[k]) +
                        ": invalid option\nread: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] "
                        "[-p prompt] [-t timeout] [-u fd] [name ...]\n",
                    2);
            }
        }
    }
    for (const std::string& n : names)
        if (!isValidName(n))
            return CommandResult::failure("bash: read: `" + n + "': not a valid identifier\n");
    // One logical line: characters, each marked when a backslash made it literal.
    std::vector<std::pair<char, bool>> line;
    bool ended = false;  // the input ran out before a newline
    size_t i = 0;
    while (true) {
        if (i >= input.size()) {
            ended = true;
            break;
        }
        const char c = input[i++];
        if (c == '\n')
            break;
        if (c == '\\' && !raw) {
            if (i >= input.size())
                continue;
            const char next = input[i++];
            if (next != '\n')
                line.emplace_back(next, true);
            continue;
        }
        line.emplace_back(c, false);
    }
    const bool readNothing = ended && i == 0;
    input.erase(0, i);
    const std::string ifs = vars_.count("IFS") ? vars_["IFS"] : " \t\n";
    auto isIfs = [&ifs](const std::pair<char, bool>& ch) { return !ch.second && ifs.find(ch.first) != std::string::npos; };
    auto isIfsBlank = [&](const std::pair<char, bool>& ch) {
        return isIfs(ch) && (ch.first == ' ' || ch.first == '\t' || ch.first == '\n');
    };
    auto text = [&line](size_t from, size_t to) {
        std::string out;
        for (size_t k = from; k < to; ++k)
            out += line[k].first;
        return out;
    };
    if (names.empty()) {
        setVariable("REPLY", text(0, line.size()));
    } else {
        size_t p = 0;
        for (size_t n = 0; n < names.size(); ++n) {
            while (p < line.size() && isIfsBlank(line[p]))
                ++p;
            if (n + 1 == names.size()) {
                size_t end = line.size();
                while (end > p && isIfsBlank(line[end - 1]))
                    --end;
                setVariable(names[n], text(p, end));
                break;
            }
            size_t start = p;
            while (p < line.size() && !isIfs(line[p]))
                ++p;
            setVariable(names[n], text(start, p));
            if (p < line.size() && !isIfsBlank(line[p]))
                ++p;  // one non-blank separator ends the field
        }
    }
    return {readNothing || ended ? 1 : 0, "", ""};
}

CommandResult Shell::builtin(const std::vector<std::string>& argv, const std::string& stdinText, bool& found) {
    found = listed(kBuiltins, argv[0]);
    if (!found)
        return {};
    const std::string& cmd = argv[0];
    std::vector<std::string> args(argv.begin() + 1, argv.end());
    if (cmd == "true" || cmd == ":")
        return {};
    if (cmd == "test" || cmd == "[") {
        if (cmd == "[" && (args.empty() || args.back() != "]"))
            return CommandResult::failure("bash: [: missing `]'\n", 2);
        if (cmd == "[")
            args.pop_back();
        TestEval t{fs_, cmd, ""};
        const int status = t.eval(args);
        return {status, "", t.err};
    }
    if (cmd == "break" || cmd == "continue") {
        if (loopDepth_ == 0)
            return {0, "", "bash: " + cmd + ": only meaningful in a `for', `while', or `until' loop\n"};
        int levels = 1;
        std::string err;
        int errStatus = 1;
        if (!args.empty()) {
            const std::string& n = args[0];
            const bool numeric = !n.empty() && n.size() < 10 && std::all_of(n.begin(), n.end(), [](char c) {
                return std::isdigit(static_cast<unsigned char>(c));
            });
            if (!numeric) {
                err = "bash: " + cmd + ": " + n + ": numeric argument required\n";
                errStatus = 128;
            }
            else if (std::atoi(n.c_str()) < 1)
                err = "bash: " + cmd + ": " + n + ": loop count out of range\n";
            else
                levels = std::atoi(n.c_str());
        }
        // A bad count ends the enclosing loops with status 1 (128 for a non-number).
        if (!err.empty()) {
            breakLevels_ = loopDepth_;
            return {errStatus, "", err};
        }
        levels = std::min(levels, loopDepth_);
        if (cmd == "break")
            breakLevels_ = levels;
        else
            continueLevels_ = levels;
        return {};
    }
    if (cmd == "((" || cmd == "let") {
        // ((expression)) and let EXPR...: status 0 when the (last) value is not zero.
        if (args.empty())
            return {1, "", cmd == "let" ? "bash: let: expression expected\n" : ""};
        sh::ArithVariables vars{[this](const std::string& n) { return variable(n); },
                                [this](const std::string& n, const std::string& v) { setVariable(n, v); }};
        int64_t value = 0;
        for (const std::string& a : args) {
            sh::ArithResult r = sh::evaluateArithmetic(a, vars);
            if (!r.error.empty())
                return {1, "", "bash: " + cmd + ": " + r.error + "\n"};
            value = r.value;
        }
        return {value != 0 ? 0 : 1, "", ""};
    }
    if (cmd == "false")
        return {1, "", ""};
    if (cmd == "echo") {
        bool newline = true;
        size_t i = 0;
        while (i < args.size() && (args[i] == "-n" || args[i] == "-e" || args[i] == "-E")) {
            if (args[i] == "-n")
                newline = false;
            ++i;
        }
        std::string out;
        for (size_t k = i; k < args.size(); ++k)
            out += (k > i ? " " : "") + args[k];
        return {0, out + (newline ? "\n" : ""), ""};
    }
    if (cmd == "printf") {
        if (args.empty())
            return {2, "", "bash: printf: usage: printf [-v var] format [arguments]\n"};
        PrintfResult p = formatPrintf(args[0], std::vector<std::string>(args.begin() + 1, args.end()));
        std::string err;
        for (size_t start = 0; start < p.err.size();) {
            const size_t end = p.err.find('\n', start);
            err += "bash: printf: " + p.err.substr(start, end - start + 1);
            start = end + 1;
        }
        return {p.exitCode, p.out, err};
    }
    if (cmd == "export" || cmd == "declare") {
        CommandResult res;
        if (args.empty() || args[0] == "-p") {
            for (const std::string& name : exported_)
                res.out += "declare -x " + name + "=\"" + vars_[name] + "\"\n";
            return res;
        }
        for (const std::string& a : args) {
            size_t eq = a.find('=');
            std::string name = a.substr(0, eq);
            if (!isValidName(name)) {
                res.err += "bash: export: `" + a + "': not a valid identifier\n";
                res.exitCode = 1;
                continue;
            }
            if (eq == std::string::npos)
                setVariable(name, variable(name), true);
            else
                setVariable(name, a.substr(eq + 1), true);
        }
        return res;
    }
    if (cmd == "unset") {
        for (const std::string& a : args) {
            vars_.erase(a);
            exported_.erase(a);
        }
        return {};
    }
    if (cmd == "printenv" || cmd == "env") {
        CommandResult res;
        if (cmd == "printenv" && !args.empty()) {
            for (const std::string& a : args) {
                if (exported_.count(a))
                    res.out += vars_[a] + "\n";
                else
                    res.exitCode = 1;
            }
            return res;
        }
        for (const std::string& name : exported_)
            res.out += name + "=" + vars_[name] + "\n";
        return res;
    }
    if (cmd == "pwd")
        return {0, variable("PWD") + "\n", ""};
    if (cmd == "cd") {
        std::string to = args.empty() ? variable("HOME") : args[0];
        if (to != variable("HOME") && to != "/" && to != "." && !fs_.isDirectory(to))
            return CommandResult::failure("bash: cd: " + to + ": No such file or directory\n");
        setVariable("PWD", to == "." ? variable("PWD") : to, true);
        return {};
    }
    if (cmd == "eval") {
        if (depth_ >= kMaxDepth)
            return CommandResult::failure("bash: eval: maximum nesting level exceeded\n");
        std::string script;
        for (size_t i = 0; i < args.size(); ++i)
            script += (i ? " " : "") + args[i];
        ++depth_;
        CommandResult r = run(script, stdinText);
        --depth_;
        return r;
    }
    if (cmd == "clear")
        return {0, "\x1b[H\x1b[2J\x1b[3J", ""};
    // source FILE / . FILE: the file's commands run in this shell.
    if (cmd == "source" || cmd == ".") {
        if (args.empty())
            return {2, "", "bash: " + cmd + ": filename argument required\n" + cmd + ": usage: " + cmd +
                               " filename [arguments]\n"};
        const std::optional<std::string> script = fs_.readFile(args[0]);
        if (!script)
            return CommandResult::failure("bash: " + args[0] + ": No such file or directory\n");
        // SIMPLIFICATION: kubectl's completion script for bash defines functions and calls
        // `complete`, which this shell lacks; sourcing it changes nothing, since the terminal's
        // Tab already completes kubectl with the same answers (cli/completion.h).
        if (script->rfind("# kubectl completion for bash", 0) == 0)
            return {};
        if (depth_ >= kMaxDepth)
            return CommandResult::failure("bash: " + cmd + ": maximum nesting level exceeded\n");
        ++depth_;
        CommandResult r = run(*script, stdinText);
        --depth_;
        return r;
    }
    // bash's history list: "%5d  %s" per line typed, this one included.
    // SIMPLIFICATION: history's options (-c, -d, N) are not simulated; all lines are listed.
    if (cmd == "history") {
        std::string out;
        char number[16];
        for (size_t i = 0; i < history_.size(); ++i) {
            std::snprintf(number, sizeof number, "%5zu  ", i + 1);
            out += number + history_[i] + "\n";
        }
        return {0, out, ""};
    }
    // coreutils touch: an empty file where none is.
    // SIMPLIFICATION: times are not kept, so touching an existing file changes nothing.
    if (cmd == "touch") {
        std::vector<std::string> files;
        for (const std::string& a : args)
            if (a.empty() || a[0] != '-')
                files.push_back(a);
        if (files.empty())
            return CommandResult::failure("touch: missing file operand\nTry 'touch --help' for more information.\n");
        CommandResult res;
        for (const std::string& f : files)
            if (!fs_.readFile(f) && !fs_.isDirectory(f) && !fs_.writeFile(f, "")) {
                res.err += "touch: cannot touch '" + f + "': No such file or directory\n";
                res.exitCode = 1;
            }
        return res;
    }
    if (cmd == "exit")
        return {args.empty() ? lastStatus_ : std::atoi(args[0].c_str()), "", ""};
    if (cmd == "sleep") {
        if (args.empty())
            return CommandResult::failure("sleep: missing operand\nTry 'sleep --help' for more information.\n");
        char* end = nullptr;
        double seconds = std::strtod(args[0].c_str(), &end);
        if (end == args[0].c_str() || *end != '\0' || seconds < 0)
            return CommandResult::failure("sleep: invalid time interval '" + args[0] +
                                          "'\nTry 'sleep --help' for more information.\n");
        cluster_.advance(Duration::millis(static_cast<int64_t>(seconds * 1000)));
        return {};
    }
    found = false;
    return {};
}

CommandResult Shell::kubectl(const std::vector<std::string>& commandLine, const std::string& stdinText) {
    std::vector<std::string> args;
    if (CommandResult error; !globalFlagsAfterCommand(commandLine, args, error))
        return error;
    // --context picks another context of the kubeconfig (config commands ignore it).
    const KubeconfigPaths paths = kubeconfigPaths(args);
    // (Completion requests read the kubeconfig themselves: the flags they carry are the line's.)
    const bool configCommand =
        !args.empty() && (args[0] == "config" || args[0] == "__complete" || args[0] == "__completeNoDesc");
    // A --kubeconfig file must exist (the config commands create it).
    if (!paths.explicitPath.empty() && !configCommand && !kubeconfigFiles_.readFile(paths.explicitPath))
        return CommandResult::failure("error: stat " + paths.explicitPath + ": no such file or directory\n");
    const Json kubeconfig = loadKubeconfig(kubeconfigFiles_, paths);
    const std::string context = !configCommand ? globalFlagValue(args, "context") : "";
    if (!context.empty() && !findNamedEntry(kubeconfig, "contexts", context))
        return CommandResult::failure("Error in configuration: context was not found for specified context: " +
                                      context + "\n");
    // A context whose cluster is not this minikube (or no context at all) reaches no server here.
    const bool otherCluster = currentServer(kubeconfig, context) != minikubeServer(cluster_);
    std::string unreachable;
    if ((otherCluster || !cluster_.apiserverReachable()) && !clientOnly(args)) {
        // SIMPLIFICATION: kubectl also logs one "memcache.go ... couldn't get current server
        // API group list" line per retry before this message; those carry host-specific
        // timestamps and PIDs and are left out.
        // The server of the kubeconfig's current context; without one kubectl tries
        // localhost:8080 (so after `minikube stop`, which removes the minikube context).
        std::string server = currentServer(kubeconfig, context);
        if (size_t scheme = server.find("://"); scheme != std::string::npos)
            server.erase(0, scheme + 3);
        if (server.empty())
            server = "localhost:8080";
        // A server on a machine that is not there (another cluster's address) never answers.
        // SIMPLIFICATION: kubectl gives up after its 30 s dial timeout; no virtual time passes.
        const std::string host = server.substr(0, server.rfind(':'));
        if (host != "localhost" && host != "127.0.0.1" && host != machineIP(cluster_.minikubeConfig().driver, 0))
            unreachable = "Unable to connect to the server: dial tcp " + server + ": i/o timeout\n";
        else
            unreachable = "The connection to the server " + server + " was refused - did you specify the right host or port?\n";
        // kubectl version prints the client's part first; the rest fail before any output.
        if (args[0] != "version") {
            CommandResult refused = CommandResult::failure(unreachable);
            refused.out = kubectlOutputBeforeConnectionError(args);
            return refused;
        }
    }
    KubectlContext ctx{cluster_, fs_, stdinText};
    ctx.serverUnreachable = unreachable;
    ctx.kubeconfigFs = &kubeconfigFiles_;
    ctx.kubeconfigPaths = paths;
    // kubectl edit runs $KUBE_EDITOR through this shell on a file in its file system.
    ctx.runShell = [this](const std::string& line) {
        ++depth_;
        CommandResult r = run(line, "");
        --depth_;
        aborted_ = false;  // the editor's shell is another process
        return r;
    };
    ctx.getenv = [this](const std::string& name) { return variable(name); };
    ctx.shellFs = &fs_;
    // The context's namespace (current one, or --context) is every command's default namespace.
    if (std::string ns = contextNamespace(kubeconfig, context); !ns.empty())
        ctx.defaultNamespace = ns;
    CommandResult r = runKubectl(ctx, args);
    if (r.attach.ok && depth_ == 0)
        attached_ = r.attach;
    return r;
}

CommandResult Shell::minikube(const std::vector<std::string>& args, bool stdoutIsTerminal) {
    MinikubeContext ctx{cluster_, minikube_};
    ctx.kubectl = [this](const std::vector<std::string>& a) { return kubectl(a, ""); };
    ctx.getenv = [this](const std::string& name) { return variable(name); };
    ctx.onAddonChanged = [this](const std::string& addon, bool enabled) {
        Client addonManager = cluster_.client("addon-manager");
        system_workloads::setOptionalAddon(addonManager, cluster_.minikubeConfig(), addon, enabled);
        cluster_.runUntilIdle();
    };
    ctx.onNodeAdded = [this](int index) { addMachineNode(cluster_, index); };
    ctx.stdoutIsTerminal = stdoutIsTerminal;
    ctx.openBrowser = onOpenBrowser;
    const bool contextWasActive = minikube_.kubeContextActive;
    const std::string profileBefore = cluster_.minikubeConfig().profile;
    CommandResult r = runMinikube(ctx, args);
    r.foreground = std::move(ctx.foreground);
    if (r.attach.ok && depth_ == 0)
        attached_ = r.attach;
    MinikubeKubeconfigChange kube;
    kube.started = !args.empty() && args[0] == "start" && r.exitCode == 0;
    kube.keepContext = !minikube_.kubeContextActive;
    kube.activated = !contextWasActive && minikube_.kubeContextActive;
    kube.deactivated = (contextWasActive && !minikube_.kubeContextActive) || (!args.empty() && args[0] == "delete");
    kube.server = minikubeServer(cluster_);
    kube.profile = kube.started ? cluster_.minikubeConfig().profile : profileBefore;
    kube.now = cluster_.now();
    applyMinikubeKubeconfigChange(kubeconfigFiles_, kubeconfigPaths({}).minikubeFile(), kube);
    // minikube writes progress to stderr and results to stdout; a terminal shows them
    // interleaved in the order written.
    // SIMPLIFICATION: a minikube inside a pipeline at the top level counts as writing to the
    // terminal, so its progress lines go down the pipe too (the Shell does not track pipes here).
    if (stdoutIsTerminal) {
        r.out = ctx.terminal;
        r.err.clear();
    }
    return r;
}

CommandResult Shell::dispatch(const std::vector<std::string>& argv, const std::string& stdinText) {
    const std::string& cmd = argv[0];
    std::vector<std::string> args(argv.begin() + 1, argv.end());
    if (!listed(kPrograms, cmd)) {
        bool found = false;
        CommandResult r = builtin(argv, stdinText, found);
        if (found)
            return r;
        if (sh::Utility u = sh::findUtility(cmd)) {
            CommandResult r = u(sh::Invocation{cmd, args, stdinText, fs_, cluster_.now()});
            // SIMPLIFICATION: yes stops after its fixed count of lines; on a terminal, where it
            // would run until Ctrl+C, a note says so.
            if (cmd == "yes" && r.exitCode == 0 && !outputPiped_ && r.out.find("Usage:") != 0)
                r.err += "yes: output stopped after 10000 lines (kubeplay limit)\n";
            return r;
        }
        return CommandResult::failure("bash: " + cmd + ": command not found\n", 127);
    }
    if (cmd == "kubectl")
        return kubectl(args, stdinText);
    if (cmd == "minikube")
        return minikube(args, depth_ == 0);
    if (cmd == "docker") {
        docker::DockerContext ctx{cluster_, [this](const std::string& name) { return variable(name); }, "", stdinText};
        CommandResult r = docker::run(ctx, args);
        if (r.attach.ok && depth_ == 0)
            attached_ = r.attach;
        return r;
    }
    if (cmd == "nc") {
        network::ToolRun t = network::openbsdNc(cluster_.traffic(), network::Origin{}, args, stdinText, cluster_.now());
        CommandResult r{t.exitCode, t.out, t.err};
        if (t.keepsRunning && t.after.ms > 0)
            r.foreground = std::make_shared<UntilTime>([this] { return cluster_.now(); }, cluster_.now() + t.after);
        else if (t.keepsRunning)
            r.foreground = std::make_shared<UntilInterrupted>();
        return r;
    }
    if (cmd == "curl") {
        network::CurlResult c = network::curl(args, network::Origin{}, cluster_.traffic(), cluster_.now());
        if (c.elapsed.ms > 0)
            cluster_.advance(c.elapsed);
        return {c.exitCode, c.out, c.err};
    }
    if (cmd == "watch")
        return runWatch(args, [this] { return cluster_.now(); }, [this](const std::string& line) {
            ++depth_;
            CommandResult r = run(line, "");
            --depth_;
            return r;
        });
    return CommandResult::failure("bash: " + cmd + ": listed in kPrograms but not dispatched\n", 127);
}

std::vector<std::string> shellCommandNames() {
    std::vector<std::string> names = kPrograms;
    for (const std::string& b : kBuiltins)
        if (std::isalpha(static_cast<unsigned char>(b[0])))  // not ".", ":", "[" or "(("
            names.push_back(b);
    names.push_back("read");
    names.insert(names.end(), kCompoundKeywords.begin(), kCompoundKeywords.end());
    for (const std::string& u : sh::utilityNames())
        names.push_back(u);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

}  // namespace kp::cli
