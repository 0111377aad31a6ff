#include "apiserver/printers/table.h"

#include "apiserver/printers/printer.h"

namespace kp::printers {
namespace {

const PrinterMap& printers() {
    static const PrinterMap map = [] {
        PrinterMap m;
        addPodPrinters(m);
        addNodePrinters(m);
        addCorePrinters(m);
        addServicePrinters(m);
        addAppsPrinters(m);
        addBatchPrinters(m);
        addNetworkingPrinters(m);
        addEventPrinters(m);
        addStoragePrinters(m);
        addAutoscalingPrinters(m);
        addPolicyRbacCoordinationPrinters(m);
        addRegistrationPrinters(m);
        return m;
    }();
    return map;
}

const Printer* printerFor(const ResourceInfo& r) {
    auto it = printers().find(r.groupResource());
    return it == printers().end() ? nullptr : &it->second;
}

// The apiserver's default convertor for types without a printer: the name and the creation
// time as an RFC 3339 date (not an age).
// Upstream: apiserver pkg/registry/rest/table.go#ConvertToTable
const std::vector<Column>& defaultColumns() {
    static const std::vector<Column> columns = {
        nameColumn(),
        column("Created At", "date", fieldDoc("meta/v1.ObjectMeta", "creationTimestamp")),
    };
    return columns;
}

void defaultRow(const Json& obj, const PrintContext&, Row& row) {
    std::string created = stringAt(obj, "metadata.creationTimestamp");
    // Go formats a zero metav1.Time as the zero date.
    auto t = parseRFC3339(created);
    row.cells = {stringAt(obj, "metadata.name"), t ? formatRFC3339(*t) : "0001-01-01T00:00:00Z"};
}

// The row's "object" as ?includeObject= asks.
// Upstream: apiserver pkg/endpoints/handlers/response.go#asTable
Json rowObject(const Json& obj, IncludeObject include) {
    switch (include) {
        case IncludeObject::None:
            return nullptr;
        case IncludeObject::Object:
            return obj;
        case IncludeObject::Metadata:
            break;
    }
    Json partial = {{"apiVersion", "meta.k8s.io/v1"}, {"kind", "PartialObjectMetadata"}};
    const Json* meta = findPath(obj, "metadata");
    partial["metadata"] = meta && meta->is_object() ? *meta : Json::object();
    return partial;
}

}  // namespace

Json Column::toJson() const {
    return {{"name", name}, {"type", type}, {"format", format}, {"description", description}, {"priority", priority}};
}

std::vector<Column> columnsFor(const ResourceInfo& resource) {
    const Printer* p = printerFor(resource);
    return p ? p->columns : defaultColumns();
}

bool hasPrinter(const ResourceInfo& resource) {
    return printerFor(resource) != nullptr;
}

Json toTable(const ResourceInfo& resource, const std::vector<const Json*>& objects, Time now,
             const TableOptions& options) {
    const Printer* p = printerFor(resource);
    const std::vector<Column>& columns = p ? p->columns : defaultColumns();
    RowFunc rowFunc = p ? p->row : defaultRow;
    const PrintContext ctx{now, options.wide};

    Json table = {{"apiVersion", "meta.k8s.io/v1"}, {"kind", "Table"}, {"metadata", Json::object()}};
    if (!options.resourceVersion.empty())
        table["metadata"]["resourceVersion"] = options.resourceVersion;
    Json defs = Json::array();
    if (!options.noHeaders)
        for (const Column& c : columns)
            defs.push_back(c.toJson());
    table["columnDefinitions"] = std::move(defs);

    Json rows = Json::array();
    for (const Json* obj : objects) {
        if (!obj)
            continue;
        Row row;
        rowFunc(*obj, ctx, row);
        Json r = {{"cells", std::move(row.cells)}};
        if (row.conditions.is_array() && !row.conditions.empty())
            r["conditions"] = std::move(row.conditions);
        Json o = rowObject(*obj, options.includeObject);
        if (!o.is_null())
            r["object"] = std::move(o);
        rows.push_back(std::move(r));
    }
    table["rows"] = std::move(rows);
    return table;
}

Json toTable(const ResourceInfo& resource, const std::vector<Json>& objects, Time now, const TableOptions& options) {
    std::vector<const Json*> ptrs;
    ptrs.reserve(objects.size());
    for (const Json& o : objects)
        ptrs.push_back(&o);
    return toTable(resource, ptrs, now, options);
}

Json toTable(const ResourceInfo& resource, const std::vector<ObjectPtr>& objects, Time now,
             const TableOptions& options) {
    std::vector<const Json*> ptrs;
    ptrs.reserve(objects.size());
    for (const ObjectPtr& o : objects)
        ptrs.push_back(o.get());
    return toTable(resource, ptrs, now, options);
}

Json responseToTable(const ResourceInfo& resource, const Json& listOrObject, Time now, TableOptions options) {
    if (options.resourceVersion.empty())
        options.resourceVersion = stringAt(listOrObject, "metadata.resourceVersion");
    std::vector<const Json*> ptrs;
    const Json* items = findPath(listOrObject, "items");
    if (items && items->is_array()) {
        for (const Json& o : *items)
            ptrs.push_back(&o);
    } else {
        ptrs.push_back(&listOrObject);
    }
    return toTable(resource, ptrs, now, options);
}

}  // namespace kp::printers
