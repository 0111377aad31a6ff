// Tab completion for the page's terminal. The engine answers (cli/completion.h): the same
// function answers `kubectl __complete`, so the terminal's Tab and a real shell's completion
// script never disagree. Completing reads; it runs nothing, so it is not in the journal.
#pragma once

#include <string>

#include "cli/completion.h"
#include "cli/laptop.h"

namespace kp::web {

using Completion = cli::LineCompletion;  // {word, candidates}

// `line` is what the learner typed up to the cursor.
Completion complete(cli::Laptop& laptop, const std::string& line);

}  // namespace kp::web
