// A learner working through one lesson: the current step, what they typed since it began, and
// whether its goal holds. The goal is re-checked after every command and as virtual time passes;
// when it holds, the step is done and the next one begins.
#pragma once
#include <string>
#include <vector>

#include "lesson/lesson.h"

namespace kp::lesson {

class Tracker {
public:
    Tracker(Cluster& cluster, const cli::FileSystem& files) : cluster_(cluster), files_(files) {}

    // Begins `lesson` at its first step (nullptr: no lesson, free play).
    void start(const Lesson* lesson);
    // Moves to step `index` (skip, back); the transcript starts afresh.
    void goTo(size_t index);
    const Lesson* lesson() const { return lesson_; }
    size_t stepIndex() const { return step_; }
    bool finished() const { return lesson_ && step_ >= lesson_->steps.size(); }

    // A command the learner ran and what it printed.
    void record(const std::string& command, const std::string& output);
    // Checks the current step's goal; moves on while goals hold. Returns how many steps were
    // completed by this call.
    int poll();
    // The current step's goal as last checked.
    const GoalResult& lastCheck() const { return last_; }

    // {"lesson": id, "step": n, "finished": bool, "goal": {"holds", "description"}, "completed": [ids]}
    Json state() const;

private:
    void beginStep();

    Cluster& cluster_;
    const cli::FileSystem& files_;
    const Lesson* lesson_ = nullptr;
    size_t step_ = 0;
    std::vector<CommandRecord> transcript_;
    uint64_t sinceSeq_ = 0;
    GoalResult last_;
    std::vector<std::string> completed_;
};

}  // namespace kp::lesson
