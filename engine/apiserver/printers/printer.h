// Internal to engine/apiserver/printers: how one resource's printer is described, and the
// formatting helpers the printers share. Upstream: pkg/printers/internalversion/printers.go
// (AddHandlers registers one column list and one row function per type) and pkg/printers
// (TableGenerator).
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "apiserver/printers/table.h"
#include "base/json.h"
#include "base/time.h"

namespace kp::printers {

// What a row function may look at besides the object.
struct PrintContext {
    Time now;
    bool wide = true;
};

// One row of a Table before the object is attached: its cells (strings, integers, booleans,
// exactly as upstream appends them) and the optional row conditions.
struct Row {
    std::vector<Json> cells;
    Json conditions;  // null, or an array of {type, status, reason, message}
};

using RowFunc = void (*)(const Json& object, const PrintContext& ctx, Row& row);

struct Printer {
    std::vector<Column> columns;
    RowFunc row = nullptr;
};

// Keyed by ResourceInfo::groupResource(): "pods", "deployments.apps".
using PrinterMap = std::map<std::string, Printer, std::less<>>;

// Registration, one function per file (pod.cpp, node.cpp, core.cpp, ...).
void addPodPrinters(PrinterMap& m);
void addNodePrinters(PrinterMap& m);
void addCorePrinters(PrinterMap& m);
void addServicePrinters(PrinterMap& m);
void addAppsPrinters(PrinterMap& m);
void addBatchPrinters(PrinterMap& m);
void addNetworkingPrinters(PrinterMap& m);
void addEventPrinters(PrinterMap& m);
void addStoragePrinters(PrinterMap& m);
void addAutoscalingPrinters(PrinterMap& m);
void addPolicyRbacCoordinationPrinters(PrinterMap& m);
void addRegistrationPrinters(PrinterMap& m);

// [Column helpers]
// Column descriptions are never shown by kubectl. Upstream takes most from the API documentation
// (SwaggerDoc); ours come from the same field's description in our schema table
// ("core/v1.PodStatus", "podIP"), the others are written in our own words.
std::string fieldDoc(std::string_view qualifiedStruct, std::string_view field);
Column column(std::string name, std::string type, std::string description, int priority = 0);
// The "Name" column every printer starts with (format "name", so kubectl can prefix kinds).
Column nameColumn();
// The "Age" column (creation timestamp).
Column ageColumn();
// Containers / Images / Selector: the wide columns of every workload printer.
Column containersColumn();
Column imagesColumn();

// [Cell helpers]
// Age of metadata.creationTimestamp: "5m", "<unknown>" when unset.
std::string age(const Json& object, Time now);
// Age of a timestamp string (metav1.Time or MicroTime); "<unknown>" when empty or unparsable.
std::string since(const std::string& timestamp, Time now);
// Names and images of containers joined by "," (layoutContainerCells).
std::pair<std::string, std::string> containerCells(const Json* containers);
// labels.FormatLabels of a JSON label map: "a=1,b=2" sorted, or "<none>".
std::string formatLabels(const Json* labelMap);
// metav1.FormatLabelSelector: "<none>" when empty, "<error>" when it does not convert.
std::string formatSelector(const Json* labelSelector);
// LabelSelectorAsSelector(...).String(): "" when empty, "<invalid>" when it does not convert
// (the Deployment printer's variant).
std::string selectorString(const Json* labelSelector);
// Load-balancer ingress IPs/hostnames, sorted and de-duplicated, joined by ","; clipped to 16
// bytes ("..." in the last 3) unless wide.
std::string loadBalancerStatus(const Json* ingressList, bool wide);
// "a,b,c + 2 more..." (listWithMoreString): at most 3 items, "<unset>" when empty.
std::string listWithMore(const std::vector<std::string>& items, size_t max = 3);
// Integer cell: the number at path, 0 when absent.
Json intCell(const Json& object, std::string_view path);
// "True"/"False" for a bool field, "<unset>" when absent (printBoolPtr).
std::string boolPtr(const Json& object, std::string_view path);
// Whether the conditions array at path has `type` with status "True" (first match decides).
bool hasTrueCondition(const Json& object, std::string_view conditionsPath, std::string_view type);
// metadata.deletionTimestamp is set.
bool isBeingDeleted(const Json& object);
// The array at path, or nullptr.
const Json* arrayAt(const Json& object, std::string_view path);
size_t sizeAt(const Json& object, std::string_view path);  // array or object size, 0 when absent

}  // namespace kp::printers
