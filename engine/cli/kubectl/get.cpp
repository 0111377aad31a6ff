// kubectl get: objects by type and name as YAML, JSON or names.
// SIMPLIFICATION: without -o this prints kubectl's NAME/AGE fallback (what kubectl shows for a
// server without Table support) until the printers with server-side columns land.
#include <algorithm>

#include "api/codec/json_encode.h"
#include "api/codec/yaml_decode.h"
#include "api/codec/yaml_encode.h"
#include "cli/args.h"
#include "cli/kubectl/kubectl.h"

namespace kp::cli {
namespace {

struct Target {
    const ResourceInfo* resource;
    std::vector<std::string> names;
};

std::string padRight(const std::string& s, size_t width) { return s + std::string(width > s.size() ? width - s.size() : 0, ' '); }

// kubectl's tabwriter: columns padded to the widest cell plus three spaces.
std::string table(const std::vector<std::vector<std::string>>& rows) {
    std::vector<size_t> widths;
    for (const auto& row : rows)
        for (size_t i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths.push_back(0);
            widths[i] = std::max(widths[i], row[i].size());
        }
    std::string out;
    for (const auto& row : rows) {
        for (size_t i = 0; i < row.size(); ++i)
            out += i + 1 == row.size() ? row[i] : padRight(row[i], widths[i] + 3);
        out += "\n";
    }
    return out;
}

}  // namespace

CommandResult kubectlGet(KubectlContext& ctx, const std::vector<std::string>& args) {
    std::string err;
    ParsedArgs a = parseArgs(args, {"A", "all-namespaces", "show-managed-fields", "no-headers"}, err);
    if (!err.empty())
        return CommandResult::failure("error: " + err + "\n");
    if (a.positional.empty())
        return CommandResult::failure(
            "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of "
            "supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for "
            "a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and "
            "examples\n");
    const ResourceRegistry& reg = ctx.cluster.apiServer().resources();
    std::vector<Target> targets;
    bool named = false;
    if (a.positional[0].find('/') != std::string::npos) {
        for (const std::string& p : a.positional) {
            size_t slash = p.find('/');
            if (slash == std::string::npos)
                return CommandResult::failure("error: there is no need to specify a resource type as a separate "
                                              "argument when passing arguments in resource/name form (e.g. 'kubectl "
                                              "get resource/<resource_name>' instead of 'kubectl get resource "
                                              "resource/<resource_name>'\n");
            const ResourceInfo* r = reg.lookup(p.substr(0, slash));
            if (!r)
                return CommandResult::failure("error: the server doesn't have a resource type \"" + p.substr(0, slash) + "\"\n");
            targets.push_back({r, {p.substr(slash + 1)}});
        }
        named = true;
    } else {
        std::string types = a.positional[0];
        std::vector<std::string> names(a.positional.begin() + 1, a.positional.end());
        named = !names.empty();
        size_t start = 0;
        while (start <= types.size()) {
            size_t comma = types.find(',', start);
            std::string t = types.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            const ResourceInfo* r = reg.lookup(t);
            if (!r)
                return CommandResult::failure("error: the server doesn't have a resource type \"" + t + "\"\n");
            targets.push_back({r, names});
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
    }

    const bool allNamespaces = a.has("A") || a.has("all-namespaces");
    const std::string ns = a.get("n", a.get("namespace", ctx.defaultNamespace));
    const std::string output = a.get("o", a.get("output", ""));
    if (!output.empty() && output != "yaml" && output != "json" && output != "name")
        return CommandResult::failure("error: unable to match a printer suitable for the output format \"" + output +
                                      "\", allowed formats are: json,name,yaml\n");
    ListOptions listOpts;
    listOpts.labelSelector = a.get("l", a.get("selector", ""));
    listOpts.fieldSelector = a.get("field-selector", "");

    CommandResult res;
    std::vector<std::pair<const ResourceInfo*, Json>> objects;
    for (const Target& t : targets) {
        std::string where = t.resource->namespaced && !allNamespaces ? ns : "";
        if (!t.names.empty()) {
            for (const std::string& n : t.names) {
                ApiResponse resp = ctx.cluster.apiServer().get(*t.resource, where, n);
                if (!resp.ok()) {
                    res.append(CommandResult::failure(serverErrorText(resp.status)));
                    continue;
                }
                objects.emplace_back(t.resource, std::move(resp.object));
            }
            continue;
        }
        ApiResponse list = ctx.cluster.apiServer().list(*t.resource, where, listOpts);
        if (!list.ok())
            return CommandResult::failure(serverErrorText(list.status));
        for (Json& item : list.object["items"])
            objects.emplace_back(t.resource, std::move(item));
    }
    if (!a.has("show-managed-fields"))
        for (auto& [r, obj] : objects)
            if (obj.contains("metadata"))
                obj["metadata"].erase("managedFields");

    if (objects.empty() && named)
        return res;  // only the errors
    if (objects.empty()) {
        bool namespaced = std::any_of(targets.begin(), targets.end(), [](const Target& t) { return t.resource->namespaced; });
        res.err += namespaced && !allNamespaces ? "No resources found in " + ns + " namespace.\n" : "No resources found\n";
        return res;
    }
    if (output == "name") {
        for (const auto& [r, obj] : objects)
            res.out += resourceName(*r, stringAt(obj, "metadata.name")) + "\n";
        return res;
    }
    if (output == "yaml" || output == "json") {
        Json doc;
        if (named && objects.size() == 1 && targets.size() == 1 && targets[0].names.size() == 1) {
            doc = objects[0].second;
        } else {
            std::vector<Json> items;
            for (auto& [r, obj] : objects)
                items.push_back(obj);
            doc = codec::kubectlList(std::move(items));
        }
        res.out += output == "yaml" ? codec::toYamlText(doc) : codec::printJson(doc);
        return res;
    }
    std::vector<std::vector<std::string>> rows;
    bool multiType = targets.size() > 1;
    if (!a.has("no-headers"))
        rows.push_back(allNamespaces ? std::vector<std::string>{"NAMESPACE", "NAME", "AGE"}
                                     : std::vector<std::string>{"NAME", "AGE"});
    for (const auto& [r, obj] : objects) {
        std::string name = multiType ? resourceName(*r, stringAt(obj, "metadata.name")) : stringAt(obj, "metadata.name");
        auto created = parseRFC3339(stringAt(obj, "metadata.creationTimestamp"));
        std::string age = translateTimestampSince(created ? *created : Time{}, ctx.cluster.now());
        if (allNamespaces)
            rows.push_back({stringAt(obj, "metadata.namespace"), name, age});
        else
            rows.push_back({name, age});
    }
    res.out += table(rows);
    return res;
}

}  // namespace kp::cli
