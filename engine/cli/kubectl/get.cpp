// kubectl get: reads objects and prints them the way kubectl v1.32 does.
//  - Human output (no -o, or -o wide) is printed from the Table the apiserver builds
//    (engine/apiserver/printers), decorated on the client as kubectl's HumanReadablePrinter
//    does: hidden priority-1 columns unless -o wide, NAMESPACE for -A, "kind.group/" name
//    prefixes when several types are printed, -L and --show-labels columns. Each resource type
//    is one block with its own header and alignment; blocks are separated by a blank line.
//  - -o name|yaml|json print the objects themselves (kubectl's printGeneric).
// Upstream: kubectl pkg/cmd/get/get.go (Run, printGeneric, multipleGVKsRequested),
// cli-runtime pkg/printers/tableprinter.go (decorateTable, printTable), cli-runtime
// pkg/printers/tabwriter.go, kubectl pkg/cmd/get/sorter.go (--sort-by).
//
// [SECTION] Flags and request targets
// [SECTION] --sort-by
// [SECTION] Human-readable tables
// [SECTION] kubectlGet
#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include "api/jsonpath.h"
#include "api/codec/json_encode.h"
#include "api/codec/yaml_decode.h"
#include "api/codec/yaml_encode.h"
#include "api/labels.h"
#include "api/quantity.h"
#include "base/json_text.h"
#include "apiserver/printers/table.h"
#include "apiserver/rest_reads.h"
#include "metrics/metrics_api.h"
#include "cli/args.h"
#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/get_metrics.h"
#include "cli/kubectl/get_watch.h"
#include "cli/kubectl/kubectl.h"
#include "cli/kubectl/table_printer.h"
#include "cli/kubectl/template_printer.h"
#include "cli/tabwriter.h"

namespace kp::cli {
namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] Flags and request targets
// ---------------------------------------------------------------------------------------------

const std::vector<std::string> kBooleanFlags = {"A",           "all-namespaces", "show-managed-fields", "no-headers",
                                                "show-labels", "show-kind",      "ignore-not-found", "w",
                                                "watch",       "watch-only",     "output-watch-events",
                                                "allow-missing-template-keys"};

// Every format kubectl get knows, in the order its error message lists them.
constexpr const char* kAllowedFormats =
    "json,yaml,name,go-template,go-template-file,template,templatefile,jsonpath,jsonpath-as-json,jsonpath-file,"
    "custom-columns,custom-columns-file,wide";

// "-owide" / "-nkube-system" / "-lapp=web" / "-Lapp": pflag accepts a short flag's value
// attached; our argument parser wants it as the next word.
std::vector<std::string> splitAttachedShortFlags(const std::vector<std::string>& args) {
    std::vector<std::string> out;
    for (const std::string& a : args) {
        if (a.size() > 2 && a[0] == '-' && a[1] != '-' &&
            std::string_view("onlL").find(a[1]) != std::string_view::npos) {
            out.push_back(a.substr(0, 2));
            out.push_back(a[2] == '=' ? a.substr(3) : a.substr(2));
            continue;
        }
        out.push_back(a);
    }
    return out;
}

// One request kubectl makes: a list of a type (name empty) or a GET of one object.
struct Request {
    const ResourceInfo* resource;
    std::string name;
};

// The resources a type argument names: "pods", "deploy", or a category such as "all".
// Upstream: client-go restmapper/category_expansion.go (discovery order), cli-runtime
// builder.go#ReplaceAliases.
std::vector<const ResourceInfo*> expandType(const ResourceRegistry& reg, const std::string& type) {
    if (const ResourceInfo* r = reg.lookup(type))
        return {r};
    std::vector<const ResourceInfo*> out;
    for (const ResourceInfo& r : reg.all())
        if (r.preferred && r.inCategory(type))
            out.push_back(&r);
    return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        size_t comma = s.find(sep, start);
        out.push_back(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos)
            return out;
        start = comma + 1;
    }
}

