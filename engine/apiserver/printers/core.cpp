// Core (v1) kinds with simple columns: namespaces, configmaps, secrets, serviceaccounts,
// resourcequotas, componentstatuses, podtemplates, replicationcontrollers.
#include "api/quantity.h"
#include "apiserver/printers/printer.h"

namespace kp::printers {
namespace {

void namespaceRow(const Json& ns, const PrintContext& ctx, Row& row) {
    row.cells = {stringAt(ns, "metadata.name"), stringAt(ns, "status.phase"), age(ns, ctx.now)};
}

void configMapRow(const Json& cm, const PrintContext& ctx, Row& row) {
    const auto count = static_cast<int64_t>(sizeAt(cm, "data") + sizeAt(cm, "binaryData"));
    row.cells = {stringAt(cm, "metadata.name"), count, age(cm, ctx.now)};
}

void secretRow(const Json& secret, const PrintContext& ctx, Row& row) {
    row.cells = {stringAt(secret, "metadata.name"), stringAt(secret, "type"),
                 static_cast<int64_t>(sizeAt(secret, "data")), age(secret, ctx.now)};
}

void serviceAccountRow(const Json& sa, const PrintContext& ctx, Row& row) {
    row.cells = {stringAt(sa, "metadata.name"), static_cast<int64_t>(sizeAt(sa, "secrets")), age(sa, ctx.now)};
}

// A quantity as resource.Quantity.String() prints it ("0" when absent).
std::string quantityText(const Json* q) {
    if (!q)
        return "0";
    std::string error;
    auto parsed = resource::Quantity::fromJson(*q, &error);
    return parsed ? parsed->toString() : (q->is_string() ? q->get<std::string>() : "0");
}

void resourceQuotaRow(const Json& quota, const PrintContext& ctx, Row& row) {
    // Upstream: printers.go#printResourceQuota ("resource: used/hard, ..." per column; names
    // starting with "limits." go to LIMIT, everything else to REQUEST).
    std::string requests, limits;
    const Json* hard = findPath(quota, "status.hard");
    const Json* used = findPath(quota, "status.used");
    if (hard && hard->is_object()) {
        for (const auto& [name, value] : hard->items()) {
            const Json* u = used && used->is_object() && used->contains(name) ? &(*used)[name] : nullptr;
            std::string item = name + ": " + quantityText(u) + "/" + quantityText(&value);
            std::string& column = name.rfind("limits.", 0) == 0 ? limits : requests;
            column += (column.empty() ? "" : ", ") + item;
        }
    }
    row.cells = {stringAt(quota, "metadata.name"), requests, limits, age(quota, ctx.now)};
}

void componentStatusRow(const Json& cs, const PrintContext&, Row& row) {
    std::string status = "Unknown", message, error;
    if (const Json* conds = arrayAt(cs, "conditions")) {
        for (const Json& c : *conds) {
            if (stringAt(c, "type") != "Healthy")
                continue;
            status = stringAt(c, "status") == "True" ? "Healthy" : "Unhealthy";
            message = stringAt(c, "message");
            error = stringAt(c, "error");
            break;
        }
    }
    row.cells = {stringAt(cs, "metadata.name"), status, message, error};
}

void podTemplateRow(const Json& pt, const PrintContext&, Row& row) {
    auto [names, images] = containerCells(arrayAt(pt, "template.spec.containers"));
    row.cells = {stringAt(pt, "metadata.name"), names, images, formatLabels(findPath(pt, "template.metadata.labels"))};
}

void replicationControllerRow(const Json& rc, const PrintContext& ctx, Row& row) {
    row.cells = {stringAt(rc, "metadata.name"), intCell(rc, "spec.replicas"), intCell(rc, "status.replicas"),
                 intCell(rc, "status.readyReplicas"), age(rc, ctx.now)};
    if (!ctx.wide)
        return;
    auto [names, images] = containerCells(arrayAt(rc, "spec.template.spec.containers"));
    row.cells.insert(row.cells.end(), {names, images, formatLabels(findPath(rc, "spec.selector"))});
}

}  // namespace

void addCorePrinters(PrinterMap& m) {
    m["namespaces"] = Printer{
        {nameColumn(), column("Status", "string", "The namespace's phase: Active or Terminating."), ageColumn()},
        namespaceRow};
    m["configmaps"] = Printer{
        {nameColumn(), column("Data", "string", fieldDoc("core/v1.ConfigMap", "data")), ageColumn()}, configMapRow};
    m["secrets"] = Printer{{nameColumn(), column("Type", "string", fieldDoc("core/v1.Secret", "type")),
                            column("Data", "string", fieldDoc("core/v1.Secret", "data")), ageColumn()},
                           secretRow};
    m["serviceaccounts"] =
        Printer{{nameColumn(), column("Secrets", "string", fieldDoc("core/v1.ServiceAccount", "secrets")), ageColumn()},
                serviceAccountRow};
    m["resourcequotas"] = Printer{
        {nameColumn(), column("Request", "string", "Used and hard amounts of every quota item that is not a limit."),
         column("Limit", "string", "Used and hard amounts of every limits.* quota item."), ageColumn()},
        resourceQuotaRow};
    m["componentstatuses"] = Printer{{nameColumn(), column("Status", "string", "Whether the component is Healthy."),
                                      column("Message", "string", "Message of the Healthy condition."),
                                      column("Error", "string", "Error of the Healthy condition.")},
                                     componentStatusRow};
    m["podtemplates"] = Printer{{nameColumn(), column("Containers", "string", containersColumn().description),
                                 column("Images", "string", imagesColumn().description),
                                 column("Pod Labels", "string", "Labels of the Pod template.")},
                                podTemplateRow};
    m["replicationcontrollers"] =
        Printer{{nameColumn(), column("Desired", "integer", fieldDoc("core/v1.ReplicationControllerSpec", "replicas")),
                 column("Current", "integer", fieldDoc("core/v1.ReplicationControllerStatus", "replicas")),
                 column("Ready", "integer", fieldDoc("core/v1.ReplicationControllerStatus", "readyReplicas")),
                 ageColumn(), containersColumn(), imagesColumn(),
                 column("Selector", "string", fieldDoc("core/v1.ReplicationControllerSpec", "selector"), 1)},
                replicationControllerRow};
}

}  // namespace kp::printers
