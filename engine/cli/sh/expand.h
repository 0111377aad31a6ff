// Word expansion as sh does it, in order: parameters ($NAME, ${NAME}, $?, $$), command
// substitution ($(...) and `...`, trailing newlines removed), field splitting of unquoted
// results on blanks, and quote removal. Single quotes keep everything; double quotes expand
// $ and ` but do not split.
// $((expression)) expands its text as in double quotes, then evaluates it (cli/sh/arith.h).
// SIMPLIFICATION: no pathname globbing (a `*` stays literal), no
// ${NAME...} forms beyond :-, -, #, ##, %, %% (patterns with * and ? only) and ${#NAME}.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace kp::cli::sh {

struct Expander {
    std::function<std::string(const std::string& name)> variable;     // "" when unset
    std::function<std::string(const std::string& script)> substitute;  // runs a command, returns stdout
    // $((...)): evaluates the expanded expression, returns its value ("" after an error, which
    // the shell reports).
    std::function<std::string(const std::string& expression)> arithmetic;

    // A command word: may become zero, one or several fields.
    std::vector<std::string> fields(const std::string& raw) const;
    // Assignment values and redirection targets: one string, no splitting.
    std::string single(const std::string& raw) const;
    // A here-document body with an unquoted delimiter: $ and ` expand, quotes stay.
    std::string heredoc(const std::string& body) const;

private:
    std::vector<std::string> unbracedFields(const std::string& raw) const;
};

}  // namespace kp::cli::sh
