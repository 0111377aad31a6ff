#include "lesson/checker.h"

#include "cli/memory_file_system.h"
#include "cli/shell.h"
#include "cluster/cluster.h"

namespace kp::lesson {

bool LessonReport::ok() const {
    for (const StepReport& s : steps)
        if (!s.ok())
            return false;
    return !steps.empty();
}

std::string LessonReport::summary() const {
    std::string out;
    for (size_t i = 0; i < steps.size(); ++i) {
        const StepReport& s = steps[i];
        const std::string where = std::to_string(i + 1) + "/" + std::to_string(steps.size()) + " " + s.id + ": ";
        if (s.ok())
            out += "ok   " + where + s.description + " (after " + std::to_string(s.seconds) + " s)\n";
        else if (!s.falseBefore)
            out += "FAIL " + where + "the goal already held before the step: " + s.description + "\n";
        else
            out += "FAIL " + where + "not reached: " + s.description + "\n" + s.transcript;
    }
    return out;
}

LessonReport checkLesson(const Lesson& lesson) {
    ClusterConfig config = ClusterConfig::fullCluster();
    config.startRunning = false;  // a laptop with minikube installed, as the page starts
    config.seed = lesson.seed;
    Cluster cluster(config);
    cli::MemoryFileSystem files;
    cli::Shell shell(cluster, files);

    LessonReport report;
    report.id = lesson.id;
    for (const std::string& line : lesson.setup) {
        cli::CommandResult r = shell.run(line);
        report.setupTranscript += "$ " + line + "\n" + r.terminalText();
    }
    for (const Step& step : lesson.steps) {
        StepReport s;
        s.id = step.id;
        std::vector<CommandRecord> transcript;
        const uint64_t since = cluster.eventLog().lastSeq();
        GoalContext context{cluster, transcript, since, &files};
        s.falseBefore = !evaluate(step.goal, context).holds;
        for (const std::string& line : step.solution) {
            cli::CommandResult r = shell.run(line);
            transcript.push_back({line, r.terminalText()});
            s.transcript += "$ " + line + "\n" + r.terminalText();
        }
        GoalResult result = evaluate(step.goal, context);
        while (!result.holds && s.seconds < step.timeoutSeconds) {
            cluster.advance(Duration::seconds(1));
            ++s.seconds;
            result = evaluate(step.goal, context);
        }
        s.reached = result.holds;
        s.description = result.description;
        report.steps.push_back(std::move(s));
    }
    return report;
}

}  // namespace kp::lesson
