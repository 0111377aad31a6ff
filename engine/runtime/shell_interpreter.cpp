// [SECTION] index: construction and time · the step machine · simple commands and pipelines ·
// output · expansion · arithmetic · builtins.
#include "runtime/shell_interpreter.h"

#include "base/printf_format.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "base/printf_format.h"
#include "runtime/clock_text.h"

namespace kp::runtime::sh {
namespace {

constexpr size_t kMaxOutputLines = 10000;  // per takeOutput() batch; the process keeps its own cap

bool isNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool isNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Index of the character closing the one at `open` (a '(' or '{'), skipping quoted text.
size_t matchClose(const std::string& s, size_t open) {
    char o = s[open], c = o == '(' ? ')' : '}';
    int depth = 0;
    for (size_t i = open; i < s.size(); ++i) {
        char ch = s[i];
        if (ch == '\\') {
            ++i;
        } else if (ch == '\'') {
            size_t e = s.find('\'', i + 1);
            if (e == std::string::npos)
                return std::string::npos;
            i = e;
        } else if (ch == o) {
            ++depth;
        } else if (ch == c) {
            if (--depth == 0)
                return i;
        }
    }
    return std::string::npos;
}

std::optional<long long> parseInt(const std::string& s) {
    if (s.empty())
        return std::nullopt;
    size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (i == s.size())
        return std::nullopt;
    long long v = 0;
    for (; i < s.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i])))
            return std::nullopt;
        v = v * 10 + (s[i] - '0');
    }
    return s[0] == '-' ? -v : v;
}