// Turns positional arguments into requests, as the resource builder does:
//   pods | pods,svc | all            -> one list per type (duplicates dropped)
//   pods a b | pods,svc a            -> one GET per type and name
//   pod/a svc/b                      -> one GET each
// Returns false with kubectl's error text.
bool buildRequests(const ResourceRegistry& reg, const std::vector<std::string>& args, std::vector<Request>& out,
                   bool& named, std::string& error) {
    auto resolve = [&](const std::string& type, std::vector<const ResourceInfo*>& into) {
        std::vector<const ResourceInfo*> found = expandType(reg, type);
        if (found.empty()) {
            error = "error: the server doesn't have a resource type \"" + type + "\"\n";
            return false;
        }
        for (const ResourceInfo* r : found)
            if (std::find(into.begin(), into.end(), r) == into.end())
                into.push_back(r);
        return true;
    };
    if (args[0].find('/') != std::string::npos) {
        named = true;
        for (const std::string& p : args) {
            size_t slash = p.find('/');
            if (slash == std::string::npos) {
                error =
                    "error: there is no need to specify a resource type as a separate argument when passing "
                    "arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of "
                    "'kubectl get resource resource/<resource_name>'\n";
                return false;
            }
            std::vector<const ResourceInfo*> types;
            if (!resolve(p.substr(0, slash), types))
                return false;
            for (const ResourceInfo* r : types)
                out.push_back({r, p.substr(slash + 1)});
        }
        return true;
    }
    std::vector<const ResourceInfo*> types;
    for (const std::string& t : split(args[0], ','))
        if (!resolve(t, types))
            return false;
    named = args.size() > 1;
    for (const ResourceInfo* r : types) {
        if (!named) {
            out.push_back({r, ""});
            continue;
        }
        for (size_t i = 1; i < args.size(); ++i)
            out.push_back({r, args[i]});
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] --sort-by
// ---------------------------------------------------------------------------------------------

// A field path: "{.status.containerStatuses[0].restartCount}", ".metadata.name" or "metadata.name".
// SIMPLIFICATION: only field names and [index] steps; kubectl accepts any JSONPath here.
struct PathStep {
    std::string key;
    std::vector<size_t> indexes;
};

std::optional<std::vector<PathStep>> parseSortPath(std::string spec) {
    if (spec.size() >= 2 && spec.front() == '{' && spec.back() == '}')
        spec = spec.substr(1, spec.size() - 2);
    if (!spec.empty() && spec[0] == '.')
        spec.erase(0, 1);
    if (spec.empty())
        return std::nullopt;
    std::vector<PathStep> steps;
    for (const std::string& part : split(spec, '.')) {
        PathStep step;
        size_t bracket = part.find('[');
        step.key = part.substr(0, bracket);
        while (bracket != std::string::npos) {
            size_t close = part.find(']', bracket);
            if (close == std::string::npos)
                return std::nullopt;
            std::string digits = part.substr(bracket + 1, close - bracket - 1);
            if (digits.empty() ||
                !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); }))
                return std::nullopt;
            step.indexes.push_back(std::stoul(digits));
            bracket = part.find('[', close);
        }
        steps.push_back(std::move(step));
    }
    return steps;
}

const Json* evalPath(const Json& root, const std::vector<PathStep>& steps) {
    const Json* cur = &root;
    for (const PathStep& s : steps) {
        if (!s.key.empty()) {
            if (!cur->is_object() || !cur->contains(s.key))
                return nullptr;
            cur = &(*cur)[s.key];
        }
        for (size_t i : s.indexes) {
            if (!cur->is_array() || i >= cur->size())
                return nullptr;
            cur = &(*cur)[i];
        }
    }
    return cur->is_null() ? nullptr : cur;
}

// kubectl's isLess for the values of unstructured objects: numbers by value, strings as
// quantities when both parse ("100m" < "1"), else byte-wise.
bool valueLess(const Json& a, const Json& b) {
    if (a.is_number() && b.is_number())
        return a.get<double>() < b.get<double>();
    if (a.is_string() && b.is_string()) {
        const std::string& x = a.get_ref<const std::string&>();
        const std::string& y = b.get_ref<const std::string&>();
        auto qx = resource::Quantity::parse(x, nullptr);
        auto qy = resource::Quantity::parse(y, nullptr);
        if (qx && qy)
            return qx->cmp(*qy) < 0;
        return x < y;
    }
    return false;
}

