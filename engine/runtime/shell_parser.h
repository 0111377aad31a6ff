// The `sh -c` scripts of the Kubernetes documentation, parsed into a small syntax tree.
// Covers what those scripts use: sequences (; newline &&  ||), pipelines, `while`/`until`/`for`/
// `if`, `{ }` and `( )` groups, assignments, redirections (> >> 2>&1 >&2 < ), comments, and
// words with quotes, $VAR, ${VAR}, $(cmd), `cmd` and $((arith)) (expanded when they run).
//
// SIMPLIFICATION: no functions, case, here-documents or globbing; `&` runs the command in the
// foreground (there is no job control in a simulated container).
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kp::runtime::sh {

struct Redirect {
    int fd = 1;               // the descriptor redirected
    enum class Kind { Write, Append, Read, Dup } kind = Kind::Write;
    std::string target;       // raw word (file name) for Write/Append/Read
    int dupTo = 1;            // for Dup: 2>&1 -> fd 2 dupTo 1
};

struct Node {
    enum class Kind { Simple, List, AndOr, Pipeline, While, Until, For, If, Group, Subshell };
    Kind kind = Kind::Simple;

    // Simple: NAME=value assignments, words (raw, quotes kept), redirections.
    std::vector<std::pair<std::string, std::string>> assigns;
    std::vector<std::string> words;
    std::vector<Redirect> redirects;

    // List / Group / Subshell: children in order. AndOr: children joined by ops ("&&", "||").
    // Pipeline: children joined by "|"; `negate` for a leading "!".
    // While/Until: children[0] condition, children[1] body.
    // For: var, items (raw words; `hasIn` false means "$@"), children[0] body.
    // If: children = cond0, body0, cond1, body1, ..., [else-body when odd count].
    std::vector<std::unique_ptr<Node>> children;
    std::vector<std::string> ops;
    bool negate = false;
    std::string var;
    std::vector<std::string> items;
    bool hasIn = false;
};

struct Program {
    std::unique_ptr<Node> root;  // a List
    std::string source;
};

// Parses a script. On a syntax error returns nullptr and sets *error to the shell's message,
// e.g. "sh: syntax error: unexpected end of file (expecting \"done\")".
std::shared_ptr<const Program> parse(std::string_view script, std::string* error);

// Builds a one-command program from an argv (a container command without a shell: each
// element is one word, no expansion).
std::shared_ptr<const Program> fromArgv(const std::vector<std::string>& argv);

// Quotes a literal so that the parser reads it back as one word with the same text.
std::string quoteWord(std::string_view literal);

}  // namespace kp::runtime::sh
