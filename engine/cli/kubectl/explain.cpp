// kubectl explain RESOURCE[.field.path] [--recursive] [--api-version=GROUP/VERSION]: the
// documentation of a kind or of one of its fields, from the schema table (engine/api/schema),
// laid out as kubectl v1.32's OpenAPI v3 "plaintext" template does:
//   GROUP:      apps                      (grouped kinds only)
//   KIND:       Deployment
//   VERSION:    v1
//
//   FIELD: replicas <integer>             (when a field path is given)
//
//
//   DESCRIPTION:
//       <description, wrapped at 76 columns, indented 4>
//
//   FIELDS:
//     <name>\t<type> -required-
//       <description>
// --recursive lists the field names only, nested two spaces per level, each type expanded once
// along a path (cycles stop).
// The descriptions are the schema table's, written in our own words; a field without one
// prints "<no description>" as kubectl does for such fields.
// SIMPLIFICATION: the value types Quantity, IntOrString and Time add no description of their
// own to a field's DESCRIPTION (kubectl appends the type's documentation there).
// Upstream: kubectl pkg/cmd/explain/explain.go (Validate, Run), pkg/explain/v2/templates/
// plaintext.tmpl, pkg/explain/v2/funcs.go (wrap via mitchellh/go-wordwrap, indent).
#include <algorithm>
#include <cctype>
#include <set>

#include "api/schema/schema.h"
#include "cli/kubectl/cmd_flags.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/kubectl.h"

namespace kp::cli {
namespace {

using schema::Field;
using schema::StructDef;
using schema::Type;
using schema::TypeKind;

// go-wordwrap WrapString: breaks lines at spaces so that they stay within `limit` runes; a
// word longer than the limit gets a line of its own; existing newlines are kept.
std::string wordWrap(const std::string& s, size_t limit) {
    std::string out;
    std::string word;
    std::string space;
    size_t current = 0;
    for (char c : s) {
        if (c == '\n') {
            if (word.empty()) {
                if (current + space.size() > limit)
                    current = 0;
                else
                    out += space;
            } else {
                out += space + word;
                word.clear();
            }
            space.clear();
            out += c;
            current = 0;
        } else if (c == ' ' || c == '\t') {
            if (space.empty() || !word.empty()) {
                current += space.size() + word.size();
                out += space + word;
                space.clear();
                word.clear();
            }
            space += c;
        } else {
            word += c;
            if (current + space.size() + word.size() > limit && word.size() < limit) {
                out += '\n';
                current = 0;
                space.clear();
            }
        }
    }
    if (word.empty()) {
        if (current + space.size() <= limit)
            out += space;
    } else {
        out += space + word;
    }
    return out;
}

// The template's indent: the pad before the text and after every newline in it.
std::string indent(const std::string& s, size_t amount) {
    const std::string pad(amount, ' ');
    std::string out = pad;
    for (char c : s) {
        out += c;
        if (c == '\n')
            out += pad;
    }
    return out;
}

// The struct a field leads to (through lists and maps), or nullptr for plain values.
const StructDef* structOf(const Type* type) {
    while (type && (type->kind == TypeKind::List || type->kind == TypeKind::Map))
        type = type->elem;
    return type && type->kind == TypeKind::Struct ? type->def : nullptr;
}

// "enum: Always, Never, OnFailure" (short view: at most 4 values, then ", ....").
std::string shortEnum(const Field& f, size_t indentAmount) {
    if (f.enumValues.empty())
        return "";
    std::string out = "\n" + std::string(indentAmount, ' ') + "enum: ";
    for (size_t i = 0; i < f.enumValues.size(); ++i) {
        if (i >= 4) {
            out += ", ....";
            break;
        }
        if (i > 0)
            out += ", ";
        out += f.enumValues[i].empty() ? "\"\"" : f.enumValues[i];
    }
    return out;
}

std::string longEnum(const Field& f) {
    if (f.enumValues.empty())
        return "";
    std::string out = "ENUM:";
    for (const std::string& v : f.enumValues)
        out += "\n    " + (v.empty() ? std::string("\"\"") : v);
    return out;
}

// The fieldList template: every field of `def`, sorted by name; with `recursive` only the
// summary lines, descending into each field's struct unless it is already on the path.
void fieldList(const StructDef& def, int level, bool recursive, std::set<std::string> path, std::string& out) {
    if (!path.insert(def.qualifiedName()).second)
        return;
    const size_t indentAmount = static_cast<size_t>(level) * 2;
    for (const Field* f : schema::sortedFields(def)) {
        out += std::string(indentAmount, ' ') + f->name + "\t<" + schema::explainTypeName(*f) + ">";
        if (f->required)
            out += " -required-";
        out += shortEnum(*f, indentAmount) + "\n";
        if (!recursive) {
            // SIMPLIFICATION: no description text for the few fields the schema table leaves
            // without one (kubectl prints upstream's prose there).
            const std::string description = f->description.empty() ? "<no description>" : f->description;
            out += indent(wordWrap(description, 78 - indentAmount), indentAmount + 2) + "\n\n";
            continue;
        }
        if (const StructDef* sub = structOf(f->type))
            fieldList(*sub, level + 1, recursive, path, out);
    }
}

// DESCRIPTION: and FIELDS: for a kind (field == nullptr) or a field.
std::string describe(const StructDef* def, const Field* field, bool recursive) {
    std::string description;
    if (field && !field->description.empty())
        description += field->description + "\n";
    if (def && !def->description.empty())
        description += def->description + "\n";
    if (description.empty())
        description = "<empty>";
    std::string out = "DESCRIPTION:\n" + indent(wordWrap(description, 76), 4) + "\n";
    std::string fields;
    if (def)
        fieldList(*def, 1, recursive, {}, fields);
    if (!fields.empty())
        out += "FIELDS:\n" + fields;
    return out;
}

std::vector<std::string> splitDots(const std::string& s) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        size_t p = s.find('.', start);
        parts.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
        if (p == std::string::npos)
            return parts;
        start = p + 1;
    }
}

}  // namespace