// "1.5", "10s", "2m", "1h", "1d" -> milliseconds; nullopt when malformed.
std::optional<int64_t> parseSleep(const std::string& s) {
    if (s.empty())
        return std::nullopt;
    size_t i = 0;
    int64_t whole = 0, frac = 0, fracScale = 1;
    bool digits = false;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
        whole = whole * 10 + (s[i++] - '0');
        digits = true;
    }
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
            if (fracScale < 1000000) {
                frac = frac * 10 + (s[i] - '0');
                fracScale *= 10;
            }
            ++i;
            digits = true;
        }
    }
    if (!digits)
        return std::nullopt;
    int64_t unit = 1000;
    if (i < s.size()) {
        switch (s[i]) {
        case 's': unit = 1000; break;
        case 'm': unit = 60'000; break;
        case 'h': unit = 3'600'000; break;
        case 'd': unit = 86'400'000; break;
        default: return std::nullopt;
        }
        if (++i != s.size())
            return std::nullopt;
    }
    return whole * unit + frac * unit / fracScale;
}

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < text.size()) {
        size_t nl = text.find('\n', start);
        if (nl == std::string::npos) {
            lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

}  // namespace

// [SECTION] construction and time

Interpreter::Interpreter(std::shared_ptr<const Program> program, std::vector<std::pair<std::string, std::string>> env,
                         Time start, Flavour flavour, std::shared_ptr<const HostHooks> hooks)
    : program_(std::move(program)),
      env_(std::move(env)),
      flavour_(flavour),
      hooks_(std::move(hooks)),
      clock_(start),
      wakeAt_(start) {
    sinks_[1].kind = Sink::Kind::Out;
    sinks_[2].kind = Sink::Kind::Err;
    if (program_ && program_->root)
        push(program_->root.get());
}

int Interpreter::termExitCode() const {
    if (!termHandler_)
        return 143;
    const std::string& h = *termHandler_;
    size_t pos = h.find("exit");
    if (pos == std::string::npos)
        return 143;
    size_t i = pos + 4;
    while (i < h.size() && h[i] == ' ')
        ++i;
    size_t j = i;
    while (j < h.size() && std::isdigit(static_cast<unsigned char>(h[j])))
        ++j;
    return j > i ? std::stoi(h.substr(i, j - i)) : 0;
}

void Interpreter::runUntil(Time until, int maxSteps) {
    for (int steps = 0; steps < maxSteps; ++steps) {
        if (state_ == State::Exited || state_ == State::BlockedForever)
            return;
        if (state_ == State::Sleeping) {
            if (wakeAt_ > until)
                return;
            clock_ = wakeAt_;
            state_ = State::Ready;
        }
        if (frames_.empty()) {
            flush();
            state_ = State::Exited;
            exitCode_ = lastStatus_;
            exitTime_ = clock_;
            return;
        }
        step();
    }
}

void Interpreter::kill(Time t, int exitCode) {
    if (state_ == State::Exited)
        return;
    clock_ = std::max(clock_, t);
    flush();
    frames_.clear();
    state_ = State::Exited;
    exitCode_ = exitCode;
    exitTime_ = t;
}

std::vector<OutputLine> Interpreter::takeOutput() {
    std::vector<OutputLine> out;
    out.swap(out_);
    return out;
}

std::optional<std::string> Interpreter::getenv(const std::string& name) const {
    for (const auto& [k, v] : env_)
        if (k == name)
            return v;
    return std::nullopt;
}

void Interpreter::setVar(const std::string& name, const std::string& value) {
    for (auto& [k, v] : env_) {
        if (k == name) {
            v = value;
            return;
        }
    }
    env_.emplace_back(name, value);
}

void Interpreter::fileChanged(const std::string& path) {
    if (hooks_ && hooks_->shared && hooks_->writeShared && hooks_->shared(path))
        hooks_->writeShared(path, files_[path]);
}

std::optional<std::string> Interpreter::readFile(const std::string& path) const {
    // Another container may have written a shared volume's file since.
    if (hooks_ && hooks_->shared && hooks_->shared(path) && hooks_->readFile)
        return hooks_->readFile(path);
    if (auto it = files_.find(path); it != files_.end())
        return it->second;
    if (removed_.count(path))
        return std::nullopt;
    if (path == "/dev/null")
        return std::string();
    // SIMPLIFICATION: the container's shell stays in its image's working directory, "/" for
    // the images modelled (cd changes nothing), so the image's files are found from there.
    if (hooks_ && hooks_->readFile)
        return hooks_->readFile(!path.empty() && path[0] != '/' ? "/" + path : path);
    return std::nullopt;
}

// [SECTION] the step machine

void Interpreter::push(const Node* node, std::shared_ptr<const Program> owned) {
    Frame f;
    f.node = node;
    f.iterStart = clock_;
    f.owned = std::move(owned);
    frames_.push_back(std::move(f));
}

void Interpreter::step() {
    Frame& f = frames_.back();
    const Node& n = *f.node;
    switch (n.kind) {
    case Node::Kind::Simple: {
        auto keep = f.owned;  // the node may belong to a nested script
        frames_.pop_back();
        int status = runSimple(n, nullptr, nullptr);
        if (state_ != State::Exited)
            lastStatus_ = status;
        return;
    }
    case Node::Kind::List:
    case Node::Kind::Group:
    case Node::Kind::Subshell:
        if (f.index < n.children.size()) {
            const Node* child = n.children[f.index++].get();
            push(child);
            return;
        }
        frames_.pop_back();
        return;
    case Node::Kind::AndOr:
        if (f.index == 0) {
            f.index = 1;
            push(n.children[0].get());
            return;
        }
        while (f.index < n.children.size()) {
            const std::string& op = n.ops[f.index - 1];
            const Node* child = n.children[f.index++].get();
            if ((op == "&&" && lastStatus_ == 0) || (op == "||" && lastStatus_ != 0)) {
                push(child);
                return;
            }
        }
        frames_.pop_back();
        return;
    case Node::Kind::Pipeline: {
        bool allSimple = true;
        for (const auto& c : n.children)
            allSimple = allSimple && c->kind == Node::Kind::Simple;
        if (allSimple) {
            frames_.pop_back();
            int status = runPipeline(n);
            if (state_ != State::Exited)
                lastStatus_ = n.negate ? (status == 0 ? 1 : 0) : status;
            return;
        }
        // SIMPLIFICATION: compound commands in a pipeline run one after the other.
        if (f.index < n.children.size()) {
            push(n.children[f.index++].get());
            return;
        }
        if (n.negate)
            lastStatus_ = lastStatus_ == 0 ? 1 : 0;
        frames_.pop_back();
        return;
    }
    case Node::Kind::While:
    case Node::Kind::Until:
        if (f.stage == 0) {
            f.stage = 1;
            push(n.children[0].get());
            return;
        }
        if (f.stage == 1) {
            bool go = n.kind == Node::Kind::While ? lastStatus_ == 0 : lastStatus_ != 0;
            if (!go) {
                lastStatus_ = f.bodyStatus;
                frames_.pop_back();
                return;
            }
            f.stage = 2;
            push(n.children[1].get());
            return;
        }
        f.bodyStatus = lastStatus_;
        f.stage = 0;
        if (f.iterStart == clock_) {
            // A loop that never sleeps still takes time: 1 ms per iteration.
            wakeAt_ = clock_ + Duration::millis(1);
            state_ = State::Sleeping;
        }
        f.iterStart = wakeAt_ > clock_ ? wakeAt_ : clock_;
        return;
    case Node::Kind::For:
        if (f.stage == 0) {
            f.stage = 1;
            for (const std::string& raw : n.items)
                for (std::string& w : expandWord(raw))
                    f.items.push_back(std::move(w));
        }
        if (f.index < f.items.size()) {
            if (f.index > 0 && f.iterStart == clock_) {
                wakeAt_ = clock_ + Duration::millis(1);
                state_ = State::Sleeping;
            }
            f.iterStart = wakeAt_ > clock_ ? wakeAt_ : clock_;
            setVar(n.var, f.items[f.index++]);
            push(n.children[0].get());
            return;
        }
        frames_.pop_back();
        return;
    case Node::Kind::If: {
        size_t conds = n.children.size() / 2;
        if (f.stage == 0) {
            f.stage = 1;
            f.index = 0;
            push(n.children[0].get());
            return;
        }
        if (f.stage == 1) {
            if (lastStatus_ == 0) {
                f.stage = 2;
                push(n.children[f.index * 2 + 1].get());
                return;
            }
            if (++f.index < conds) {
                push(n.children[f.index * 2].get());
                return;
            }
            if (n.children.size() % 2 == 1) {
                f.stage = 2;
                push(n.children.back().get());
                return;
            }
            lastStatus_ = 0;
        }
        frames_.pop_back();
        return;
    }
    }
}

// [SECTION] simple commands and pipelines

int Interpreter::runPipeline(const Node& n) {
    std::string carried;
    bool haveInput = false;
    int status = 0;
    for (size_t i = 0; i < n.children.size(); ++i) {
        std::string captured;
        bool last = i + 1 == n.children.size();
        std::string input = carried;
        status = runSimple(*n.children[i], haveInput ? &input : nullptr, last ? nullptr : &captured);
        if (state_ == State::Exited)
            return status;
        carried = std::move(captured);
        haveInput = true;
    }
    return status;
}

int Interpreter::runSimple(const Node& node, const std::string* stdinText, std::string* capture) {
    std::vector<std::string> argv;
    for (const std::string& raw : node.words)
        for (std::string& w : expandWord(raw))
            argv.push_back(std::move(w));

    // Redirections for this command only.
    Sink saved[3] = {sinks_[0], sinks_[1], sinks_[2]};
    std::string* savedCapture = capture_;
    if (capture) {
        sinks_[1].kind = Sink::Kind::Capture;
        capture_ = capture;
    }
    std::string fileInput;
    bool haveFileInput = false;
    for (const Redirect& r : node.redirects) {
        if (r.fd < 0 || r.fd > 2)
            continue;
        if (r.kind == Redirect::Kind::Dup) {
            if (r.dupTo >= 1 && r.dupTo <= 2)
                sinks_[r.fd] = sinks_[r.dupTo];
            continue;
        }
        std::string target = expandOne(r.target);
        if (r.kind == Redirect::Kind::Read) {
            auto content = readFile(target);
            if (!content) {
                write(2, noSuchFile("sh", target, true) + "\n");
                sinks_[1] = saved[1];
                sinks_[2] = saved[2];
                capture_ = savedCapture;
                return 1;
            }
            fileInput = *content;
            haveFileInput = true;
            continue;
        }
        Sink s;
        if (target == "/dev/null") {
            s.kind = Sink::Kind::Null;
        } else if (target == "/dev/stdout" || target == "/proc/1/fd/1") {
            s.kind = Sink::Kind::Out;
        } else if (target == "/dev/stderr" || target == "/proc/1/fd/2") {
            s.kind = Sink::Kind::Err;
        } else {
            s.kind = Sink::Kind::File;
            s.path = target;
            s.append = r.kind == Redirect::Kind::Append;
            if (!s.append)
                files_[target].clear();
            else
                files_[target] = readFile(target).value_or("");
            removed_.erase(target);
            fileChanged(target);
        }
        sinks_[r.fd] = s;
    }

    int status = 0;
    if (argv.empty()) {
        for (const auto& [name, value] : node.assigns)
            setVar(name, expandOne(value));
    } else {
        // SIMPLIFICATION: `VAR=x cmd` sets VAR for the rest of the script, not just for cmd.
        for (const auto& [name, value] : node.assigns)
            setVar(name, expandOne(value));
        status = runCommand(argv, haveFileInput ? &fileInput : stdinText);
    }
    sinks_[0] = saved[0];
    sinks_[1] = saved[1];
    sinks_[2] = saved[2];
    capture_ = savedCapture;
    return status;
}

int Interpreter::runCommand(const std::vector<std::string>& argv, const std::string* stdinText) {
    std::string name = argv[0];
    if (size_t slash = name.rfind('/'); slash != std::string::npos && name.rfind("/bin/", 0) == 0)
        name = name.substr(slash + 1);
    else if (name.rfind("/usr/bin/", 0) == 0 || name.rfind("/usr/local/bin/", 0) == 0)
        name = name.substr(name.rfind('/') + 1);

    if (name == "kill") {
        // Only PID 1 is a process of its own here (the container's main process).
        std::string signal = "TERM";
        for (size_t i = 1; i < argv.size(); ++i) {
            const std::string& a = argv[i];
            if (a.size() > 1 && a[0] == '-')
                signal = a.substr(a.rfind("-SIG", 0) == 0 ? 4 : 1);
            else if (a == "1" && hooks_ && hooks_->signalInit)
                hooks_->signalInit(signal, clock_);
        }
        return 0;
    }
    if (name == ":" || name == "true" || name == "wait" || name == "cd" || name == "set")
        return 0;
    if (name == "false")
        return 1;
    if (name == "echo")
        return builtinEcho(argv);
    if (name == "printf")
        return builtinPrintf(argv);
    if (name == "sleep")
        return builtinSleep(argv);
    if (name == "exit") {
        int code = argv.size() > 1 ? static_cast<int>(parseInt(argv[1]).value_or(2)) & 0xff : lastStatus_;
        flush();
        frames_.clear();
        state_ = State::Exited;
        exitCode_ = code;
        exitTime_ = clock_;
        return code;
    }
    if (name == "date")
        return builtinDate(argv);
    if (name == "cat")
        return builtinCat(argv, stdinText);
    if (name == "env" || name == "printenv") {
        if (argv.size() > 1 && name == "printenv") {
            int status = 0;
            for (size_t i = 1; i < argv.size(); ++i) {
                auto v = getenv(argv[i]);
                if (v)
                    write(1, *v + "\n");
                else
                    status = 1;
            }
            return status;
        }
        for (const auto& [k, v] : env_)
            write(1, k + "=" + v + "\n");
        return 0;
    }
    if (name == "touch") {
        for (size_t i = 1; i < argv.size(); ++i) {
            if (argv[i][0] == '-')
                continue;
            if (!readFile(argv[i])) {
                files_[argv[i]] = "";
                fileChanged(argv[i]);
            }
            removed_.erase(argv[i]);
        }
        return 0;
    }
    if (name == "rm")
        return builtinRm(argv);
    if (name == "mkdir")
        return 0;
    if (name == "hostname") {
        write(1, getenv("HOSTNAME").value_or("localhost") + "\n");
        return 0;
    }
    if (name == "test")
        return builtinTest(std::vector<std::string>(argv.begin() + 1, argv.end()));
    if (name == "[") {
        if (argv.back() != "]") {
            write(2, "sh: missing ]\n");
            return 2;
        }
        return builtinTest(std::vector<std::string>(argv.begin() + 1, argv.end() - 1));
    }
    if (name == "seq") {
        std::vector<long long> n;
        for (size_t i = 1; i < argv.size(); ++i)
            n.push_back(parseInt(argv[i]).value_or(0));
        long long first = 1, inc = 1, last = 0;
        if (n.size() == 1)
            last = n[0];
        else if (n.size() == 2)
            first = n[0], last = n[1];
        else if (n.size() >= 3)
            first = n[0], inc = n[1], last = n[2];
        if (inc == 0)
            return 1;
        for (long long v = first; inc > 0 ? v <= last : v >= last; v += inc)
            write(1, std::to_string(v) + "\n");
        return 0;
    }
    if (name == "tail")
        return builtinTail(argv, stdinText);
    if (name == "head" || name == "wc" || name == "grep" || name == "tee") {
        std::string input;
        std::string file;
        // Positional arguments: grep PATTERN [FILE], tee FILE, head/wc [FILE].
        std::vector<std::string> pos;
        size_t headN = 10;
        bool quiet = false, invert = false, appendTee = false;
        for (size_t i = 1; i < argv.size(); ++i) {
            const std::string& a = argv[i];
            if (a == "-n" && i + 1 < argv.size()) {
                headN = static_cast<size_t>(parseInt(argv[++i]).value_or(10));
            } else if (a.size() > 2 && a.rfind("-n", 0) == 0) {
                headN = static_cast<size_t>(parseInt(a.substr(2)).value_or(10));
            } else if (a == "-q") {
                quiet = true;
            } else if (a == "-v") {
                invert = true;
            } else if (a == "-a") {
                appendTee = true;
            } else if (a.size() > 1 && a[0] == '-') {
                continue;
            } else {
                pos.push_back(a);
            }
        }
        std::string pattern;
        if (name == "grep") {
            if (pos.empty())
                return 2;
            pattern = pos.front();
            pos.erase(pos.begin());
        }
        if (name == "tee") {
            input = stdinText ? *stdinText : "";
            for (const std::string& f : pos) {
                files_[f] = appendTee ? readFile(f).value_or("") + input : input;
                removed_.erase(f);
                fileChanged(f);
            }
            write(1, input);
            return 0;
        }
        if (!pos.empty()) {
            auto content = readFile(pos.front());
            if (!content) {
                write(2, noSuchFile(name, pos.front(), true) + "\n");
                return name == "grep" ? 2 : 1;
            }
            input = *content;
            file = pos.front();
        } else if (stdinText) {
            input = *stdinText;
        }
        std::vector<std::string> lines = splitLines(input);
        if (name == "head") {
            for (size_t i = 0; i < lines.size() && i < headN; ++i)
                write(1, lines[i] + "\n");
            return 0;
        }
        if (name == "wc") {
            write(1, std::to_string(lines.size()) + (file.empty() ? "" : " " + file) + "\n");
            return 0;
        }
        bool any = false;
        for (const std::string& l : lines) {
            bool match = l.find(pattern) != std::string::npos;
            if (match != invert) {
                any = true;
                if (!quiet)
                    write(1, l + "\n");
            }
        }
        return any ? 0 : 1;
    }
    if (name == "trap")
        return builtinTrap(argv);
    if (name == "read") {
        if (!stdinText || stdinText->empty())
            return 1;
        std::string line = stdinText->substr(0, stdinText->find('\n'));
        if (argv.size() > 1)
            setVar(argv[1], line);
        return 0;
    }
    if (name == "pwd") {
        write(1, "/\n");
        return 0;
    }
    if (name == "whoami") {
        write(1, "root\n");
        return 0;
    }
    if (name == "id") {
        write(1, flavour_ == Flavour::Busybox ? "uid=0(root) gid=0(root) groups=0(root),10(wheel)\n"
                                              : "uid=0(root) gid=0(root) groups=0(root)\n");
        return 0;
    }
    if (name == "uname") {
        std::string host = getenv("HOSTNAME").value_or("localhost");
        bool all = argv.size() > 1 && argv[1] == "-a";
        write(1, all ? "Linux " + host + " 5.15.0-127-generic #137-Ubuntu SMP x86_64 GNU/Linux\n" : "Linux\n");
        return 0;
    }
    if (name == "export") {
        for (size_t i = 1; i < argv.size(); ++i) {
            size_t eq = argv[i].find('=');
            if (eq != std::string::npos)
                setVar(argv[i].substr(0, eq), argv[i].substr(eq + 1));
        }
        return 0;
    }
    if (name == "unset") {
        for (size_t i = 1; i < argv.size(); ++i)
            env_.erase(std::remove_if(env_.begin(), env_.end(), [&](const auto& kv) { return kv.first == argv[i]; }),
                       env_.end());
        return 0;
    }
    if (name == "sh" || name == "ash" || name == "bash" || name == "dash") {
        if (argv.size() >= 3 && argv[1] == "-c") {
            std::string err;
            auto prog = parse(argv[2], &err);
            if (!prog) {
                write(2, err + "\n");
                return 2;
            }
            push(prog->root.get(), prog);
            return 0;
        }
        if (argv.size() >= 2 && argv[1][0] != '-') {
            auto content = readFile(argv[1]);
            if (!content) {
                write(2, name + ": can't open '" + argv[1] + "': No such file or directory\n");
                return 2;
            }
            std::string err;
            auto prog = parse(*content, &err);
            if (!prog) {
                write(2, err + "\n");
                return 2;
            }
            push(prog->root.get(), prog);
            return 0;
        }
        // An interactive shell reads its standard input: with none it ends at once.
        return 0;
    }
    if (hooks_ && hooks_->command) {
        std::string out, err;
        const bool tty = terminal_ && !capture_ && sinks_[1].kind == Sink::Kind::Out;
        if (auto code = hooks_->command(argv, CommandIO{stdinText ? *stdinText : std::string(), tty}, clock_, out, err)) {
            write(1, out);
            write(2, err);
            return *code;
        }
    }
    return notFound(argv[0]);
}

int Interpreter::execute(const std::string& commandLine, std::string& out, std::string& err) {
    std::string perr;
    auto prog = parse(commandLine, &perr);
    if (!prog) {
        err = perr + "\n";
        return 2;
    }
    Interpreter sub(prog, env_, clock_, flavour_, hooks_);
    sub.files_ = files_;
    sub.removed_ = removed_;
    sub.runUntil(clock_ + Duration::hours(24), 100000);
    for (const OutputLine& l : sub.takeOutput())
        (l.fd == 2 ? err : out) += l.text + "\n";
    files_ = std::move(sub.files_);
    removed_ = std::move(sub.removed_);
    return sub.state() == State::Exited ? sub.exitCode() : 0;
}

int Interpreter::executeArgv(const std::vector<std::string>& argv, std::string& out, std::string& err, bool terminal) {
    Interpreter sub(fromArgv(argv), env_, clock_, flavour_, hooks_);
    sub.terminal_ = terminal;
    sub.files_ = files_;
    sub.removed_ = removed_;
    sub.runUntil(clock_ + Duration::hours(24), 100000);
    for (const OutputLine& l : sub.takeOutput())
        (l.fd == 2 ? err : out) += l.text + "\n";
    files_ = std::move(sub.files_);
    removed_ = std::move(sub.removed_);
    return sub.state() == State::Exited ? sub.exitCode() : 0;
}

// [SECTION] output

void Interpreter::write(int fd, const std::string& text) {
    if (text.empty())
        return;
    const Sink& s = sinks_[fd == 2 ? 2 : 1];
    switch (s.kind) {
    case Sink::Kind::Out:
    case Sink::Kind::Err: {
        int stream = s.kind == Sink::Kind::Err ? 2 : 1;
        std::string& part = partial_[stream];
        part += text;
        size_t nl;
        while ((nl = part.find('\n')) != std::string::npos) {
            emitLine(stream, part.substr(0, nl));
            part.erase(0, nl + 1);
        }
        return;
    }
    case Sink::Kind::File:
        files_[s.path] += text;
        fileChanged(s.path);
        return;
    case Sink::Kind::Null:
        return;
    case Sink::Kind::Capture:
        if (capture_)
            *capture_ += text;
        return;
    }
}

void Interpreter::emitLine(int fd, std::string text) {
    if (quiet_)
        return;
    if (out_.size() >= kMaxOutputLines)
        out_.erase(out_.begin(), out_.begin() + static_cast<long>(kMaxOutputLines / 2));
    out_.push_back(OutputLine{clock_, fd, std::move(text)});
}

void Interpreter::flush() {
    for (int fd : {1, 2}) {
        if (!partial_[fd].empty()) {
            emitLine(fd, std::move(partial_[fd]));
            partial_[fd].clear();
        }
    }
}

// [SECTION] expansion

std::vector<std::string> Interpreter::expandWord(const std::string& raw) {
    std::vector<std::string> fields;
    std::string cur;
    bool has = false;
    auto splitAppend = [&](const std::string& v) {
        for (char c : v) {
            if (c == ' ' || c == '\t' || c == '\n') {
                if (has) {
                    fields.push_back(cur);
                    cur.clear();
                    has = false;
                }
            } else {
                cur += c;
                has = true;
            }
        }
    };
    size_t i = 0;
    while (i < raw.size()) {
        char c = raw[i];
        if (c == '\\') {
            if (i + 1 < raw.size())
                cur += raw[i + 1];
            has = true;
            i += 2;
        } else if (c == '\'') {
            size_t end = raw.find('\'', i + 1);
            if (end == std::string::npos)
                end = raw.size();
            cur += raw.substr(i + 1, end - i - 1);
            has = true;
            i = end + 1;
        } else if (c == '"') {
            has = true;
            ++i;
            while (i < raw.size() && raw[i] != '"') {
                char d = raw[i];
                if (d == '\\' && i + 1 < raw.size() && std::strchr("$`\"\\\n", raw[i + 1])) {
                    cur += raw[i + 1];
                    i += 2;
                } else if (d == '$') {
                    cur += expandParameter(raw, i);
                } else if (d == '`') {
                    size_t end = raw.find('`', i + 1);
                    if (end == std::string::npos)
                        end = raw.size();
                    cur += commandSubstitution(raw.substr(i + 1, end - i - 1));
                    i = end + 1;
                } else {
                    cur += d;
                    ++i;
                }
            }
            ++i;
        } else if (c == '$') {
            splitAppend(expandParameter(raw, i));
        } else if (c == '`') {
            size_t end = raw.find('`', i + 1);
            if (end == std::string::npos)
                end = raw.size();
            splitAppend(commandSubstitution(raw.substr(i + 1, end - i - 1)));
            i = end + 1;
        } else {
            cur += c;
            has = true;
            ++i;
        }
    }
    if (has)
        fields.push_back(cur);
    return fields;
}

std::string Interpreter::expandOne(const std::string& raw) {
    // Assignment values and redirection targets are not field-split: expand as if quoted.
    std::string quoted;
    size_t i = 0;
    std::string out;
    while (i < raw.size()) {
        char c = raw[i];
        if (c == '$') {
            out += expandParameter(raw, i);
        } else if (c == '\'' || c == '"' || c == '\\' || c == '`') {
            // Re-use the word expander for quoted parts, joining its fields.
            size_t end = i + 1;
            if (c == '\\') {
                end = std::min(raw.size(), i + 2);
            } else if (c == '"') {
                while (end < raw.size() && raw[end] != '"') {
                    if (raw[end] == '\\')
                        ++end;
                    else if (raw[end] == '$' && end + 1 < raw.size() && (raw[end + 1] == '(' || raw[end + 1] == '{'))
                        end = std::min(raw.size() - 1, matchClose(raw, end + 1));
                    ++end;
                }
                end = std::min(raw.size(), end + 1);
            } else {
                size_t close = raw.find(c, i + 1);
                end = close == std::string::npos ? raw.size() : close + 1;
            }
            std::vector<std::string> f = expandWord(raw.substr(i, end - i));
            for (size_t k = 0; k < f.size(); ++k)
                out += (k ? " " : "") + f[k];
            i = end;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

// At raw[i] == '$': returns the expansion and moves i past it.
std::string Interpreter::expandParameter(const std::string& raw, size_t& i) {
    if (i + 1 >= raw.size()) {
        ++i;
        return "$";
    }
    char c = raw[i + 1];
    if (c == '(' && i + 2 < raw.size() && raw[i + 2] == '(') {
        size_t close = matchClose(raw, i + 1);
        if (close == std::string::npos) {
            i = raw.size();
            return "";
        }
        std::string inner = raw.substr(i + 3, close - i - 4);
        i = close + 1;
        std::string err;
        auto v = arithmetic(expandOne(inner), &err);
        if (!v) {
            write(2, "sh: arithmetic syntax error\n");
            return "";
        }
        return std::to_string(*v);
    }
    if (c == '(') {
        size_t close = matchClose(raw, i + 1);
        if (close == std::string::npos) {
            i = raw.size();
            return "";
        }
        std::string inner = raw.substr(i + 2, close - i - 2);
        i = close + 1;
        return commandSubstitution(inner);
    }
    if (c == '{') {
        size_t close = matchClose(raw, i + 1);
        if (close == std::string::npos) {
            i = raw.size();
            return "";
        }
        std::string inner = raw.substr(i + 2, close - i - 2);
        i = close + 1;
        if (!inner.empty() && inner[0] == '#')
            return std::to_string(getenv(inner.substr(1)).value_or("").size());
        size_t n = 0;
        while (n < inner.size() && isNameChar(inner[n]))
            ++n;
        std::string name = inner.substr(0, n);
        auto value = getenv(name);
        std::string rest = inner.substr(n);
        if (rest.empty())
            return value.value_or("");
        bool colon = rest[0] == ':';
        std::string op = rest.substr(colon ? 1 : 0, 1);
        std::string word = rest.substr(colon ? 2 : 1);
        bool unset = !value || (colon && value->empty());
        if (op == "-")
            return unset ? expandOne(word) : *value;
        if (op == "=") {
            if (unset)
                setVar(name, expandOne(word));
            return getenv(name).value_or("");
        }
        if (op == "+")
            return unset ? "" : expandOne(word);
        return value.value_or("");
    }
    if (c == '?') {
        i += 2;
        return std::to_string(lastStatus_);
    }
    if (c == '$') {
        i += 2;
        return "1";
    }
    if (c == '#') {
        i += 2;
        return "0";
    }
    if (c == '!' || c == '@' || c == '*' || std::isdigit(static_cast<unsigned char>(c))) {
        i += 2;
        return c == '0' ? "sh" : "";
    }
    if (!isNameStart(c)) {
        ++i;
        return "$";
    }
    size_t j = i + 1;
    while (j < raw.size() && isNameChar(raw[j]))
        ++j;
    std::string name = raw.substr(i + 1, j - i - 1);
    i = j;
    return getenv(name).value_or("");
}

std::string Interpreter::commandSubstitution(const std::string& script) {
    std::string err;
    auto prog = parse(script, &err);
    if (!prog) {
        write(2, err + "\n");
        return "";
    }
    Interpreter sub(prog, env_, clock_, flavour_, hooks_);
    sub.files_ = files_;
    sub.removed_ = removed_;
    std::string captured;
    sub.sinks_[1].kind = Sink::Kind::Capture;
    sub.capture_ = &captured;
    sub.runUntil(clock_ + Duration::hours(24), 100000);
    for (const OutputLine& l : sub.takeOutput())
        if (l.fd == 2)
            write(2, l.text + "\n");
    if (sub.state() == State::Exited) {
        clock_ = std::max(clock_, sub.clock());
        lastStatus_ = sub.exitCode();
    }
    while (!captured.empty() && captured.back() == '\n')
        captured.pop_back();
    return captured;
}

// [SECTION] arithmetic

namespace {

class Arith {
public:
    Arith(const std::string& s, const std::function<long long(const std::string&)>& var) : s_(s), var_(var) {}
    std::optional<long long> parse() {
        auto v = comparison();
        skip();
        if (!v || i_ != s_.size())
            return std::nullopt;
        return v;
    }

private:
    void skip() {
        while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_])))
            ++i_;
    }
    bool eat(const char* op) {
        skip();
        size_t n = std::strlen(op);
        if (s_.compare(i_, n, op) == 0) {
            i_ += n;
            return true;
        }
        return false;
    }
    std::optional<long long> comparison() {
        auto l = additive();
        while (l) {
            if (eat("<=")) {
                auto r = additive();
                if (!r) return std::nullopt;
                l = *l <= *r;
            } else if (eat(">=")) {
                auto r = additive();
                if (!r) return std::nullopt;
                l = *l >= *r;
            } else if (eat("==")) {
                auto r = additive();
                if (!r) return std::nullopt;
                l = *l == *r;
            } else if (eat("!=")) {
                auto r = additive();
                if (!r) return std::nullopt;
                l = *l != *r;
            } else if (eat("<")) {
                auto r = additive();
                if (!r) return std::nullopt;
                l = *l < *r;
            } else if (eat(">")) {
                auto r = additive();
                if (!r) return std::nullopt;
                l = *l > *r;
            } else {
                break;
            }
        }
        return l;
    }
    std::optional<long long> additive() {
        auto l = term();
        while (l) {
            if (eat("+")) {
                auto r = term();
                if (!r) return std::nullopt;
                l = *l + *r;
            } else if (eat("-")) {
                auto r = term();
                if (!r) return std::nullopt;
                l = *l - *r;
            } else {
                break;
            }
        }
        return l;
    }
    std::optional<long long> term() {
        auto l = unary();
        while (l) {
            char op = 0;
            if (eat("*")) op = '*';
            else if (eat("/")) op = '/';
            else if (eat("%")) op = '%';
            else break;
            auto r = unary();
            if (!r || ((op == '/' || op == '%') && *r == 0))
                return std::nullopt;
            l = op == '*' ? *l * *r : op == '/' ? *l / *r : *l % *r;
        }
        return l;
    }
    std::optional<long long> unary() {
        if (eat("-")) {
            auto v = unary();
            return v ? std::optional<long long>(-*v) : std::nullopt;
        }
        if (eat("+"))
            return unary();
        if (eat("(")) {
            auto v = comparison();
            if (!v || !eat(")"))
                return std::nullopt;
            return v;
        }
        skip();
        size_t start = i_;
        if (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) {
            while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_])))
                ++i_;
            return std::stoll(s_.substr(start, i_ - start));
        }
        if (i_ < s_.size() && isNameStart(s_[i_])) {
            while (i_ < s_.size() && isNameChar(s_[i_]))
                ++i_;
            return var_(s_.substr(start, i_ - start));
        }
        return std::nullopt;
    }

    const std::string& s_;
    const std::function<long long(const std::string&)>& var_;
    size_t i_ = 0;
};

}  // namespace

