// Server-side printing: the meta.k8s.io/v1 Table the apiserver returns when kubectl asks for
// `application/json;as=Table` (every human-readable `kubectl get`). The columns and the cell
// logic are Kubernetes v1.32's, one printer per resource (pod.cpp, node.cpp, apps.cpp ...);
// resources without a printer get the apiserver's default table (Name, Created At).
// Upstream: pkg/printers/internalversion/printers.go (AddHandlers and the print* functions),
// pkg/printers/tablegenerator.go, apiserver pkg/registry/rest/table.go (default convertor),
// apiserver pkg/endpoints/handlers/response.go#asTable (includeObject).
//
// Shape (keys sorted, as our JSON always is):
//   {"apiVersion":"meta.k8s.io/v1","kind":"Table","metadata":{"resourceVersion":"42"},
//    "columnDefinitions":[{"name":"Name","type":"string","format":"name","description":"...",
//                          "priority":0}, ...],
//    "rows":[{"cells":["web-1","1/1","Running","0","5m",...],
//             "object":{"apiVersion":"meta.k8s.io/v1","kind":"PartialObjectMetadata","metadata":{...}},
//             "conditions":[...]}]}          // conditions only where upstream sets them
#pragma once
#include <string>
#include <vector>

#include "api/resources.h"
#include "base/json.h"
#include "base/time.h"
#include "store/object_store.h"

namespace kp::printers {

// ?includeObject= : what each row carries in "object".
enum class IncludeObject {
    None,      // no object
    Metadata,  // PartialObjectMetadata with the full metadata (the default; kubectl reads
               // namespace and labels from it for -A, --show-labels, -L)
    Object,    // the whole object (kubectl asks for it with --sort-by)
};

struct TableOptions {
    // The apiserver always generates the wide cells (kubectl hides priority>0 columns itself);
    // false reproduces the generator's narrow rows (events then have 5 cells, not 10).
    bool wide = true;
    // TableOptions.noHeaders: leave out columnDefinitions (watch events after the first).
    bool noHeaders = false;
    IncludeObject includeObject = IncludeObject::Metadata;
    // metadata.resourceVersion of the Table: the list's (or the object's) resourceVersion.
    std::string resourceVersion;
};

// One metav1.TableColumnDefinition.
struct Column {
    std::string name;    // "Name", "Ready", "Nominated Node"; kubectl upper-cases it
    std::string type;    // "string", "integer", "boolean", "date"
    std::string format;  // "name" for the object-name column, else ""
    std::string description;
    int priority = 0;  // 1 = shown only with -o wide

    Json toJson() const;
};

// The columns the server declares for a resource (the default Name/Created At when it has no
// printer of its own).
std::vector<Column> columnsFor(const ResourceInfo& resource);
// Whether the resource has a printer of its own (false: Role, ClusterRole, LimitRange ...).
bool hasPrinter(const ResourceInfo& resource);

// Builds the Table for objects of one resource, in the given order. `now` is the time AGE and
// the other "... ago" cells are measured from.
Json toTable(const ResourceInfo& resource, const std::vector<const Json*>& objects, Time now,
             const TableOptions& options = {});
Json toTable(const ResourceInfo& resource, const std::vector<Json>& objects, Time now,
             const TableOptions& options = {});
Json toTable(const ResourceInfo& resource, const std::vector<ObjectPtr>& objects, Time now,
             const TableOptions& options = {});
// For a list response ({"items":[...],"metadata":{"resourceVersion":...}}) or a single object:
// the Table the apiserver would send instead (resourceVersion taken from it unless set).
Json responseToTable(const ResourceInfo& resource, const Json& listOrObject, Time now, TableOptions options = {});

}  // namespace kp::printers
