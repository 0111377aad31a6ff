// Golden transcripts: runs a script line by line through the Shell and returns what a terminal
// shows: the prompt and the line, both streams in the order written and "[exit N]" when a command fails.
#pragma once
#include <sstream>
#include <string>

#include "cli/shell.h"

namespace kp::test {

inline std::string transcript(cli::Shell& shell, const std::string& script) {
    std::istringstream in(script);
    std::string line, out;
    while (std::getline(in, line)) {
        out += shell.prompt() + line + "\n";  // "$ ", or the attached session's prompt
        cli::CommandResult r = shell.run(line);
        out += r.terminalText();
        if (r.exitCode != 0)
            out += "[exit " + std::to_string(r.exitCode) + "]\n";
    }
    return out;
}

}  // namespace kp::test
