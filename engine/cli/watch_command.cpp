#include "cli/watch_command.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "cli/foreground.h"
#include "runtime/clock_text.h"

namespace kp::cli {
namespace {

// procps-ng 4.0.2's watch(1) usage, printed for a missing command or an unknown option.
constexpr const char* kUsage =
    "\nUsage:\n watch [options] command\n\nOptions:\n"
    "  -b, --beep             beep if command has a non-zero exit\n"
    "  -c, --color            interpret ANSI color and style sequences\n"
    "  -d, --differences[=<permanent>]\n"
    "                         highlight changes between updates\n"
    "  -e, --errexit          exit if command has a non-zero exit\n"
    "  -g, --chgexit          exit when output from command changes\n"
    "  -q, --equexit <cycles>\n"
    "                         exit when output from command does not change\n"
    "  -n, --interval <secs>  seconds to wait between updates\n"
    "  -p, --precise          attempt run command in precise intervals\n"
    "  -t, --no-title         turn off header\n"
    "  -w, --no-wrap          turn off line wrapping\n"
    "  -x, --exec             pass command to exec instead of \"sh -c\"\n\n"
    " -h, --help     display this help and exit\n"
    " -v, --version  output version information and exit\n\n"
    "For more details see watch(1).\n";

// SIMPLIFICATION: the terminal is 80 columns wide for the header's right-aligned part, and the
// learner's machine is called "kubeplay" there.
constexpr int kColumns = 80;
constexpr const char* kHostname = "kubeplay";

class WatchProcess : public ForegroundProcess {
public:
    WatchProcess(std::function<Time()> now, std::function<CommandResult(const std::string&)> runLine, std::string line,
                 Duration interval, bool title)
        : now_(std::move(now)), runLine_(std::move(runLine)), line_(std::move(line)), interval_(interval),
          title_(title), next_(now_()) {}

    std::string takeOutput() override {
        // watch sleeps its interval after each run (no --precise): one screen, however late.
        if (now_() < next_)
            return "";
        std::string out = screen();
        next_ = now_() + interval_;
        return out;
    }
    bool finished() const override { return false; }
    // Ctrl+C leaves the alternate screen: the terminal shows what it showed before watch.
    std::string interrupt() override { return "\x1b[?1049l"; }

private:
    // One refresh: the screen cleared, the header, then the command's output from line 3.
    std::string screen() {
        std::string out = first_ ? "\x1b[?1049h" : "";
        first_ = false;
        out += "\x1b[H\x1b[2J";
        if (title_) {
            char every[32];
            std::snprintf(every, sizeof every, "Every %.1fs: ", double(interval_.ms) / 1000);
            const std::string left = every + line_;
            const std::string right = std::string(kHostname) + ": " + runtime::formatTime(now_(), "%a %b %e %H:%M:%S %Y");
            out += left;
            if (left.size() + 1 + right.size() <= size_t(kColumns))
                out += std::string(kColumns - left.size() - right.size(), ' ') + right;
            out += "\n\n";
        }
        const CommandResult r = runLine_(line_);
        out += r.out + r.err;  // sh -c's stderr shows on the screen too
        return out;
    }

    std::function<Time()> now_;
    std::function<CommandResult(const std::string&)> runLine_;
    std::string line_;
    Duration interval_;
    bool title_;
    Time next_;
    bool first_ = true;
};

}  // namespace

CommandResult runWatch(const std::vector<std::string>& args, std::function<Time()> now,
                       std::function<CommandResult(const std::string& line)> runLine) {
    double seconds = 2;
    bool title = true;
    size_t i = 0;
    for (; i < args.size() && args[i].size() > 1 && args[i][0] == '-'; ++i) {
        const std::string& a = args[i];
        if (a == "--") {
            ++i;
            break;
        }
        if (a == "-h" || a == "--help")
            return {0, kUsage, ""};
        if (a == "-v" || a == "--version")
            return {0, "watch from procps-ng 4.0.2\n", ""};
        if (a == "-t" || a == "--no-title") {
            title = false;
            continue;
        }
        std::string value;
        if (a == "-n" || a == "--interval") {
            if (i + 1 >= args.size())
                return CommandResult::failure("watch: option requires an argument -- 'n'\n" + std::string(kUsage));
            value = args[++i];
        } else if (a.rfind("-n", 0) == 0) {
            value = a.substr(2);
        } else if (a.rfind("--interval=", 0) == 0) {
            value = a.substr(11);
        } else if (a == "-b" || a == "-c" || a == "-d" || a == "-e" || a == "-g" || a == "-p" || a == "-w" ||
                   a == "-x" || a.rfind("--", 0) == 0) {
            // SIMPLIFICATION: beep, colour, differences, exit conditions, precise timing, no-wrap
            // and exec are accepted and left out.
            continue;
        } else {
            return CommandResult::failure("watch: invalid option -- '" + a.substr(1, 1) + "'\n" + kUsage);
        }
        char* end = nullptr;
        seconds = std::strtod(value.c_str(), &end);
        if (value.empty() || *end != '\0')
            return CommandResult::failure("watch: failed to parse argument: '" + value + "': Invalid argument\n");
        if (seconds < 0.1)
            seconds = 0.1;  // watch's shortest interval
    }
    if (i >= args.size())
        return CommandResult::failure(kUsage);
    std::string line;
    for (; i < args.size(); ++i)
        line += (line.empty() ? "" : " ") + args[i];
    CommandResult r;
    r.foreground = std::make_shared<WatchProcess>(std::move(now), std::move(runLine), line,
                                                  Duration::millis(static_cast<int64_t>(seconds * 1000 + 0.5)), title);
    r.out = r.foreground->takeOutput();
    return r;
}

}  // namespace kp::cli
