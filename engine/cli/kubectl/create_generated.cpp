// Shared steps of the `kubectl create <generator>` subcommands and the data sources of
// configmap/secret. Upstream: kubectl pkg/cmd/create/create.go (NameFromCommandArgs),
// pkg/cmd/util (GetValidationDirective, CreateOrUpdateAnnotation, env_file.go),
// pkg/util (ParseLiteralSource, ParseFileSource).
#include "cli/kubectl/create_generated.h"

#include <algorithm>

#include "api/codec/go_format.h"
#include "api/codec/typed_json.h"
#include "apiserver/validation/name_validation.h"
#include "cli/kubectl/cmd_util.h"

namespace kp::cli {
namespace {

constexpr const char* kLastApplied = "kubectl.kubernetes.io/last-applied-configuration";

bool validationDirective(const std::string& v, FieldValidation& out, std::string& error) {
    if (v == "strict" || v == "true") {
        out = FieldValidation::Strict;
        return true;
    }
    if (v == "warn") {
        out = FieldValidation::Warn;
        return true;
    }
    if (v == "ignore" || v == "false") {
        out = FieldValidation::Ignore;
        return true;
    }
    error = "invalid - validate option \"" + v + "\"; must be one of: strict (or true), warn, ignore (or false)";
    return false;
}

std::string baseName(const std::string& path) {
    std::string p = path;
    while (p.size() > 1 && p.back() == '/')
        p.pop_back();
    size_t slash = p.find_last_of('/');
    return slash == std::string::npos ? p : p.substr(slash + 1);
}

}  // namespace

void addGeneratorFlags(CommandFlags& flags) {
    addPrintFlags(flags);
    addDryRunFlag(flags);
    flags.string("validate", "", "strict").noOptDefault("validate", "strict");
    flags.boolean("save-config");
    flags.string("field-manager", "", "kubectl-create");
}

bool prepareGenerator(KubectlContext& ctx, CommandFlags& flags, const std::vector<std::string>& args,
                      GeneratorRun& run, CommandResult& failure) {
    if (!parseCommandFlags(ctx, flags, args, failure))
        return false;
    // NameFromCommandArgs: the words before "--" must be exactly one NAME.
    int before = flags.argsLenAtDash() < 0 ? static_cast<int>(flags.args().size()) : flags.argsLenAtDash();
    if (before != 1) {
        failure = usageErrorResult(flags.commandPath(), "exactly one NAME is required, got " + std::to_string(before));
        return false;
    }
    run.name = flags.args()[0];
    run.ns = commandNamespace(ctx, flags);
    run.enforceNamespace = namespaceEnforced(flags);
    if (!getDryRunStrategy(ctx, flags, run.dryRun, run.out)) {
        failure = run.out;
        return false;
    }
    std::string err;
    if (!Printer::make(flags, "created", run.dryRun, run.printer, err)) {
        failure = CommandResult::failure(run.out.err + err);
        return false;
    }
    FieldValidation fv;
    if (!validationDirective(flags.str("validate"), fv, err)) {
        failure = errorResult(err);
        return false;
    }
    return true;
}

CommandResult createGenerated(KubectlContext& ctx, const CommandFlags& flags, GeneratorRun& run, Json object,
                              const std::string& failurePrefix) {
    CommandResult res = run.out;
    if (flags.on("save-config")) {
        Json copy = object;
        if (Json* meta = &copy["metadata"]; meta->contains("annotations"))
            (*meta)["annotations"].erase(kLastApplied);
        object["metadata"]["annotations"][kLastApplied] = codec::marshalTypedJson(copy) + "\n";
    }
    if (run.dryRun == DryRunStrategy::Client) {
        res.out += run.printer.print(object);
        if (!run.printer.lastError().empty())
            res.append(CommandResult::failure(run.printer.lastError()));
        return res;
    }
    const ResourceInfo* r = ctx.cluster.apiServer().resources().byKind(stringAt(object, "apiVersion"),
                                                                       stringAt(object, "kind"));
    WriteOptions opts;
    opts.actor = "kubectl";
    opts.fieldManager = flags.str("field-manager");
    std::string err;
    validationDirective(flags.str("validate"), opts.fieldValidation, err);
    opts.dryRun = run.dryRun == DryRunStrategy::Server;
    ApiResponse resp = ctx.cluster.apiServer().create(*r, r->namespaced ? run.ns : "", object, opts);
    for (const std::string& w : resp.warnings)
        res.err += "Warning: " + w + "\n";
    if (!resp.ok()) {
        if (failurePrefix.empty())
            return res.append(CommandResult::failure(serverErrorText(resp.status)));
        return res.append(errorResult(failurePrefix + resp.status.message()));
    }
    res.out += run.printer.print(resp.object);
    if (!run.printer.lastError().empty())
        res.append(CommandResult::failure(run.printer.lastError()));
    ctx.cluster.runUntilIdle();
    return res;
}

std::string parseLiteralSource(const std::string& source, DataSource& out) {
    size_t eq = source.find('=');
    if (eq == 0 || eq == std::string::npos)
        return "invalid literal source " + source + ", expected key=value";
    out = {source.substr(0, eq), source.substr(eq + 1)};
    return "";
}

std::string readFileSources(const KubectlContext& ctx, const std::string& source, std::vector<DataSource>& out) {
    size_t separators = std::count(source.begin(), source.end(), '=');
    std::string key, path;
    if (separators == 0) {
        key = baseName(source);
        path = source;
    } else if (separators == 1 && source.front() == '=') {
        return "key name for file path " + source.substr(1) + " missing";
    } else if (separators == 1 && source.back() == '=') {
        return "file path for key name " + source.substr(0, source.size() - 1) + " missing";
    } else if (separators > 1) {
        return "key names or file paths cannot contain '='";
    } else {
        size_t eq = source.find('=');
        key = source.substr(0, eq);
        path = source.substr(eq + 1);
    }
    if (ctx.fs.isDirectory(path)) {
        if (separators > 0)
            return "cannot give a key name for a directory path";
        for (const std::string& item : ctx.fs.listDirectory(path)) {
            std::string itemPath = path + (path.back() == '/' ? "" : "/") + item;
            if (ctx.fs.isDirectory(itemPath))
                continue;  // only regular files become keys
            out.push_back({item, ctx.fs.readFile(itemPath).value_or("")});
        }
        return "";
    }
    auto content = ctx.fs.readFile(path);
    if (!content)
        return "error reading " + path + ": no such file or directory";
    out.push_back({key, *content});
    return "";
}

std::string readEnvFileSource(const KubectlContext& ctx, const std::string& path, std::vector<DataSource>& out) {
    if (ctx.fs.isDirectory(path))
        return "env config file cannot be a directory";
    auto content = ctx.fs.readFile(path);
    if (!content)
        return "error reading " + path + ": no such file or directory";
    std::string text = *content;
    if (text.rfind("\xEF\xBB\xBF", 0) == 0)
        text = text.substr(3);  // a UTF-8 BOM on the first line
    size_t start = 0;
    while (start < text.size()) {
        size_t nl = text.find('\n', start);
        std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        start = nl == std::string::npos ? text.size() : nl + 1;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();  // bufio.ScanLines drops a trailing \r
        size_t first = line.find_first_not_of(" \t\v\f\r");
        if (first == std::string::npos || line[first] == '#')
            continue;
        line = line.substr(first);
        size_t eq = line.find('=');
        std::string key = line.substr(0, eq);
        validation::Messages errs = validation::isEnvVarName(key);
        if (!errs.empty()) {
            std::string joined;
            for (const std::string& e : errs)
                joined += (joined.empty() ? "" : ";") + e;
            return codec::quoteGo(key) + " is not a valid key name: " + joined;
        }
        // SIMPLIFICATION: a line without "=" takes its value from kubectl's environment;
        // the simulated kubectl has none, so the value is empty.
        out.push_back({key, eq == std::string::npos ? "" : line.substr(eq + 1)});
    }
    return "";
}

std::string base64Encode(const std::string& bytes) {
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        uint32_t n = (uint32_t(uint8_t(bytes[i])) << 16) | (uint32_t(uint8_t(bytes[i + 1])) << 8) | uint8_t(bytes[i + 2]);
        for (int shift : {18, 12, 6, 0})
            out.push_back(alphabet[(n >> shift) & 63]);
    }
    if (i < bytes.size()) {
        uint32_t n = uint32_t(uint8_t(bytes[i])) << 16;
        if (i + 1 < bytes.size())
            n |= uint32_t(uint8_t(bytes[i + 1])) << 8;
        out.push_back(alphabet[(n >> 18) & 63]);
        out.push_back(alphabet[(n >> 12) & 63]);
        out.push_back(i + 1 < bytes.size() ? alphabet[(n >> 6) & 63] : '=');
        out.push_back('=');
    }
    return out;
}

}  // namespace kp::cli
