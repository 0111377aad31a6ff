// What a command gives back: exit code, stdout and stderr kept apart, as a terminal shows them.
#pragma once
#include <algorithm>
#include <string>
#include <vector>

#include "cli/foreground.h"

namespace kp::cli {

// `kubectl exec -it POD -- sh`: the terminal stays attached to a container's shell.
struct AttachRequest {
    bool ok = false;
    std::string ns, pod, container, hostname;
    std::string shell;     // "sh", "bash", ...
    bool hasBash = false;  // bash prompts `root@host:/# `, busybox sh `/ # `
    // An interactive program other than a shell (`redis-cli`): each line is its input, run with
    // `program`; `prompt` is what it prints before reading a line ("127.0.0.1:6379> ").
    std::vector<std::string> program;
    std::string prompt;
    // redis-cli that could not reach its server shows "not connected> " until a command does.
    bool disconnected = false;
};

struct CommandResult {
    CommandResult() = default;
    CommandResult(int exitCode, std::string out, std::string err = "")
        : exitCode(exitCode), out(std::move(out)), err(std::move(err)) {}

    int exitCode = 0;
    std::string out;
    std::string err;
    // How much of `err` was written before the first byte of `out` (kubectl's "Defaulted
    // container" notice, an error before a later command's output), so that a terminal shows
    // both streams in the order written.
    size_t errBeforeOut = 0;
    AttachRequest attach;  // set when the command attaches the terminal (ok == true)
    ForegroundPtr foreground;  // set when the command keeps running (kubectl get -w, minikube tunnel)

    static CommandResult failure(std::string err, int code = 1) { return {code, "", std::move(err)}; }

    // The part of `err` written before any output (all of it when nothing went to `out`).
    size_t errLead() const { return out.empty() ? err.size() : std::min(errBeforeOut, err.size()); }
    // What a terminal shows: both streams in the order they were written.
    std::string terminalText() const {
        const size_t lead = errLead();
        return err.substr(0, lead) + out + err.substr(lead);
    }
    // `more` ran after this (the shell's `a; b`, a pipeline): its output follows, and while this
    // wrote no output yet, all of its errors (and `more`'s leading ones) come before the output.
    CommandResult& appendStreams(const CommandResult& more) {
        if (out.empty())
            errBeforeOut = err.size() + more.errLead();
        out += more.out;
        err += more.err;
        return *this;
    }
    // Within one command: `more`'s streams join this one's (a program that prints its errors
    // after its buffered output; set errBeforeOut where a notice comes first), and its exit
    // code, attachment and foreground process when set.
    CommandResult& append(const CommandResult& more) {
        out += more.out;
        err += more.err;
        if (more.exitCode != 0)
            exitCode = more.exitCode;
        if (more.attach.ok)
            attach = more.attach;
        if (more.foreground)
            foreground = more.foreground;
        return *this;
    }
};

}  // namespace kp::cli
