#include "lesson/tracker.h"

#include "cluster/cluster.h"

namespace kp::lesson {

void Tracker::start(const Lesson* lesson) {
    lesson_ = lesson;
    completed_.clear();
    goTo(0);
}

void Tracker::goTo(size_t index) {
    step_ = lesson_ ? std::min(index, lesson_->steps.size()) : 0;
    beginStep();
}

void Tracker::beginStep() {
    transcript_.clear();
    sinceSeq_ = cluster_.eventLog().lastSeq();
    last_ = {};
}

void Tracker::record(const std::string& command, const std::string& output) {
    transcript_.push_back({command, output});
}

int Tracker::poll() {
    int done = 0;
    while (lesson_ && !finished()) {
        const Step& step = lesson_->steps[step_];
        last_ = evaluate(step.goal, GoalContext{cluster_, transcript_, sinceSeq_, &files_});
        if (!last_.holds)
            break;
        completed_.push_back(step.id);
        ++step_;
        ++done;
        beginStep();
    }
    return done;
}

Json Tracker::state() const {
    Json s = {{"lesson", lesson_ ? lesson_->id : ""},
              {"step", step_},
              {"finished", finished()},
              {"goal", {{"holds", last_.holds}, {"description", last_.description}, {"descriptionZh", last_.descriptionZh}}},
              {"completed", completed_}};
    return s;
}

}  // namespace kp::lesson