std::optional<long long> Interpreter::arithmetic(const std::string& expr, std::string* error) {
    std::function<long long(const std::string&)> var = [this](const std::string& name) {
        return parseInt(getenv(name).value_or("0")).value_or(0);
    };
    Arith a(expr, var);
    auto v = a.parse();
    if (!v && error)
        *error = "arithmetic syntax error";
    return v;
}

// [SECTION] builtins

int Interpreter::builtinEcho(const std::vector<std::string>& argv) {
    bool newline = true, escapes = false;
    size_t i = 1;
    for (; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a == "-n")
            newline = false;
        else if (a == "-e")
            escapes = true;
        else if (a == "-E")
            escapes = false;
        else
            break;
    }
    std::string out;
    for (size_t k = i; k < argv.size(); ++k) {
        if (k > i)
            out += ' ';
        if (!escapes) {
            out += argv[k];
            continue;
        }
        const std::string& a = argv[k];
        for (size_t j = 0; j < a.size(); ++j) {
            if (a[j] != '\\' || j + 1 == a.size()) {
                out += a[j];
                continue;
            }
            char e = a[++j];
            out += e == 'n' ? '\n' : e == 't' ? '\t' : e == '\\' ? '\\' : e;
        }
    }
    if (newline)
        out += '\n';
    write(1, out);
    return 0;
}

