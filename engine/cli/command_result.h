// What a command gives back: exit code, stdout and stderr kept apart, as a terminal shows them.
#pragma once
#include <string>

namespace kp::cli {

struct CommandResult {
    int exitCode = 0;
    std::string out;
    std::string err;

    static CommandResult failure(std::string err, int code = 1) { return {code, "", std::move(err)}; }
    CommandResult& append(const CommandResult& more) {
        out += more.out;
        err += more.err;
        if (more.exitCode != 0)
            exitCode = more.exitCode;
        return *this;
    }
};

}  // namespace kp::cli
