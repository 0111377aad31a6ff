#include "cli/shell.h"

#include "cli/args.h"
#include "cli/kubectl/kubectl.h"

namespace kp::cli {

CommandResult Shell::run(const std::string& line, const std::string& stdinText) {
    auto words = splitWords(line);
    if (!words)
        return CommandResult::failure("bash: unexpected EOF while looking for matching quote\n", 2);
    if (words->empty() || (*words)[0][0] == '#')
        return {};
    const std::string& cmd = (*words)[0];
    std::vector<std::string> args(words->begin() + 1, words->end());
    if (cmd == "kubectl") {
        KubectlContext ctx{cluster_, fs_, stdinText};
        return runKubectl(ctx, args);
    }
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
    return CommandResult::failure("bash: " + cmd + ": command not found\n", 127);
}

}  // namespace kp::cli