int Interpreter::builtinPrintf(const std::vector<std::string>& argv) {
    if (argv.size() < 2)
        return 1;
    PrintfResult r = formatPrintf(argv[1], std::vector<std::string>(argv.begin() + 2, argv.end()));
    write(1, r.out);
    if (!r.err.empty())
        write(2, "printf: " + r.err);
    return r.exitCode;
}

int Interpreter::builtinSleep(const std::vector<std::string>& argv) {
    if (argv.size() < 2) {
        write(2, flavour_ == Flavour::Busybox ? "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n"
                                                "Usage: sleep [N]...\n"
                                              : "sleep: missing operand\nTry 'sleep --help' for more information.\n");
        return 1;
    }
    int64_t total = 0;
    for (size_t i = 1; i < argv.size(); ++i) {
        if (argv[i] == "infinity" || argv[i] == "inf") {
            flush();
            state_ = State::BlockedForever;
            return 0;
        }
        auto ms = parseSleep(argv[i]);
        if (!ms) {
            write(2, flavour_ == Flavour::Busybox ? "sleep: invalid number '" + argv[i] + "'\n"
                                                  : "sleep: invalid time interval '" + argv[i] +
                                                        "'\nTry 'sleep --help' for more information.\n");
            return 1;
        }
        total += *ms;
    }
    if (total > 0) {
        wakeAt_ = clock_ + Duration::millis(total);
        state_ = State::Sleeping;
    }
    return 0;
}

