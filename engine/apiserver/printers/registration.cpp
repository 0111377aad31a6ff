// admissionregistration.k8s.io/v1 webhook configurations and apiregistration.k8s.io/v1
// APIServices. Upstream: pkg/printers/internalversion/printers.go (printValidatingWebhook,
// printMutatingWebhook) and kube-aggregator pkg/registry/apiservice/etcd (the table convertor).
#include "apiserver/printers/printer.h"

namespace kp::printers {
namespace {

void webhookConfigurationRow(const Json& config, const PrintContext& ctx, Row& row) {
    const Json* webhooks = arrayAt(config, "webhooks");
    row.cells = {stringAt(config, "metadata.name"), static_cast<int64_t>(webhooks ? webhooks->size() : 0),
                 age(config, ctx.now)};
}

// SERVICE: "Local" for what the apiserver serves itself. AVAILABLE: the Available condition,
// "False (Reason)" when it is not True, "Unknown" when there is none.
void apiServiceRow(const Json& apiService, const PrintContext& ctx, Row& row) {
    std::string service = "Local";
    if (const Json* s = findPath(apiService, "spec.service"); s && s->is_object())
        service = stringAt(*s, "namespace") + "/" + stringAt(*s, "name");
    std::string available = "Unknown";
    if (const Json* conditions = arrayAt(apiService, "status.conditions"))
        for (const Json& c : *conditions)
            if (stringAt(c, "type") == "Available")
                available = stringAt(c, "status") == "True" ? "True"
                                                             : stringAt(c, "status") + " (" + stringAt(c, "reason") + ")";
    row.cells = {stringAt(apiService, "metadata.name"), service, available, age(apiService, ctx.now)};
}

}  // namespace

void addRegistrationPrinters(PrinterMap& m) {
    const Printer webhooks{
        {
            nameColumn(),
            column("Webhooks", "integer", "Number of webhooks in the configuration."),
            ageColumn(),
        },
        webhookConfigurationRow,
    };
    m["validatingwebhookconfigurations.admissionregistration.k8s.io"] = webhooks;
    m["mutatingwebhookconfigurations.admissionregistration.k8s.io"] = webhooks;
    m["apiservices.apiregistration.k8s.io"] = Printer{
        {
            nameColumn(),
            column("Service", "string", "The service and namespace, or Local."),
            column("Available", "string", "Whether this service is available."),
            ageColumn(),
        },
        apiServiceRow,
    };
}

}  // namespace kp::printers
