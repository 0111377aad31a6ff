#include "cli/kubectl/print_flags.h"

#include <algorithm>
#include <cctype>

#include "api/codec/json_encode.h"
#include "api/codec/typed_json.h"
#include "api/codec/yaml_encode.h"
#include "api/jsonpath.h"
#include "base/json_text.h"
#include "cli/memory_file_system.h"
#include "cli/kubectl/cmd_util.h"

namespace kp::cli {
namespace {

// The formats PrintFlags (JSON/YAML, name, templates) accepts, as its error lists them.
constexpr const char* kAllowedFormats =
    "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml";

bool isTemplateFormat(const std::string& f) {
    for (const char* t : {"go-template", "go-template-file", "jsonpath", "jsonpath-as-json", "jsonpath-file",
                          "template", "templatefile"})
        if (f == t || f.rfind(std::string(t) + "=", 0) == 0)
            return true;
    return false;
}

// "-o name" and the default line: "deployment.apps/web created".
std::string nameLine(const Json& object, const std::string& operation, const std::string& format,
                     DryRunStrategy dryRun) {
    if (format == "name" || operation.empty())
        return objectName(object) + "\n";
    std::string op = operation;
    if (dryRun == DryRunStrategy::Client)
        op += " (dry run)";
    else if (dryRun == DryRunStrategy::Server)
        op += " (server dry run)";
    return objectName(object) + " " + op + "\n";
}

}  // namespace

void addDryRunFlag(CommandFlags& flags) {
    flags.string("dry-run", "", "none").noOptDefault("dry-run", "unchanged");
}

void addPrintFlags(CommandFlags& flags) {
    flags.string("output", "o")
        .string("template")
        .boolean("allow-missing-template-keys", "", true)
        .boolean("show-managed-fields");
}

bool getDryRunStrategy(KubectlContext& ctx, const CommandFlags& flags, DryRunStrategy& strategy, CommandResult& out) {
    const std::string v = flags.str("dry-run");
    if (v == "client" || v == "server" || v == "none") {
        strategy = v == "client" ? DryRunStrategy::Client : v == "server" ? DryRunStrategy::Server : DryRunStrategy::None;
        return true;
    }
    if (v == "unchanged") {
        out.err += klogLine('W', ctx.cluster.now(), "helpers.go:702",
                            "--dry-run is deprecated and can be replaced with --dry-run=client.");
        strategy = DryRunStrategy::Client;
        return true;
    }
    for (const char* t : {"1", "t", "T", "TRUE", "true", "True"}) {
        if (v == t) {
            out.err += klogLine('W', ctx.cluster.now(), "helpers.go:716",
                                "--dry-run=" + v + " is deprecated (boolean value) and can be replaced with --dry-run=client.");
            strategy = DryRunStrategy::Client;
            return true;
        }
    }
    for (const char* f : {"0", "f", "F", "FALSE", "false", "False"}) {
        if (v == f) {
            out.err += klogLine('W', ctx.cluster.now(), "helpers.go:719",
                                "--dry-run=" + v + " is deprecated (boolean value) and can be replaced with --dry-run=none.");
            strategy = DryRunStrategy::None;
            return true;
        }
    }
    out = errorResult("Invalid dry-run value (" + v + "). Must be \"none\", \"server\", or \"client\".");
    return false;
}

bool Printer::make(const CommandFlags& flags, const std::string& operation, DryRunStrategy dryRun, Printer& printer,
                   std::string& error) {
    std::string format = flags.str("output");
    printer.template_.reset();
    printer.jsonPath_.clear();
    const std::string templateArg = flags.str("template");
    if (format == "go-template" || format == "template" || format.rfind("go-template=", 0) == 0 ||
        format.rfind("template=", 0) == 0) {
        static const MemoryFileSystem kNoFiles;
        auto t = std::make_shared<TemplatePrinter>();
        if (!TemplatePrinter::make(format, templateArg, flags.on("allow-missing-template-keys"), false, kNoFiles, *t,
                                   error))
            return false;
        printer.template_ = std::move(t);
    } else if (format == "jsonpath" || format.rfind("jsonpath=", 0) == 0) {
        printer.jsonPath_ = format == "jsonpath" ? templateArg : format.substr(9);
        if (printer.jsonPath_.empty()) {
            error = "error: template format specified but no template given\n";
            return false;
        }
        api::JsonPathResult check = api::evalJsonPathTemplate(printer.jsonPath_, Json::object());
        if (!check.ok()) {
            error = "error: " + check.error + "\n";
            return false;
        }
    } else if (!format.empty() && format != "name" && format != "yaml" && format != "json") {
        if (isTemplateFormat(format)) {
            // SIMPLIFICATION: the file formats (go-template-file, templatefile, jsonpath-file) and
            // jsonpath-as-json are only served by `kubectl get`.
            error = "error: output format \"" + format + "\" is not supported by this command in kubeplay\n";
            return false;
        }
        error = "error: unable to match a printer suitable for the output format \"" + format +
                "\", allowed formats are: " + kAllowedFormats + "\n";
        return false;
    }
    printer.format_ = format;
    printer.operation_ = operation;
    printer.dryRun_ = dryRun;
    printer.showManagedFields_ = flags.on("show-managed-fields");
    return true;
}

std::string Printer::print(const Json& object, bool typed) const { return print(object, operation_, typed); }

std::string Printer::print(const Json& packedObject, const std::string& operation, bool typed) const {
    lastError_.clear();
    // managedFields: dropped from yaml and json without --show-managed-fields (kubectl's
    // OmitManagedFieldsPrinter), their packed sets (base/json_text.h) expanded otherwise.
    const bool wholeObject = template_ || !jsonPath_.empty() || format_ == "yaml" || format_ == "json";
    if (!wholeObject)
        return nameLine(packedObject, operation, format_, dryRun_);
    Json object = packedObject;
    if ((format_ == "yaml" || format_ == "json") && !showManagedFields_ && object.contains("metadata") &&
        object["metadata"].is_object())
        object["metadata"].erase("managedFields");
    expandPackedJsonText(object);
    if (template_) {
        std::string out;
        lastError_ = template_->print(object, out, typed ? codec::marshalTypedJson(object) : "");
        return out;
    }
    if (!jsonPath_.empty()) {
        api::JsonPathResult r = api::evalJsonPathTemplate(jsonPath_, object);
        if (!r.ok())
            lastError_ = "error: " + r.error + "\n";
        return r.text;
    }
    if (format_ == "yaml" || format_ == "json") {
        if (format_ == "yaml")
            return (++yamlCount_ > 1 ? "---\n" : "") + codec::toYamlText(object);
        return typed ? codec::printTypedJson(object) : codec::printJson(object);
    }
    return nameLine(object, operation, format_, dryRun_);
}

std::string objectName(const Json& object) {
    std::string kind = stringAt(object, "kind");
    std::transform(kind.begin(), kind.end(), kind.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string apiVersion = stringAt(object, "apiVersion");
    size_t slash = apiVersion.find('/');
    if (slash != std::string::npos)
        kind += "." + apiVersion.substr(0, slash);
    return kind + "/" + stringAt(object, "metadata.name");
}

}  // namespace kp::cli