int Interpreter::builtinDate(const std::vector<std::string>& argv) {
    std::string format;
    for (size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (!a.empty() && a[0] == '+')
            format = a.substr(1);
        else if (a == "-R")
            format = "%a, %d %b %Y %H:%M:%S %z";
        else if (a == "-I")
            format = "%Y-%m-%d";
        else if (a == "-Iseconds")
            format = "%Y-%m-%dT%H:%M:%S+00:00";
    }
    write(1, (format.empty() ? dateText(clock_) : formatTime(clock_, format)) + "\n");
    return 0;
}

std::string Interpreter::noSuchFile(const std::string& tool, const std::string& path, bool open) const {
    if (flavour_ == Flavour::Busybox)
        return tool + ": can't open '" + path + "': No such file or directory";
    return tool + ": " + path + ": No such file or directory";
}

int Interpreter::builtinCat(const std::vector<std::string>& argv, const std::string* stdinText) {
    bool any = false;
    int status = 0;
    for (size_t i = 1; i < argv.size(); ++i) {
        if (argv[i].size() > 1 && argv[i][0] == '-')
            continue;
        any = true;
        if (argv[i] == "-") {
            if (stdinText)
                write(1, *stdinText);
            continue;
        }
        auto content = readFile(argv[i]);
        if (!content) {
            write(2, noSuchFile("cat", argv[i], true) + "\n");
            status = 1;
            continue;
        }
        write(1, *content);
    }
    if (!any && stdinText)
        write(1, *stdinText);
    return status;
}

