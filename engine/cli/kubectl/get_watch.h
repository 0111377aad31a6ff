// kubectl get -w | --watch | --watch-only [--output-watch-events]: prints the current objects,
// then one line (or document) per change until Ctrl+C or --request-timeout.
// Upstream: kubectl pkg/cmd/get/get.go#watch; cli-runtime pkg/printers/tableprinter.go#PrintObj
// (a header only when the columns change; the tabwriter flushed after every event, so each
// change line is aligned on its own).
#pragma once
#include <string>

#include "api/jsonpath.h"
#include "api/resources.h"
#include "base/time.h"
#include "cli/command_result.h"
#include "cli/kubectl/kubectl.h"
#include "cli/kubectl/table_printer.h"
#include "cli/kubectl/template_printer.h"

namespace kp::cli {

struct GetWatchSpec {
    const ResourceInfo* resource = nullptr;
    std::string ns;                 // "" with -A or for cluster-scoped types
    std::string name;               // one object (kubectl get pod x -w), else the list
    std::string labelSelector, fieldSelector;
    std::string resourceVersion;    // where the list (or object) left off
    std::vector<Json> initial;      // what the list returned
    std::string output;             // "", "wide", "name", "yaml", "json", "jsonpath", "template"
    std::string jsonPath;           // the template for "jsonpath"
    api::JsonPathOutput jsonPathOutput = api::JsonPathOutput::Text;
    std::optional<TemplatePrinter> templatePrinter;  // for "template" (go-template, custom-columns)
    HumanOptions human;
    bool watchOnly = false;
    bool outputWatchEvents = false;
    Duration requestTimeout;        // 0: until Ctrl+C
};

// Prints the initial state into the result and leaves the watch running as its foreground process.
CommandResult startGetWatch(KubectlContext& ctx, GetWatchSpec spec);

}  // namespace kp::cli
