// The shell's grammar, the part of POSIX sh that tutorials use:
//   list      := and_or ((';' | '&' | newline) and_or)*
//   and_or    := pipeline (('&&' | '||') pipeline)*
//   pipeline  := ['!'] command ('|' command)*
//   command   := (NAME=value)* word* redirection* | compound redirection*
//   compound  := 'for' NAME ['in' word*] (';'|newline) 'do' list 'done'
//              | 'for' '((' expr ';' expr ';' expr '))' [';'|newline] 'do' list 'done'
//              | ('while'|'until') list 'do' list 'done'
//              | 'if' list 'then' list ('elif' list 'then' list)* ['else' list] 'fi'
//   redirection := [n]'>' word | [n]'>>' word | '<' word | n'>&'m | '<<'['-'] DELIM (here-document)
//                | '<<<' word (here-string)
// Words keep their raw text (quotes, $VAR, $(...), `...`) for expansion at run time, as sh does.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kp::cli::sh {

struct Redirection {
    int fd = 1;                 // 0 stdin, 1 stdout, 2 stderr
    std::string op;             // ">", ">>", "<", ">&", "<<", "<<<"
    std::string target;         // raw word; for ">&" the fd number; for "<<" the body
    bool expandBody = true;     // here-document with an unquoted delimiter
};

struct Script;

// A loop or an `if`; reserved words are recognised only where a command starts, as in sh.
struct CompoundCommand {
    enum class Kind { For, While, Until, If, ArithFor };
    Kind kind = Kind::For;
    std::string variable;                    // for: the loop variable
    bool hasIn = false;                      // for: `in` given (without it, "$@": no words here)
    std::vector<std::string> words;          // for: raw words after `in`; for ((...)): the three expressions
    // while/until: {condition, body}; if: one {condition, body} per if/elif clause.
    std::vector<std::pair<std::shared_ptr<Script>, std::shared_ptr<Script>>> clauses;
    std::shared_ptr<Script> body;            // for: the body; if: the else part (may be null)
};

struct SimpleCommand {
    std::vector<std::string> assignments;   // raw "NAME=value" words before the command name
    std::vector<std::string> words;         // raw words
    std::vector<Redirection> redirections;  // for a compound: applied to the whole loop / if
    std::shared_ptr<CompoundCommand> compound;  // set: a compound command, words empty
};

struct Pipeline {
    bool negate = false;
    std::vector<SimpleCommand> commands;
};

struct AndOr {
    std::vector<Pipeline> pipelines;
    std::vector<std::string> operators;     // "&&" or "||" between pipelines
    bool background = false;                // ended by `&`
};

struct Script {
    std::vector<AndOr> lists;
};

struct ParseResult {
    Script script;
    std::string error;                      // bash's wording, "" when fine
    bool incomplete = false;                // an open quote, $( or here-document: more lines needed
};

ParseResult parse(std::string_view text);

// Whether `text` is a complete command (the terminal shows a "> " continuation prompt if not).
bool isComplete(std::string_view text);

// Scans one raw word starting at text[i] (quotes and $( ) kept); returns its end, or npos if a
// quote or substitution is not closed.
size_t scanWord(std::string_view text, size_t i);

}  // namespace kp::cli::sh
