// autoscaling: horizontalpodautoscalers (v2 objects, and v1 objects with a CPU target).
#include "api/quantity.h"
#include "apiserver/printers/printer.h"

namespace kp::printers {
namespace {

// A quantity as resource.Quantity.String() prints it; "<nil>" for an absent pointer, as Go
// prints a nil *Quantity.
std::string quantityAt(const Json* obj, std::string_view path) {
    const Json* q = obj ? findPath(*obj, path) : nullptr;
    if (!q || q->is_null())
        return "<nil>";
    std::string error;
    auto parsed = resource::Quantity::fromJson(*q, &error);
    return parsed ? parsed->toString() : "<nil>";
}

bool present(const Json* obj, std::string_view path) {
    const Json* v = obj ? findPath(*obj, path) : nullptr;
    return v && !v->is_null();
}

std::string percent(const Json* obj, std::string_view path, const char* fallback) {
    const Json* v = obj ? findPath(*obj, path) : nullptr;
    return v && v->is_number_integer() ? std::to_string(v->get<int64_t>()) + "%" : fallback;
}

// One TARGETS entry for metric spec `spec`, with its status `status` (same index) if any.
// Upstream: printers.go#formatHPAMetrics
std::string formatMetric(const Json& spec, const Json* status) {
    const std::string type = stringAt(spec, "type");
    if (type == "External" || type == "Object") {
        const std::string key = type == "External" ? "external" : "object";
        const Json* src = findPath(spec, key);
        const Json* st = status ? findPath(*status, key) : nullptr;
        if (present(src, "target.averageValue")) {
            std::string current =
                present(st, "current.averageValue") ? quantityAt(st, "current.averageValue") : "<unknown>";
            return current + "/" + quantityAt(src, "target.averageValue") + " (avg)";
        }
        std::string current = st ? quantityAt(st, "current.value") : "<unknown>";
        return current + "/" + quantityAt(src, "target.value");
    }
    if (type == "Pods") {
        const Json* src = findPath(spec, "pods");
        const Json* st = status ? findPath(*status, "pods") : nullptr;
        std::string current = st ? quantityAt(st, "current.averageValue") : "<unknown>";
        return current + "/" + quantityAt(src, "target.averageValue");
    }
    if (type == "Resource" || type == "ContainerResource") {
        const std::string key = type == "Resource" ? "resource" : "containerResource";
        const Json* src = findPath(spec, key);
        const Json* st = status ? findPath(*status, key) : nullptr;
        const std::string name = src ? stringAt(*src, "name") : "";
        if (present(src, "target.averageValue")) {
            std::string current = st ? quantityAt(st, "current.averageValue") : "<unknown>";
            return name + ": " + current + "/" + quantityAt(src, "target.averageValue");
        }
        return name + ": " + percent(st, "current.averageUtilization", "<unknown>") + "/" +
               percent(src, "target.averageUtilization", "<auto>");
    }
    return "<unknown type>";
}

std::string hpaTargets(const Json& hpa) {
    // autoscaling/v1: one CPU utilization target.
    if (!findPath(hpa, "spec.metrics") && findPath(hpa, "spec.targetCPUUtilizationPercentage")) {
        return "cpu: " + percent(&hpa, "status.currentCPUUtilizationPercentage", "<unknown>") + "/" +
               percent(&hpa, "spec.targetCPUUtilizationPercentage", "<auto>");
    }
    const Json* specs = arrayAt(hpa, "spec.metrics");
    if (!specs || specs->empty())
        return "<none>";
    const Json* statuses = arrayAt(hpa, "status.currentMetrics");
    constexpr size_t kMax = 2;
    std::string out;
    for (size_t i = 0; i < specs->size() && i < kMax; ++i) {
        const Json* st = statuses && i < statuses->size() ? &(*statuses)[i] : nullptr;
        out += (i ? ", " : "") + formatMetric((*specs)[i], st);
    }
    if (specs->size() > kMax)
        out += " + " + std::to_string(specs->size() - kMax) + " more...";
    return out;
}

void hpaRow(const Json& hpa, const PrintContext& ctx, Row& row) {
    std::string reference = stringAt(hpa, "spec.scaleTargetRef.kind") + "/" + stringAt(hpa, "spec.scaleTargetRef.name");
    std::string minPods = "<unset>";
    if (const Json* m = findPath(hpa, "spec.minReplicas"); m && m->is_number_integer())
        minPods = std::to_string(m->get<int64_t>());
    row.cells = {stringAt(hpa, "metadata.name"),
                 reference,
                 hpaTargets(hpa),
                 minPods,
                 intCell(hpa, "spec.maxReplicas"),
                 intCell(hpa, "status.currentReplicas"),
                 age(hpa, ctx.now)};
}

}  // namespace

void addAutoscalingPrinters(PrinterMap& m) {
    m["horizontalpodautoscalers.autoscaling"] = Printer{
        {
            nameColumn(),
            column("Reference", "string", fieldDoc("autoscaling/v2.HorizontalPodAutoscalerSpec", "scaleTargetRef")),
            column("Targets", "string", fieldDoc("autoscaling/v2.HorizontalPodAutoscalerSpec", "metrics")),
            column("MinPods", "string", fieldDoc("autoscaling/v2.HorizontalPodAutoscalerSpec", "minReplicas")),
            column("MaxPods", "string", fieldDoc("autoscaling/v2.HorizontalPodAutoscalerSpec", "maxReplicas")),
            column("Replicas", "string", fieldDoc("autoscaling/v2.HorizontalPodAutoscalerStatus", "currentReplicas")),
            ageColumn(),
        },
        hpaRow,
    };
}

}  // namespace kp::printers
