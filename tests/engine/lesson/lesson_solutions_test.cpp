// Every lesson can be completed: its reference solution, run on a fresh laptop, reaches every
// step's goal, and no goal holds before its step (a step cannot pass by accident).
#include <catch2/catch.hpp>

#include "lesson/catalog.h"
#include "lesson/checker.h"

using namespace kp::lesson;

TEST_CASE("every lesson's solution reaches every goal", "[lesson][solutions]") {
    for (const Lesson& lesson : catalog().lessons) {
        if (lesson.sandbox)
            continue;
        DYNAMIC_SECTION(lesson.id) {
            LessonReport report = checkLesson(lesson);
            INFO(report.setupTranscript);
            for (const StepReport& s : report.steps) {
                INFO(lesson.id << "/" << s.id << ": " << s.description << "\n" << s.transcript);
                CHECK(s.falseBefore);
                CHECK(s.reached);
            }
            CHECK(report.steps.size() == lesson.steps.size());
        }
    }
}
