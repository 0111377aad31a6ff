// How minikube talks to the terminal (pkg/minikube/out and pkg/minikube/exit): every message is
// a style (an emoji prefix) plus text; steps and infos go to stdout, warnings and errors to
// stderr, and a fatal error ends the command with a reason ID and an exit code.
//
// Output keeps stdout and stderr apart (for pipes and $(...)) and also records them interleaved
// in the order they were written, which is what a terminal shows.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kp::cli::minikube {

// The styles minikube's commands use (pkg/minikube/style/style.go), by upstream name.
enum class Style {
    Empty, Happy, Sparkle, Notice, ThumbsUp, ThumbsDown, Pulling, StartingVM, DeletingHost, Docker, Containerd, CRIO,
    SubStep, Option, Command, Issue, Indent, CNI, HealthCheck, AddonEnable, AddonDisable, Ready, Running, Restarting,
    Success, Check, Stopping, Shutdown, Stopped, Deleted, Pause, Unpause, Shrug, Workaround, URL, Warning, Failure,
    Fatal, Meh, Tip, Sad, Celebrate, Enabling, Verifying, Launch, Conflict, Documentation, Issues, Kubectl, Internet,
    Caching, New, Waiting, Embarrassed, KnownIssue, DryRun, Usage, SeeNoEvil,
};

// The prefix a style prints in a colour terminal ("😄  ", "    ▪ ", "").
// SIMPLIFICATION: the learner's terminal always counts as a colour TTY, so the 7-bit fallbacks
// minikube prints when piped ("* ", "  - ") are never used.
const char* prefixOf(Style style);

// A fatal outcome (pkg/minikube/reason Kind): "Exiting due to <id>: ...".
struct Kind {
    std::string id;
    int exitCode = 10;               // ExProgramError when a kind sets none
    Style style = Style::Failure;    // "❌" unless the kind picks its own
    std::string advice;              // "💡  Suggestion: ..."
    std::string url;                 // "📘  Documentation: ..."
    std::vector<std::string> issues; // "🍿  Related issue(s): ..."
    bool newIssueLink = false;       // exit.Error: the "please let us know" box
};

class Output {
public:
    // `argv` (after "minikube") names the log file the issue box points at.
    explicit Output(std::vector<std::string> argv = {}, std::string user = "root")
        : argv_(std::move(argv)), user_(std::move(user)) {}

    // Raw text.
    void stdoutText(std::string_view text);
    void stderrText(std::string_view text);

    // out.Step / out.Styled: prefix + text + newline on stdout. Multi-line text keeps its lines.
    void step(Style style, const std::string& text);
    // out.Infof: "    ▪ text".
    void info(const std::string& text) { step(Style::Option, text); }
    // out.Ln: text + newline on stdout.
    void ln(const std::string& text = "");
    // out.ErrT: prefix + text + newline on stderr.
    void errStep(Style style, const std::string& text);
    // out.WarningT: "❗  text" on stderr.
    void warning(const std::string& text) { errStep(Style::Warning, text); }
    // out.Boxed / out.BoxedErr: the message in a rounded box.
    void boxed(const std::string& text);
    void boxedErr(const std::string& text);

    // exit.Message: prints the reason block and returns the exit code the command ends with.
    int exitMessage(const Kind& kind, const std::string& message);
    // exit.Error: exit.Message("<message>: <error>") plus the GitHub issue box.
    int exitError(Kind kind, const std::string& message, const std::string& error);
    // exit.Code: in shell mode (docker-env inside $(...)) also prints "false exit code N" so that
    // an `eval` of the output fails.
    int exitCode(int code);

    // docker-env when stdout is not a terminal: styled messages are dropped, exits print
    // "false exit code N".
    void setSilent(bool silent) { silent_ = silent; }
    void setShell(bool shell) { shell_ = shell; }

    const std::string& out() const { return out_; }
    const std::string& err() const { return err_; }
    const std::string& terminal() const { return terminal_; }

private:
    void displayGitHubIssueMessage();

    std::vector<std::string> argv_;
    std::string user_;
    bool silent_ = false;
    bool shell_ = false;
    std::string out_, err_, terminal_;
};

// "\n    line1\n    line2" for multi-line advice (out.indentMultiLine); single lines unchanged.
std::string indentMultiLine(const std::string& text);

}  // namespace kp::cli::minikube