int Interpreter::builtinTest(std::vector<std::string> a) {
    bool negate = false;
    if (!a.empty() && a[0] == "!") {
        negate = true;
        a.erase(a.begin());
    }
    bool result = false;
    if (a.empty()) {
        result = false;
    } else if (a.size() == 1) {
        result = !a[0].empty();
    } else if (a.size() == 2) {
        const std::string& op = a[0];
        const std::string& v = a[1];
        if (op == "-z")
            result = v.empty();
        else if (op == "-n")
            result = !v.empty();
        else if (op == "-f" || op == "-e" || op == "-r" || op == "-w")
            result = fileExists(v);
        else if (op == "-s")
            result = readFile(v).value_or("").size() > 0;
        else if (op == "-d")
            result = v == "/" || v == "/tmp" || v == "/etc" || v == "/var" || v == "/usr" || v == "/root" ||
                     v == "/home" || v == "/dev" || v == "/proc";
        else if (op == "-x")
            result = false;
        else
            return 2;
    } else if (a.size() >= 3) {
        const std::string& l = a[0];
        const std::string& op = a[1];
        const std::string& r = a[2];
        auto li = parseInt(l), ri = parseInt(r);
        if (op == "=" || op == "==")
            result = l == r;
        else if (op == "!=")
            result = l != r;
        else if (li && ri && op == "-eq")
            result = *li == *ri;
        else if (li && ri && op == "-ne")
            result = *li != *ri;
        else if (li && ri && op == "-lt")
            result = *li < *ri;
        else if (li && ri && op == "-le")
            result = *li <= *ri;
        else if (li && ri && op == "-gt")
            result = *li > *ri;
        else if (li && ri && op == "-ge")
            result = *li >= *ri;
        else
            return 2;
    }
    return (result != negate) ? 0 : 1;
}

