// The pieces every `kubectl describe` layout is made of: an indenting writer over Go's
// tabwriter (padding 2), multi-line labels/annotations/tolerations, containers, volumes, the
// pod template block and the Events table.
// Upstream: kubectl pkg/describe/describe.go (prefixWriter, printLabelsMultiline,
// printAnnotationsMultiline, describeContainers, describeVolumes, DescribePodTemplate,
// DescribeEvents).
#pragma once
#include <string>
#include <vector>

#include "base/json.h"
#include "base/time.h"
#include "cli/tabwriter.h"

namespace kp::cli::describe {

class Writer {
public:
    Writer() : tw_(2) {}
    // Writes `text` indented by two spaces per level (text carries its own tabs and newline).
    void write(int level, const std::string& text);
    void flush() { tw_.flush(); }
    std::string str() { return tw_.str(); }

private:
    TabWriter tw_;
};

// "<none>" or the sorted key=value lines under `title:` (skips nothing).
void printLabels(Writer& w, const std::string& title, const Json* labels, const std::string& indent = "");
// Annotations minus kubectl.kubernetes.io/last-applied-configuration; long ones folded.
void printAnnotations(Writer& w, const std::string& title, const Json* annotations);
void printTolerations(Writer& w, const std::string& title, const Json* tolerations, const std::string& indent = "");
// Containers of a pod (statuses given) or of a template (statuses null); space "" or "  ".
void describeContainers(Writer& w, const std::string& label, const Json* containers, const Json* statuses,
                        const std::string& space, Time now);
void describeVolumes(Writer& w, const Json* volumes, const std::string& space);
void describePodTemplate(Writer& w, const Json& templ, Time now);
// The Events block for events already filtered to the object.
void describeEvents(Writer& w, std::vector<Json> events, Time now);
// "Kind/name" of the controller owner, or "".
std::string controlledBy(const Json& obj);

}  // namespace kp::cli::describe