CommandResult kubectlExplain(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl explain");
    flags.boolean("recursive").string("api-version").string("output", "o", "plaintext");
    flags.usage("recursive", "List every field below the given one by name, without descriptions.")
        .usage("api-version", "The group/version of the resource to describe (e.g. autoscaling/v1).")
        .usage("output", "The layout: plaintext or plaintext-openapiv2.");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    // 1. Validate.
    if (flags.args().empty())
        return errorResult("You must specify the type of resource to explain. Use \"kubectl api-resources\" for a "
                           "complete list of supported resources.");
    if (flags.args().size() > 1)
        return errorResult("We accept only this format: explain RESOURCE");
    const std::string output = flags.str("output");
    // SIMPLIFICATION: plaintext-openapiv2 (the older layout) prints the v3 layout too.
    if (output != "plaintext" && output != "plaintext-openapiv2")
        return errorResult("unrecognized format: " + output);

    // 2. The resource (first dotted part, resolved like any resource argument) and the path.
    std::string lowerArg = flags.args()[0];
    std::transform(lowerArg.begin(), lowerArg.end(), lowerArg.begin(), [](unsigned char c) { return std::tolower(c); });
    std::vector<std::string> path = splitDots(flags.args()[0]);
    std::string resourceArg = path.front();
    path.erase(path.begin());
    std::transform(resourceArg.begin(), resourceArg.end(), resourceArg.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    const ResourceRegistry& registry = ResourceRegistry::builtin();
    const ResourceInfo* info = registry.lookup(resourceArg);
    if (!info)
        return errorResult("the server doesn't have a resource type \"" + resourceArg + "\"");
    // "deployments.apps", "events.events.k8s.io": a group-qualified plural names the resource,
    // not fields "apps" or "events.k8s.io".
    for (const ResourceInfo& r : registry.all()) {
        if (r.preferred && !r.group.empty() && lowerArg == r.groupResource()) {
            info = &r;
            path.clear();
            break;
        }
    }
    if (flags.changed("api-version")) {
        const std::string apiVersion = flags.str("api-version");
        const ResourceInfo* versioned = nullptr;
        for (const ResourceInfo& r : registry.all())
            if (r.resource == info->resource && r.apiVersion() == apiVersion)
                versioned = &r;
        if (!versioned) {
            const size_t slash = apiVersion.find('/');
            const std::string group = slash == std::string::npos ? "" : apiVersion.substr(0, slash);
            const std::string version = slash == std::string::npos ? apiVersion : apiVersion.substr(slash + 1);
            return errorResult("couldn't find resource for \"" + group + "/" + version +
                               ", Resource=" + info->resource + "\"");
        }
        info = versioned;
    }
    const StructDef* root = schema::Schema::builtin().kind(info->apiVersion(), info->kind);
    if (!root)
        return errorResult("GVR (" + info->group + "/" + info->version + ", Resource=" + info->resource +
                           ") not found in OpenAPI schema");

    // 3. The header, printed before the field path is followed.
    res.out = info->group.empty() ? "" : "GROUP:      " + info->group + "\n";
    res.out += "KIND:       " + info->kind + "\nVERSION:    " + info->version + "\n\n";

    // 4. Follow the path; kubectl names the last step when any step is missing.
    const StructDef* def = root;
    const Field* field = nullptr;
    for (const std::string& step : path) {
        field = def ? def->field(step) : nullptr;
        if (!field)
            return res.append(errorResult("field \"" + path.back() + "\" does not exist"));
        def = structOf(field->type);
    }
    if (field)
        res.out += "FIELD: " + field->name + " <" + schema::explainTypeName(*field) + ">\n" + longEnum(*field) + "\n\n";
    res.out += describe(def, field, flags.on("recursive")) + "\n";
    return res;
}

}  // namespace kp::cli
