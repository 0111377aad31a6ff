// A lesson: the data in one tutorials/*.yaml file (format: tutorials/README.md). Steps carry
// their text in Chinese and English, the commands to try, a goal checked against the cluster or
// the terminal, graded hints and a reference solution.
#pragma once
#include <string>
#include <vector>

#include "lesson/goal.h"

namespace kp::lesson {

// Text in the two languages of the project; Markdown.
struct Localized {
    std::string zh;
    std::string en;
    const std::string& in(const std::string& language) const { return language == "en" ? en : zh; }
};

struct Step {
    std::string id;
    Localized title;
    Localized text;
    std::vector<std::string> tryCommands;  // shown as click-to-paste commands
    Goal goal;
    std::vector<Localized> hints;          // from a gentle nudge to nearly the answer
    std::vector<std::string> solution;     // command lines that reach the goal from the step before
    int timeoutSeconds = 120;              // virtual seconds the solution may take to reach the goal
};

struct Lesson {
    std::string id;         // "quick-start"
    int order = 0;          // position in the lesson list
    Localized title;
    Localized summary;
    uint64_t seed = 1;
    std::vector<std::string> setup;  // command lines run before the first step
    bool sandbox = false;            // free play: no steps to complete
    std::vector<Step> steps;
    std::string file;                // tutorials/<file> it was read from
};

}  // namespace kp::lesson
