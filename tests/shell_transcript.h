// Golden transcripts: runs a script line by line through the Shell and returns what a terminal
// shows: the prompt and the line, both streams in the order written and "[exit N]" when a command fails.
// With `continueLines`, a line that leaves a command open (a loop without `done`, a here-document)
// takes the next lines as the terminal does, each shown after a "> " prompt.
#pragma once
#include <sstream>
#include <string>

#include "cli/shell.h"

namespace kp::test {

inline std::string transcript(cli::Shell& shell, const std::string& script, bool continueLines = false) {
    std::istringstream in(script);
    std::string line, out;
    while (std::getline(in, line)) {
        out += shell.prompt() + line + "\n";  // "$ ", or the attached session's prompt
        if (continueLines && !shell.attached()) {
            std::string more;
            while (!cli::Shell::isComplete(line + "\n") && std::getline(in, more)) {
                out += "> " + more + "\n";
                line += "\n" + more;
            }
        }
        cli::CommandResult r = shell.run(line);
        out += r.terminalText();
        if (r.exitCode != 0)
            out += "[exit " + std::to_string(r.exitCode) + "]\n";
    }
    return out;
}

}  // namespace kp::test
