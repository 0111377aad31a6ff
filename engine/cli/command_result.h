// What a command gives back: exit code, stdout and stderr kept apart, as a terminal shows them.
#pragma once
#include <string>

#include "cli/foreground.h"

namespace kp::cli {

// `kubectl exec -it POD -- sh`: the terminal stays attached to a container's shell.
struct AttachRequest {
    bool ok = false;
    std::string ns, pod, container, hostname;
    std::string shell;     // "sh", "bash", ...
    bool hasBash = false;  // bash prompts `root@host:/# `, busybox sh `/ # `
};

struct CommandResult {
    CommandResult() = default;
    CommandResult(int exitCode, std::string out, std::string err = "")
        : exitCode(exitCode), out(std::move(out)), err(std::move(err)) {}

    int exitCode = 0;
    std::string out;
    std::string err;
    AttachRequest attach;  // set when the command attaches the terminal (ok == true)
    ForegroundPtr foreground;  // set when the command keeps running (kubectl get -w, minikube tunnel)

    static CommandResult failure(std::string err, int code = 1) { return {code, "", std::move(err)}; }
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
