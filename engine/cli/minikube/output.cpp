#include "cli/minikube/output.h"

#include "cli/minikube/box.h"
#include "cli/minikube/sha1.h"

namespace kp::cli::minikube {

const char* prefixOf(Style style) {
    switch (style) {
    case Style::Empty: return "";
    case Style::Happy: return "😄  ";
    case Style::Sparkle: return "✨  ";
    case Style::Notice: return "📌  ";
    case Style::ThumbsUp: return "👍  ";
    case Style::ThumbsDown: return "👎  ";
    case Style::Pulling: return "🚜  ";
    case Style::StartingVM: return "🔥  ";
    case Style::DeletingHost: return "🔥  ";
    case Style::Docker: return "🐳  ";
    case Style::Containerd: return "📦  ";
    case Style::CRIO: return "🎁  ";
    case Style::SubStep:
    case Style::Option:
    case Style::Command:
    case Style::Issue: return "    ▪ ";
    case Style::Indent: return "    ";
    case Style::CNI: return "🔗  ";
    case Style::HealthCheck: return "🔎  ";
    case Style::AddonEnable: return "🌟  ";
    case Style::AddonDisable: return "🌑  ";
    case Style::Ready: return "🏄  ";
    case Style::Running: return "🏃  ";
    case Style::Restarting: return "🔄  ";
    case Style::Success:
    case Style::Check: return "✅  ";
    case Style::Stopping: return "✋  ";
    case Style::Shutdown:
    case Style::Stopped: return "🛑  ";
    case Style::Deleted: return "💀  ";
    case Style::Pause: return "⏸️  ";
    case Style::Unpause: return "⏯️  ";
    case Style::Shrug: return "🤷  ";
    case Style::Workaround:
    case Style::URL: return "👉  ";
    case Style::Warning: return "❗  ";
    case Style::Failure: return "❌  ";
    case Style::Fatal: return "💣  ";
    case Style::Meh: return "🙄  ";
    case Style::Tip:
    case Style::Usage: return "💡  ";
    case Style::Sad: return "😿  ";
    case Style::Celebrate: return "🎉  ";
    case Style::Enabling: return "🔌  ";
    case Style::Verifying: return "🤔  ";
    case Style::Launch: return "🚀  ";
    case Style::Conflict: return "💢  ";
    case Style::Documentation: return "📘  ";
    case Style::Issues: return "🍿  ";
    case Style::Kubectl: return "💗  ";
    case Style::Internet: return "🌐  ";
    case Style::Caching: return "🤹  ";
    case Style::New: return "🆕  ";
    case Style::Waiting: return "⌛  ";
    case Style::Embarrassed: return "🤦  ";
    case Style::KnownIssue: return "🧯  ";
    case Style::DryRun: return "🌵  ";
    case Style::SeeNoEvil: return "🙈  ";
    }
    return "";
}

void Output::stdoutText(std::string_view text) {
    out_ += text;
    terminal_ += text;
}

void Output::stderrText(std::string_view text) {
    err_ += text;
    terminal_ += text;
}

void Output::step(Style style, const std::string& text) {
    if (silent_)
        return;
    stdoutText(std::string(prefixOf(style)) + text + "\n");
}

void Output::ln(const std::string& text) {
    if (silent_)
        return;
    stdoutText(text + "\n");
}

void Output::errStep(Style style, const std::string& text) {
    stderrText(std::string(prefixOf(style)) + text + "\n");
}

void Output::boxed(const std::string& text) {
    if (silent_)
        return;
    stdoutText(roundBox(text));
}

void Output::boxedErr(const std::string& text) { stderrText(roundBox(text)); }

std::string indentMultiLine(const std::string& text) {
    if (text.find('\n') == std::string::npos)
        return text;
    // Each line is trimmed and indented by four spaces, after an empty first line.
    std::string result = "\n";
    size_t start = 0;
    while (true) {
        size_t end = text.find('\n', start);
        std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        size_t b = line.find_first_not_of(" \t");
        size_t e = line.find_last_not_of(" \t");
        line = b == std::string::npos ? "" : line.substr(b, e - b + 1);
        result += "\n    " + line;
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return result;
}

// Upstream: pkg/minikube/out/out_reason.go#displayText and pkg/minikube/exit/exit.go#Message.
int Output::exitMessage(const Kind& kind, const std::string& message) {
    ln();
    errStep(kind.style, "Exiting due to " + kind.id + ": " + message);
    if (!kind.advice.empty())
        errStep(Style::Tip, "Suggestion: " + indentMultiLine(kind.advice));
    if (!kind.url.empty())
        errStep(Style::Documentation, "Documentation: " + kind.url);
    if (kind.issues.size() == 1)
        errStep(Style::Issues, "Related issue: " + kind.issues[0]);
    if (kind.issues.size() > 1) {
        errStep(Style::Issues, "Related issues:");
        for (const std::string& issue : kind.issues)
            errStep(Style::Issue, issue);
    }
    if (kind.newIssueLink) {
        errStep(Style::Empty, "");
        displayGitHubIssueMessage();
    }
    ln();
    return exitCode(kind.exitCode);
}

int Output::exitError(Kind kind, const std::string& message, const std::string& error) {
    // SIMPLIFICATION: minikube first matches the error against its known-issue table; none of
    // the errors this simulation raises match one, so every exit.Error shows the issue box.
    kind.newIssueLink = true;
    return exitMessage(kind, message + ": " + error);
}

int Output::exitCode(int code) {
    if (shell_)
        stdoutText("false exit code " + std::to_string(code) + "\n");
    return code;
}

// The box asks for a log file: minikube names it after the command and a SHA-1 of the user name
// and the positional arguments (cmd/minikube/main.go#logFileName).
void Output::displayGitHubIssueMessage() {
    std::string command;
    std::string hashed = user_;
    for (const std::string& a : argv_) {
        if (a.empty() || a[0] == '-')
            continue;
        if (command.empty())
            command = a;
        hashed += a;
    }
    std::string msg = std::string(prefixOf(Style::Sad)) + "If the above advice does not help, please let us know:\n";
    msg += std::string(prefixOf(Style::URL)) + "https://github.com/kubernetes/minikube/issues/new/choose\n\n";
    msg += "Please run `minikube logs --file=logs.txt` and attach logs.txt to the GitHub issue.\n";
    if (command != "start") {
        msg += "Please also attach the following file to the GitHub issue:\n";
        msg += "- /tmp/minikube_" + command + "_" + sha1Hex(hashed) + "_0.log\n";
    }
    boxedErr(msg);
}

}  // namespace kp::cli::minikube