// Orders `items` by the field each one has at `steps`, as kubectl's TableSorter does
// (an item without the field sorts before any other). Returns false when no item has it.
// Upstream: kubectl pkg/cmd/get/sorter.go#TableSorter.Less; Go's sort.Sort is an insertion
// sort up to 12 items, reproduced exactly.
// SIMPLIFICATION: above 12 items a stable sort with missing values first stands in for Go's
// pdqsort, which may order equal keys differently.
template <typename T>
bool sortByField(std::vector<T>& items, const std::vector<PathStep>& steps, const Json& (*objectOf)(const T&)) {
    std::vector<const Json*> keys;
    bool foundOnce = false;
    for (const T& item : items) {
        keys.push_back(evalPath(objectOf(item), steps));
        foundOnce = foundOnce || keys.back();
    }
    if (!items.empty() && !foundOnce)
        return false;
    auto less = [&](size_t i, size_t j) {
        if (!keys[i])
            return true;
        if (!keys[j])
            return false;
        return valueLess(*keys[i], *keys[j]);
    };
    std::vector<size_t> order(items.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    if (items.size() <= 12) {
        for (size_t i = 1; i < order.size(); ++i)
            for (size_t j = i; j > 0 && less(order[j], order[j - 1]); --j)
                std::swap(order[j], order[j - 1]);
    } else {
        std::stable_sort(order.begin(), order.end(), [&](size_t i, size_t j) {
            if (!keys[i] || !keys[j])
                return !keys[i] && keys[j];
            return valueLess(*keys[i], *keys[j]);
        });
    }
    std::vector<T> sorted;
    sorted.reserve(items.size());
    for (size_t i : order)
        sorted.push_back(std::move(items[i]));
    items = std::move(sorted);
    return true;
}

std::string sortFieldNotFound(const std::string& spec) {
    std::string field = spec;
    if (!(field.size() >= 2 && field.front() == '{')) {
        if (!field.empty() && field[0] == '.')
            field.erase(0, 1);
        field = "{." + field + "}";
    }
    return "error: couldn't find any field with path \"" + field + "\" in the list of objects\n";
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Human-readable tables
// ---------------------------------------------------------------------------------------------

// kubectl's own NAME / AGE table for --server-print=false.
// Upstream: cli-runtime pkg/printers/tableprinter.go#printObjectMeta
Json clientSideTable(const std::vector<Json>& objects, Time now) {
    Json table = {
        {"columnDefinitions", Json::array({{{"name", "Name"}, {"type", "string"}, {"format", "name"}, {"priority", 0}},
                                           {{"name", "Age"}, {"type", "string"}, {"format", ""}, {"priority", 0}}})},
        {"rows", Json::array()}};
    for (const Json& obj : objects) {
        auto created = parseRFC3339(stringAt(obj, "metadata.creationTimestamp"));
        table["rows"].push_back(
            {{"cells", {stringAt(obj, "metadata.name"), translateTimestampSince(created ? *created : Time{}, now)}},
             {"object", {{"metadata", obj.contains("metadata") ? obj["metadata"] : Json::object()}}}});
    }
    return table;
}

// `kubectl get --raw PATH`: the apiserver's body as it is (rawhttp.RawGet). A failure is the
// Status the server sent, or NotFound for a path nothing serves.
CommandResult rawGet(KubectlContext& ctx, const ParsedArgs& a) {
    const std::string path = a.get("raw");
    if (!a.positional.empty())
        return CommandResult::failure("error: arguments may not be passed when --raw is specified\n");
    if (a.on("w") || a.on("watch") || a.on("watch-only") || !a.get("l", a.get("selector", "")).empty())
        return CommandResult::failure(
            "error: --raw may not be specified with other flags that filter the server request or alter the output\n");
    if (!a.get("o", a.get("output", "")).empty())
        return CommandResult::failure("error: --raw and --output are mutually exclusive\n");
    if (path.empty() || path[0] != '/')
        return CommandResult::failure("error: --raw must be a valid URL path: parse \"" + path +
                                      "\": invalid URI for request\n");
    // The aggregated Metrics API first (metrics-server behind the apiserver), then its own routes.
    std::optional<RestReply> reply = metrics::serveMetricsApi(ctx.cluster.store(), path, false, ctx.cluster.now());
    if (!reply)
        reply = serveRestRead(ctx.cluster.apiServer(), path, false);
    if (!reply)
        return CommandResult::failure(
            serverErrorText(Status::failure(404, "NotFound", "the server could not find the requested resource")));
    if (reply->code >= 300) {
        const Json body = Json::parse(reply->body, nullptr, false);
        if (!body.is_object() && reply->code == 503)  // client-go's generic text for a 503 without a Status
            return CommandResult::failure(serverErrorText(
                Status::failure(503, "ServiceUnavailable", "the server is currently unable to handle the request")));
        if (!body.is_object() && reply->code == 404)
            return CommandResult::failure(
                serverErrorText(Status::failure(404, "NotFound", "the server could not find the requested resource")));
        return CommandResult::failure(serverErrorText(body.is_object() ? Status::fromJson(body)
                                                                       : Status::failure(reply->code, "", reply->body)));
    }
    CommandResult res;
    res.out = reply->body;
    return res;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] kubectlGet
// ---------------------------------------------------------------------------------------------

CommandResult kubectlGet(KubectlContext& ctx, const std::vector<std::string>& rawArgs) {
    std::string err;
    ParsedArgs a = parseArgs(splitAttachedShortFlags(rawArgs), kBooleanFlags, err);
    if (!err.empty())
        return CommandResult::failure("error: " + err + "\n");
    if (a.has("raw"))
        return rawGet(ctx, a);
    if (a.positional.empty())
        return CommandResult::failure(
            "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of "
            "supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for "
            "a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and "
            "examples\n");

    // Complete and Validate.
    const bool allNamespaces = a.on("A") || a.on("all-namespaces");
    const std::string ns = a.get("n", a.get("namespace", ctx.defaultNamespace));
    const std::string output = a.get("o", a.get("output", ""));
    const bool human = output.empty() || output == "wide";
    const bool showLabels = a.on("show-labels");
    const bool ignoreNotFound = a.on("ignore-not-found");
    const std::string sortBy = a.get("sort-by", "");
    // -o jsonpath=TEMPLATE, jsonpath-as-json=TEMPLATE, jsonpath-file=FILE (or the format alone and
    // the template in --template).
    std::string jsonPath;
    const std::string format = output.substr(0, output.find('='));
    const bool isJsonPath = format == "jsonpath" || format == "jsonpath-as-json" || format == "jsonpath-file";
    if (isJsonPath) {
        jsonPath = output.size() > format.size() ? output.substr(format.size() + 1) : a.get("template", "");
        if (jsonPath.empty())
            return CommandResult::failure("error: template format specified but no template given\n");
        if (format == "jsonpath-file") {
            std::optional<std::string> text = ctx.fs.readFile(jsonPath);
            if (!text)
                return CommandResult::failure("error: error reading --template " + jsonPath + ", open " + jsonPath +
                                              ": no such file or directory\n");
            jsonPath = *text;
        }
    }
    const api::JsonPathOutput jsonPathOutput =
        format == "jsonpath-as-json" ? api::JsonPathOutput::JsonArrays : api::JsonPathOutput::Text;
    // -o go-template|template(file)|custom-columns(-file): printed by a TemplatePrinter.
    const bool isTemplate = isGoTemplateFormat(output) || isCustomColumnsFormat(output);
    // Built once the objects are there, as printGeneric does (its errors come after the server's).
    auto makeTemplatePrinter = [&](TemplatePrinter& printer, std::string& error) {
        return TemplatePrinter::make(output, a.get("template", ""), a.get("allow-missing-template-keys", "true") != "false",
                                     a.on("no-headers"), ctx.fs, printer, error);
    };
    if (!human && !isJsonPath && !isTemplate && output != "yaml" && output != "json" && output != "name")
        return CommandResult::failure("error: unable to match a printer suitable for the output format \"" + output +
                                      "\", allowed formats are: " + kAllowedFormats + "\n");
    if (showLabels && !human)
        return CommandResult::failure("error: --show-labels option cannot be used with " + output + " printer\n");
    std::optional<std::vector<PathStep>> sortPath;
    if (!sortBy.empty()) {
        sortPath = parseSortPath(sortBy);
        if (!sortPath)
            return CommandResult::failure(
                "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or "
                "'{name1.name2}' or '{.name1.name2}'\n");
    }

    MetricsGetOptions metricsOptions{ns, allNamespaces, output, a.on("no-headers")};
    if (std::optional<CommandResult> metricsResult = getMetricsResources(ctx, a.positional, metricsOptions))
        return *metricsResult;

    const ResourceRegistry& reg = ctx.cluster.apiServer().resources();
    std::vector<Request> requests;
    bool named = false;
    if (!buildRequests(reg, a.positional, requests, named, err))
        return CommandResult::failure(err);
    ListOptions listOpts;
    listOpts.labelSelector = a.get("l", a.get("selector", ""));
    listOpts.fieldSelector = a.get("field-selector", "");
    if (named && (!listOpts.labelSelector.empty() || !listOpts.fieldSelector.empty()))
        return CommandResult::failure("error: name cannot be provided when a selector is specified\n");

    const bool watch = a.on("w") || a.on("watch") || a.on("watch-only");
    Duration requestTimeout;
    if (watch) {
        for (const Request& req : requests)
            if (req.resource != requests[0].resource)
                return CommandResult::failure("error: you may only specify a single resource type\n");
        // --request-timeout: a bare number counts seconds (client-go clientcmd).
        std::string timeout = a.get("request-timeout", "0");
        if (!timeout.empty() && timeout.find_first_not_of("0123456789") == std::string::npos)
            timeout += "s";
        if (std::string bad = parseGoDuration(timeout, requestTimeout); !bad.empty())
            return CommandResult::failure("error: invalid argument \"" + a.get("request-timeout", "") +
                                          "\" for \"--request-timeout\" flag: " + bad + "\n");
    }

    // Run: one response per request. A list is one response even when empty, as kubectl's
    // builder gives one Info per list.
    struct Response {
        const ResourceInfo* resource;
        std::vector<Json> objects;
        std::string resourceVersion;  // of the list, or of the one object
    };
    CommandResult res;
    std::vector<Response> responses;
    bool hadErrors = false;
    const ApiServer& server = ctx.cluster.apiServer();
    for (const Request& req : requests) {
        const bool namespaced = req.resource->namespaced && !allNamespaces;
        if (!req.name.empty()) {
            if (req.resource->namespaced && allNamespaces)
                return CommandResult::failure("error: a resource cannot be retrieved by name across all namespaces\n");
            ApiResponse resp = server.get(*req.resource, namespaced ? ns : "", req.name);
            if (!resp.ok()) {
                if (ignoreNotFound && resp.status.reason() == "NotFound")
                    continue;
                res.append(CommandResult::failure(serverErrorText(resp.status)));
                hadErrors = true;
                continue;
            }
            const std::string rv = stringAt(resp.object, "metadata.resourceVersion");
            responses.push_back({req.resource, {std::move(resp.object)}, rv});
            continue;
        }
        ApiResponse list = server.list(*req.resource, namespaced ? ns : "", listOpts);
        if (!list.ok())
            return CommandResult::failure(serverErrorText(list.status));
        Response r{req.resource, {}, stringAt(list.object, "metadata.resourceVersion")};
        for (Json& item : list.object["items"])
            r.objects.push_back(std::move(item));
        responses.push_back(std::move(r));
    }
    // managedFields only with --show-managed-fields, their packed sets expanded (base/json_text.h).
    // Nothing else is packed: without the flag there is nothing to expand.
    const bool showManagedFields = a.on("show-managed-fields");
    for (Response& r : responses)
        for (Json& obj : r.objects) {
            if (showManagedFields)
                expandPackedJsonText(obj);
            else if (obj.contains("metadata"))
                obj["metadata"].erase("managedFields");
        }

    // -L KEY1,KEY2 (repeatable): one column per label key.
    std::vector<std::string> labelColumns;
    for (const char* flag : {"L", "label-columns"})
        for (const std::string& spec : a.getAll(flag))
            for (const std::string& key : split(spec, ','))
                labelColumns.push_back(key);

    if (watch) {
        if (responses.empty())
            return res;  // the object was not found: only the error
        GetWatchSpec spec;
        spec.resource = responses[0].resource;
        spec.ns = spec.resource->namespaced && !allNamespaces ? ns : "";
        spec.name = requests[0].name;
        spec.labelSelector = listOpts.labelSelector;
        spec.fieldSelector = listOpts.fieldSelector;
        spec.resourceVersion = responses[0].resourceVersion;
        spec.initial = std::move(responses[0].objects);
        spec.output = isJsonPath ? "jsonpath" : isTemplate ? "template" : output;
        spec.jsonPath = jsonPath;
        spec.jsonPathOutput = jsonPathOutput;
        if (isTemplate) {
            TemplatePrinter printer;
            std::string printerError;
            if (!makeTemplatePrinter(printer, printerError))
                return res.append(CommandResult::failure(printerError));
            spec.templatePrinter = std::move(printer);
        }
        spec.human.noHeaders = a.on("no-headers");
        spec.human.showLabels = showLabels;
        spec.human.labelColumns = labelColumns;
        spec.human.withNamespace = allNamespaces && spec.resource->namespaced;
        spec.watchOnly = a.on("watch-only");
        spec.outputWatchEvents = a.on("output-watch-events");
        spec.requestTimeout = requestTimeout;
        return res.append(startGetWatch(ctx, std::move(spec)));
    }

    // printGeneric: -o name|yaml|json print the objects.
    if (!human) {
        std::vector<std::pair<const ResourceInfo*, Json>> objects;
        for (Response& r : responses)
            for (Json& obj : r.objects)
                objects.emplace_back(r.resource, std::move(obj));
        if (sortPath && !sortByField<std::pair<const ResourceInfo*, Json>>(
                            objects, *sortPath,
                            [](const std::pair<const ResourceInfo*, Json>& p) -> const Json& { return p.second; }))
            return CommandResult::failure(sortFieldNotFound(sortBy));
        const bool singleItemImplied = requests.size() == 1 && named;
        if (objects.empty() && singleItemImplied)
            return res;  // only the error
        if (output == "name") {
            for (const auto& [r, obj] : objects)
                res.out += resourceName(*r, stringAt(obj, "metadata.name")) + "\n";
            return res;
        }
        Json doc;
        if (singleItemImplied && objects.size() == 1) {
            doc = std::move(objects[0].second);
        } else {
            std::vector<Json> items;
            for (auto& [r, obj] : objects)
                items.push_back(std::move(obj));
            doc = codec::kubectlList(std::move(items));
        }
        if (isTemplate) {
            TemplatePrinter printer;
            std::string printerError;
            if (!makeTemplatePrinter(printer, printerError))
                return res.append(CommandResult::failure(printerError));
            std::string printError = printer.print(doc, res.out);
            if (!printError.empty())
                res.append(CommandResult::failure(printError));
            return res;
        }
        if (isJsonPath) {
            api::JsonPathResult text = api::evalJsonPathTemplate(jsonPath, doc, jsonPathOutput);
            if (!text.ok())
                return res.append(CommandResult::failure("error: " + text.error + "\n"));
            // --allow-missing-template-keys defaults to true: a missing field prints nothing.
            res.out += text.text;
            return res;
        }
        res.out += output == "yaml" ? codec::toYamlText(doc) : codec::printJson(doc);
        return res;
    }

    // Human output, from the server's Tables.
    HumanOptions opts;
    opts.wide = output == "wide";
    opts.noHeaders = a.on("no-headers");
    opts.showLabels = showLabels;
    opts.labelColumns = labelColumns;
    // multipleGVKsRequested: several responses of different types.
    bool withKind = a.on("show-kind");
    for (const Response& r : responses)
        withKind = withKind || (responses.size() > 1 && r.resource != responses[0].resource);
    const bool serverPrint = a.get("server-print", "true") != "false";

    printers::TableOptions tableOpts;
    tableOpts.includeObject = sortPath ? printers::IncludeObject::Object : printers::IncludeObject::Metadata;
    std::vector<std::pair<const ResourceInfo*, Json>> tables;
    for (const Response& r : responses) {
        Json table = serverPrint ? printers::toTable(*r.resource, r.objects, ctx.cluster.now(), tableOpts)
                                 : clientSideTable(r.objects, ctx.cluster.now());
        if (sortPath &&
            !sortByField<Json>(table["rows"].get_ref<Json::array_t&>(), *sortPath, [](const Json& row) -> const Json& {
                static const Json none;
                return row.contains("object") ? row["object"] : none;
            }))
            return CommandResult::failure(sortFieldNotFound(sortBy));
        tables.emplace_back(r.resource, std::move(table));
    }

    bool allResourcesNamespaced = !allNamespaces;
    bool written = false;
    for (size_t i = 0; i < tables.size();) {
        const ResourceInfo* resource = tables[i].first;
        // Consecutive responses of one type share a printer: one header, one alignment.
        std::vector<const Json*> rows;
        size_t j = i;
        for (; j < tables.size() && tables[j].first == resource; ++j) {
            allResourcesNamespaced = allResourcesNamespaced && resource->namespaced;
            for (const Json& row : tables[j].second["rows"])
                rows.push_back(&row);
        }
        opts.withNamespace = allNamespaces && resource->namespaced;
        opts.kindPrefix = withKind ? groupKindLower(*resource) : "";
        std::string block = printRows(tables[i].second["columnDefinitions"], rows, opts);
        if (!block.empty()) {
            if (written && !opts.noHeaders)
                res.out += "\n";
            res.out += block;
            written = true;
        }
        i = j;
    }
    if (!written && !ignoreNotFound && !hadErrors)
        res.err += allResourcesNamespaced ? "No resources found in " + ns + " namespace.\n" : "No resources found\n";
    return res;
}

}  // namespace kp::cli
