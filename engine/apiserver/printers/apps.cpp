// apps/v1: deployments, replicasets, statefulsets, daemonsets, controllerrevisions.
#include <algorithm>
#include <cctype>

#include "apiserver/printers/printer.h"

namespace kp::printers {
namespace {

std::string ratio(const Json& obj, std::string_view numerator, std::string_view denominator) {
    return std::to_string(intAt(obj, numerator)) + "/" + std::to_string(intAt(obj, denominator));
}

void appendContainers(const Json& obj, Row& row) {
    auto [names, images] = containerCells(arrayAt(obj, "spec.template.spec.containers"));
    row.cells.push_back(names);
    row.cells.push_back(images);
}

void deploymentRow(const Json& d, const PrintContext& ctx, Row& row) {
    row.cells = {stringAt(d, "metadata.name"), ratio(d, "status.readyReplicas", "spec.replicas"),
                 intCell(d, "status.updatedReplicas"), intCell(d, "status.availableReplicas"), age(d, ctx.now)};
    if (!ctx.wide)
        return;
    appendContainers(d, row);
    row.cells.push_back(selectorString(findPath(d, "spec.selector")));
}

void replicaSetRow(const Json& rs, const PrintContext& ctx, Row& row) {
    row.cells = {stringAt(rs, "metadata.name"), intCell(rs, "spec.replicas"), intCell(rs, "status.replicas"),
                 intCell(rs, "status.readyReplicas"), age(rs, ctx.now)};
    if (!ctx.wide)
        return;
    appendContainers(rs, row);
    row.cells.push_back(formatSelector(findPath(rs, "spec.selector")));
}

void statefulSetRow(const Json& sts, const PrintContext& ctx, Row& row) {
    row.cells = {stringAt(sts, "metadata.name"), ratio(sts, "status.readyReplicas", "spec.replicas"),
                 age(sts, ctx.now)};
    if (ctx.wide)
        appendContainers(sts, row);
}

void daemonSetRow(const Json& ds, const PrintContext& ctx, Row& row) {
    row.cells = {stringAt(ds, "metadata.name"),
                 intCell(ds, "status.desiredNumberScheduled"),
                 intCell(ds, "status.currentNumberScheduled"),
                 intCell(ds, "status.numberReady"),
                 intCell(ds, "status.updatedNumberScheduled"),
                 intCell(ds, "status.numberAvailable"),
                 formatLabels(findPath(ds, "spec.template.spec.nodeSelector")),
                 age(ds, ctx.now)};
    if (!ctx.wide)
        return;
    appendContainers(ds, row);
    row.cells.push_back(formatSelector(findPath(ds, "spec.selector")));
}

// "daemonset.apps/fluentd" from the controller owner reference, "<none>" without one.
// Upstream: printers.go#printControllerRevision, #formatResourceName
std::string controllerName(const Json& obj) {
    const Json* refs = arrayAt(obj, "metadata.ownerReferences");
    if (!refs)
        return "<none>";
    for (const Json& ref : *refs) {
        if (!boolAt(ref, "controller"))
            continue;
        std::string apiVersion = stringAt(ref, "apiVersion");
        size_t slash = apiVersion.find('/');
        std::string group = slash == std::string::npos ? "" : apiVersion.substr(0, slash);
        std::string kind = stringAt(ref, "kind");
        if (kind.empty() && group.empty())
            return stringAt(ref, "name");
        std::string gk = group.empty() ? kind : kind + "." + group;
        std::transform(gk.begin(), gk.end(), gk.begin(), [](unsigned char c) { return std::tolower(c); });
        return gk + "/" + stringAt(ref, "name");
    }
    return "<none>";
}

void controllerRevisionRow(const Json& cr, const PrintContext& ctx, Row& row) {
    row.cells = {stringAt(cr, "metadata.name"), controllerName(cr), intCell(cr, "revision"), age(cr, ctx.now)};
}

}  // namespace

void addAppsPrinters(PrinterMap& m) {
    m["deployments.apps"] = Printer{
        {
            nameColumn(),
            column("Ready", "string", "Ready pods out of the desired number of replicas."),
            column("Up-to-date", "string", fieldDoc("apps/v1.DeploymentStatus", "updatedReplicas")),
            column("Available", "string", fieldDoc("apps/v1.DeploymentStatus", "availableReplicas")),
            ageColumn(),
            containersColumn(),
            imagesColumn(),
            column("Selector", "string", fieldDoc("apps/v1.DeploymentSpec", "selector"), 1),
        },
        deploymentRow,
    };
    m["replicasets.apps"] = Printer{
        {
            nameColumn(),
            column("Desired", "integer", fieldDoc("apps/v1.ReplicaSetSpec", "replicas")),
            column("Current", "integer", fieldDoc("apps/v1.ReplicaSetStatus", "replicas")),
            column("Ready", "integer", fieldDoc("apps/v1.ReplicaSetStatus", "readyReplicas")),
            ageColumn(),
            containersColumn(),
            imagesColumn(),
            column("Selector", "string", fieldDoc("apps/v1.ReplicaSetSpec", "selector"), 1),
        },
        replicaSetRow,
    };
    m["statefulsets.apps"] = Printer{
        {
            nameColumn(),
            column("Ready", "string", "Ready pods out of the desired number of replicas."),
            ageColumn(),
            containersColumn(),
            imagesColumn(),
        },
        statefulSetRow,
    };
    m["daemonsets.apps"] = Printer{
        {
            nameColumn(),
            column("Desired", "integer", fieldDoc("apps/v1.DaemonSetStatus", "desiredNumberScheduled")),
            column("Current", "integer", fieldDoc("apps/v1.DaemonSetStatus", "currentNumberScheduled")),
            column("Ready", "integer", fieldDoc("apps/v1.DaemonSetStatus", "numberReady")),
            column("Up-to-date", "integer", fieldDoc("apps/v1.DaemonSetStatus", "updatedNumberScheduled")),
            column("Available", "integer", fieldDoc("apps/v1.DaemonSetStatus", "numberAvailable")),
            column("Node Selector", "string", fieldDoc("core/v1.PodSpec", "nodeSelector")),
            ageColumn(),
            containersColumn(),
            imagesColumn(),
            column("Selector", "string", fieldDoc("apps/v1.DaemonSetSpec", "selector"), 1),
        },
        daemonSetRow,
    };
    m["controllerrevisions.apps"] = Printer{
        {
            nameColumn(),
            column("Controller", "string", "The object that owns and controls this revision."),
            column("Revision", "string", fieldDoc("apps/v1.ControllerRevision", "revision")),
            ageColumn(),
        },
        controllerRevisionRow,
    };
}

}  // namespace kp::printers
