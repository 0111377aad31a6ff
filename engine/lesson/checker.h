// Runs a lesson's reference solution headlessly on a fresh cluster and reports each step: its
// goal must be false before the step's solution (no step passes by accident) and must hold
// within the step's timeout of virtual time after it. What `kubeplay lesson check` and the
// lesson tests run.
#pragma once
#include <string>
#include <vector>

#include "lesson/lesson.h"

namespace kp::lesson {

struct StepReport {
    std::string id;
    bool falseBefore = false;  // the goal did not hold before the solution ran
    bool reached = false;      // the goal held after the solution
    int seconds = 0;           // virtual seconds waited after the solution until it held
    std::string description;   // the goal, as last checked
    std::string transcript;    // "$ command\noutput" of the solution
    bool ok() const { return falseBefore && reached; }
};

struct LessonReport {
    std::string id;
    std::vector<StepReport> steps;
    std::string setupTranscript;
    bool ok() const;
    // One line per step: "ok   1/7 start: the minikube machine is Running (after 0 s)".
    std::string summary() const;
};

LessonReport checkLesson(const Lesson& lesson);

}  // namespace kp::lesson