int Interpreter::builtinTail(const std::vector<std::string>& argv, const std::string* stdinText) {
    bool follow = false;
    size_t n = 10;
    std::string file;
    for (size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a == "-f" || a == "-F" || a == "--follow")
            follow = true;
        else if (a == "-n" && i + 1 < argv.size())
            n = static_cast<size_t>(parseInt(argv[++i]).value_or(10));
        else if (a.size() > 2 && a.rfind("-n", 0) == 0)
            n = static_cast<size_t>(parseInt(a.substr(2)).value_or(10));
        else if (!a.empty() && a[0] != '-')
            file = a;
    }
    std::string input;
    if (!file.empty()) {
        auto content = readFile(file);
        if (!content) {
            write(2, "tail: can't open '" + file + "': No such file or directory\n");
            if (!follow)
                return 1;
        } else {
            input = *content;
        }
    } else if (stdinText) {
        input = *stdinText;
    }
    std::vector<std::string> lines = splitLines(input);
    size_t from = lines.size() > n ? lines.size() - n : 0;
    for (size_t i = from; i < lines.size(); ++i)
        write(1, lines[i] + "\n");
    if (follow) {
        // SIMPLIFICATION: `tail -f` blocks forever without following later writes.
        flush();
        state_ = State::BlockedForever;
    }
    return 0;
}

