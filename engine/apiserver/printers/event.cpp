// Events: LAST SEEN TYPE REASON OBJECT MESSAGE, wide adds SUBOBJECT SOURCE (between OBJECT and
// MESSAGE) and FIRST SEEN COUNT NAME (after it). events.k8s.io/v1 Events are the same stored
// objects seen through another API, so they print with the same columns.
#include <algorithm>
#include <cctype>

#include "apiserver/printers/printer.h"

namespace kp::printers {
namespace {

std::string trimSpace(const std::string& s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
        ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
        --e;
    return s.substr(b, e - b);
}

std::string firstNonEmpty(const std::string& a, const std::string& b) {
    return a.empty() ? b : a;
}

// The fields the printer reads, from either API's shape.
struct EventView {
    std::string name, type, reason, message;
    std::string kind, objectName, fieldPath;
    std::string component, host;  // source, falling back to reportingController/Instance
    std::string firstTimestamp, lastTimestamp, eventTime;
    const Json* series = nullptr;
    int64_t count = 0;
};

EventView viewOf(const Json& ev, bool eventsV1) {
    EventView v;
    v.name = stringAt(ev, "metadata.name");
    v.type = stringAt(ev, "type");
    v.reason = stringAt(ev, "reason");
    v.eventTime = stringAt(ev, "eventTime");
    if (const Json* s = findPath(ev, "series"); s && s->is_object())
        v.series = s;
    if (eventsV1) {
        // Field names of events.k8s.io/v1 (upstream converts them to the core type first).
        v.message = stringAt(ev, "note");
        v.kind = stringAt(ev, "regarding.kind");
        v.objectName = stringAt(ev, "regarding.name");
        v.fieldPath = stringAt(ev, "regarding.fieldPath");
        v.component = firstNonEmpty(stringAt(ev, "deprecatedSource.component"), stringAt(ev, "reportingController"));
        v.host = firstNonEmpty(stringAt(ev, "deprecatedSource.host"), stringAt(ev, "reportingInstance"));
        v.firstTimestamp = stringAt(ev, "deprecatedFirstTimestamp");
        v.lastTimestamp = stringAt(ev, "deprecatedLastTimestamp");
        v.count = intAt(ev, "deprecatedCount");
        return v;
    }
    v.message = stringAt(ev, "message");
    v.kind = stringAt(ev, "involvedObject.kind");
    v.objectName = stringAt(ev, "involvedObject.name");
    v.fieldPath = stringAt(ev, "involvedObject.fieldPath");
    v.component = firstNonEmpty(stringAt(ev, "source.component"), stringAt(ev, "reportingComponent"));
    v.host = firstNonEmpty(stringAt(ev, "source.host"), stringAt(ev, "reportingInstance"));
    v.firstTimestamp = stringAt(ev, "firstTimestamp");
    v.lastTimestamp = stringAt(ev, "lastTimestamp");
    v.count = intAt(ev, "count");
    return v;
}

void eventRowOf(const EventView& v, const PrintContext& ctx, Row& row) {
    // Upstream: printers.go#printEvent
    std::string first = v.firstTimestamp.empty() ? since(v.eventTime, ctx.now) : since(v.firstTimestamp, ctx.now);
    std::string last = v.lastTimestamp.empty() ? first : since(v.lastTimestamp, ctx.now);
    int64_t count = v.count;
    if (v.series) {
        last = since(stringAt(*v.series, "lastObservedTime"), ctx.now);
        count = intAt(*v.series, "count");
    } else if (count == 0) {
        count = 1;  // singleton events of the new API carry no count
    }
    std::string kind = v.kind;
    std::transform(kind.begin(), kind.end(), kind.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string target = v.objectName.empty() ? kind : kind + "/" + v.objectName;
    std::string message = trimSpace(v.message);
    if (!ctx.wide) {
        row.cells = {last, v.type, v.reason, target, message};
        return;
    }
    std::string source = v.host.empty() ? v.component : v.component + ", " + v.host;
    row.cells = {last, v.type, v.reason, target, v.fieldPath, source, message, first, count, v.name};
}

void coreEventRow(const Json& ev, const PrintContext& ctx, Row& row) {
    eventRowOf(viewOf(ev, false), ctx, row);
}
void eventsV1Row(const Json& ev, const PrintContext& ctx, Row& row) {
    eventRowOf(viewOf(ev, true), ctx, row);
}

std::vector<Column> eventColumns() {
    Column name = nameColumn();
    name.priority = 1;
    return {
        column("Last Seen", "string", fieldDoc("core/v1.Event", "lastTimestamp")),
        column("Type", "string", fieldDoc("core/v1.Event", "type")),
        column("Reason", "string", fieldDoc("core/v1.Event", "reason")),
        column("Object", "string", fieldDoc("core/v1.Event", "involvedObject")),
        column("Subobject", "string", fieldDoc("core/v1.ObjectReference", "fieldPath"), 1),
        column("Source", "string", fieldDoc("core/v1.Event", "source"), 1),
        column("Message", "string", fieldDoc("core/v1.Event", "message")),
        column("First Seen", "string", fieldDoc("core/v1.Event", "firstTimestamp"), 1),
        column("Count", "string", fieldDoc("core/v1.Event", "count"), 1),
        name,
    };
}

}  // namespace

void addEventPrinters(PrinterMap& m) {
    m["events"] = Printer{eventColumns(), coreEventRow};
    m["events.events.k8s.io"] = Printer{eventColumns(), eventsV1Row};
}

}  // namespace kp::printers
