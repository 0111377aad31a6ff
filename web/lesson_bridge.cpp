// The lessons' JavaScript interface (embind), used by web/shell/lessons.js:
//   kp_lessons()                  -> the catalog as JSON (texts in zh and en, steps, try commands, hints)
//   kp_lesson_start(id, step)     -> begins lesson `id` ("" = free play) at `step`; returns the state
//   kp_lesson_record(cmd, output) -> a command the learner ran; returns the state after checking
//   kp_lesson_poll()              -> re-checks the current goal (time passes); returns the state
// The state is the tracker's JSON: {"lesson", "step", "finished", "goal": {"holds", "description", "descriptionZh"},
// "completed": [...]} (engine/lesson/tracker.h).
#include <emscripten/bind.h>

#include <memory>
#include <string>

#include "lesson/catalog.h"
#include "lesson/tracker.h"
#include "session.h"

namespace {

// Undo replaces the session's laptop: the tracker follows it, on the same lesson and step.
kp::lesson::Tracker& tracker() {
    static std::unique_ptr<kp::lesson::Tracker> t;
    static uint64_t generation = 0;
    kp::web::Session& s = kp::web::session();
    if (t && generation == s.generation())
        return *t;
    auto next = std::make_unique<kp::lesson::Tracker>(s.cluster(), s.files());
    if (t && t->lesson()) {
        next->start(t->lesson());
        next->goTo(t->stepIndex());
    }
    t = std::move(next);
    generation = s.generation();
    return *t;
}

std::string state() {
    tracker().poll();
    return tracker().state().dump();
}

std::string kpLessons() { return kp::lesson::catalogJson(kp::lesson::catalog()).dump(); }

std::string kpLessonStart(const std::string& id, int step) {
    tracker().start(kp::lesson::catalog().find(id));
    tracker().goTo(static_cast<size_t>(std::max(0, step)));
    return state();
}

std::string kpLessonRecord(const std::string& command, const std::string& output) {
    tracker().record(command, output);
    return state();
}

std::string kpLessonPoll() { return state(); }

}  // namespace

EMSCRIPTEN_BINDINGS(kubeplay_lessons) {
    emscripten::function("kp_lessons", &kpLessons);
    emscripten::function("kp_lesson_start", &kpLessonStart);
    emscripten::function("kp_lesson_record", &kpLessonRecord);
    emscripten::function("kp_lesson_poll", &kpLessonPoll);
}