int Interpreter::builtinRm(const std::vector<std::string>& argv) {
    bool force = false;
    int status = 0;
    for (size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (!a.empty() && a[0] == '-') {
            force = force || a.find('f') != std::string::npos;
            continue;
        }
        if (!readFile(a)) {
            if (!force) {
                write(2, flavour_ == Flavour::Busybox
                             ? "rm: can't remove '" + a + "': No such file or directory\n"
                             : "rm: cannot remove '" + a + "': No such file or directory\n");
                status = 1;
            }
            continue;
        }
        files_.erase(a);
        removed_.insert(a);
    }
    return status;
}

int Interpreter::builtinTrap(const std::vector<std::string>& argv) {
    if (argv.size() < 3)
        return 0;
    for (size_t i = 2; i < argv.size(); ++i) {
        const std::string& sig = argv[i];
        if (sig == "TERM" || sig == "SIGTERM" || sig == "15" || sig == "term")
            termHandler_ = argv[1];
    }
    return 0;
}

int Interpreter::notFound(const std::string& name) {
    write(2, flavour_ == Flavour::Busybox ? "sh: " + name + ": not found\n" : "/bin/sh: 1: " + name + ": not found\n");
    return 127;
}

}  // namespace kp::runtime::sh

namespace kp::runtime::sh {
namespace {

// The literal text of a raw word when it has no expansions ('a b', "a b", a\ b).
std::optional<std::string> literalOf(const std::string& raw) {
    std::string out;
    for (size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '$' || c == '`')
            return std::nullopt;
        if (c == '\\' && i + 1 < raw.size()) {
            out += raw[++i];
        } else if (c == '\'') {
            size_t end = raw.find('\'', i + 1);
            if (end == std::string::npos)
                return std::nullopt;
            out += raw.substr(i + 1, end - i - 1);
            i = end;
        } else if (c == '"') {
            size_t end = raw.find('"', i + 1);
            if (end == std::string::npos)
                return std::nullopt;
            out += raw.substr(i + 1, end - i - 1);
            i = end;
        } else {
            out += c;
        }
    }
    return out;
}

bool mentionsExit(const Node& n) {
    for (const std::string& w : n.words)
        if (w.find("exit") != std::string::npos)
            return true;
    for (const auto& c : n.children)
        if (mentionsExit(*c))
            return true;
    return false;
}

bool isWordCommand(const Node& n, std::initializer_list<const char*> names) {
    if (n.kind == Node::Kind::List && n.children.size() == 1)
        return isWordCommand(*n.children[0], names);
    if (n.kind != Node::Kind::Simple || n.words.size() != 1)
        return false;
    for (const char* name : names)
        if (n.words[0] == name)
            return true;
    return false;
}

bool endless(const Node& n) {
    switch (n.kind) {
    case Node::Kind::While:
        return isWordCommand(*n.children[0], {"true", ":"});
    case Node::Kind::Until:
        return isWordCommand(*n.children[0], {"false"});
    case Node::Kind::Simple: {
        std::vector<std::string> argv;
        for (const std::string& w : n.words) {
            auto lit = literalOf(w);
            if (!lit)
                return false;
            argv.push_back(*lit);
        }
        if (argv.empty())
            return false;
        std::string cmd = argv[0].substr(argv[0].rfind('/') == std::string::npos ? 0 : argv[0].rfind('/') + 1);
        if (cmd == "sleep" && argv.size() == 2 && (argv[1] == "infinity" || argv[1] == "inf"))
            return true;
        if (cmd == "tail")
            for (const std::string& a : argv)
                if (a == "-f" || a == "-F")
                    return true;
        if ((cmd == "sh" || cmd == "bash" || cmd == "ash") && argv.size() >= 3 && argv[1] == "-c") {
            auto nested = parse(argv[2], nullptr);
            return nested && Interpreter::neverExits(*nested);
        }
        return false;
    }
    case Node::Kind::List:
    case Node::Kind::Group:
    case Node::Kind::Subshell:
        for (const auto& c : n.children)
            if (endless(*c))
                return true;
        return false;
    case Node::Kind::AndOr:
        return !n.children.empty() && endless(*n.children[0]);
    default:
        return false;
    }
}

}  // namespace

bool Interpreter::neverExits(const Program& program) {
    if (!program.root)
        return false;
    // Nested `sh -c '... exit ...'` words contain "exit" too, so mentionsExit stays conservative.
    return !mentionsExit(*program.root) && endless(*program.root);
}

bool Interpreter::isCommand(const std::string& path) {
    std::string name = path;
    for (const char* dir : {"/bin/", "/usr/bin/", "/usr/local/bin/", "/sbin/", "/usr/sbin/"})
        if (name.rfind(dir, 0) == 0)
            name = name.substr(std::string(dir).size());
    if (name.find('/') != std::string::npos)
        return false;
    for (const char* c : {":", "true", "false", "wait", "cd", "set", "kill", "echo", "printf", "sleep", "exit", "date",
                          "cat", "env", "printenv", "touch", "rm", "mkdir", "hostname", "test", "[", "seq", "tail",
                          "head", "wc", "grep", "tee", "trap", "read", "pwd", "whoami", "id", "uname", "export",
                          "unset", "sh", "ash", "bash", "dash"})
        if (name == c)
            return true;
    return false;
}

}  // namespace kp::runtime::sh
