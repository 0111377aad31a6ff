// [SECTION] Escaping                    (apimachinery pkg/fields/selector.go EscapeValue, UnescapeValue)
// [SECTION] Selector                    (pkg/fields/selector.go parseSelector, hasTerm, notHasTerm, andTerm)
// [SECTION] Field label conversion      (kubernetes pkg/apis/*/v1/conversion.go, runtime.DefaultMetaV1FieldSelectorConversion)
// [SECTION] Selectable fields           (kubernetes pkg/registry/**/strategy.go ToSelectableFields)
#include "api/fields.h"

#include <algorithm>

#include "api/labels.h"
#include "api/resources.h"

namespace kp::fields {

// ---------------------------------------------------------------------------------------------
// [SECTION] Escaping
// ---------------------------------------------------------------------------------------------

namespace {

// Byte length of the UTF-8 sequence starting with `lead` (1 for ASCII and for invalid bytes,
// which Go also steps over one at a time).
size_t utf8Length(unsigned char lead) {
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xE) return 3;
    if ((lead >> 3) == 0x1E) return 4;
    return 1;
}

}  // namespace

// Upstream: apimachinery pkg/fields/selector.go#EscapeValue
std::string escapeValue(std::string_view value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == ',' || c == '=')
            out += '\\';
        out += c;
    }
    return out;
}

// Upstream: apimachinery pkg/fields/selector.go#UnescapeValue
std::optional<std::string> unescapeValue(std::string_view value, std::string* error) {
    if (value.find_first_of("\\,=") == std::string_view::npos)
        return std::string(value);
    std::string out;
    bool inSlash = false;
    size_t i = 0;
    while (i < value.size()) {
        size_t len = std::min(utf8Length(static_cast<unsigned char>(value[i])), value.size() - i);
        std::string_view rune = value.substr(i, len);
        i += len;
        if (inSlash) {
            if (rune != "\\" && rune != "," && rune != "=") {
                if (error)
                    *error = "invalid field selector: invalid escape sequence: \\" + std::string(rune);
                return std::nullopt;
            }
            out += rune;
            inSlash = false;
            continue;
        }
        if (rune == "\\") {
            inSlash = true;
        } else if (rune == "," || rune == "=") {
            // Go prints the rune with %v: its code point in decimal (',' = 44, '=' = 61).
            if (error)
                *error = "invalid field selector: unescaped character in value: " + std::to_string(int(rune[0]));
            return std::nullopt;
        } else {
            out += rune;
        }
    }
    if (inSlash) {
        if (error)
            *error = "invalid field selector: invalid escape sequence: \\";
        return std::nullopt;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Selector
// ---------------------------------------------------------------------------------------------

namespace {

// Splits at commas not preceded by a backslash escape.
std::vector<std::string> splitTerms(std::string_view selector) {
    std::vector<std::string> terms;
    if (selector.empty())
        return terms;
    size_t start = 0;
    bool inSlash = false;
    for (size_t i = 0; i < selector.size(); ++i) {
        char c = selector[i];
        if (inSlash) {
            inSlash = false;
        } else if (c == '\\') {
            inSlash = true;
        } else if (c == ',') {
            terms.emplace_back(selector.substr(start, i - start));
            start = i + 1;
        }
    }
    terms.emplace_back(selector.substr(start));
    return terms;
}

struct SplitTerm {
    std::string lhs;
    std::string op;
    std::string rhs;
};

// The first position (left to right) where "!=", "==" or "=" starts; "!=" and "==" win over "=".
std::optional<SplitTerm> splitTerm(std::string_view term) {
    static constexpr std::string_view kOperators[] = {"!=", "==", "="};
    for (size_t i = 0; i < term.size(); ++i) {
        std::string_view rest = term.substr(i);
        for (std::string_view op : kOperators)
            if (rest.substr(0, op.size()) == op)
                return SplitTerm{std::string(term.substr(0, i)), std::string(op), std::string(rest.substr(op.size()))};
    }
    return std::nullopt;
}

}  // namespace

Selector Selector::nothing() {
    Selector s;
    s.nothing_ = true;
    return s;
}

Selector Selector::oneTermEqual(std::string field, std::string value) {
    Selector s;
    s.requirements_.push_back({std::move(field), Operator::Equals, std::move(value)});
    return s;
}

// Upstream: apimachinery pkg/fields/selector.go#parseSelector
std::optional<Selector> Selector::parse(std::string_view text, std::string* error) {
    std::vector<std::string> parts = splitTerms(text);
    std::sort(parts.begin(), parts.end());
    Selector s;
    for (const std::string& part : parts) {
        if (part.empty())
            continue;
        auto term = splitTerm(part);
        if (!term) {
            if (error)
                *error = "invalid selector: '" + std::string(text) + "'; can't understand '" + part + "'";
            return std::nullopt;
        }
        auto value = unescapeValue(term->rhs, error);
        if (!value)
            return std::nullopt;
        if (term->lhs.empty() && value->empty())
            continue;  // upstream's Transform turns a term with neither field nor value into Everything
        Operator op = term->op == "!=" ? Operator::NotEquals : Operator::Equals;
        s.requirements_.push_back({term->lhs, op, std::move(*value)});
    }
    return s;
}

bool Selector::matches(const Set& fields) const {
    if (nothing_)
        return false;
    for (const auto& r : requirements_) {
        auto it = fields.find(r.field);
        const std::string& actual = it == fields.end() ? std::string() : it->second;
        bool equal = actual == r.value;
        if (equal != (r.op == Operator::Equals))
            return false;
    }
    return true;
}

std::string Selector::toString() const {
    std::string out;
    for (size_t i = 0; i < requirements_.size(); ++i) {
        const auto& r = requirements_[i];
        if (i > 0)
            out += ",";
        out += r.field + (r.op == Operator::Equals ? "=" : "!=") + escapeValue(r.value);
    }
    return out;
}

std::optional<std::string> Selector::requiresExactMatch(std::string_view field) const {
    for (const auto& r : requirements_)
        if (r.op == Operator::Equals && r.field == field)
            return r.value;
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Field label conversion
// ---------------------------------------------------------------------------------------------

namespace {

enum class ErrorStyle {
    NotSupported,        // field label not supported: X
    NotSupportedForJob,  // field label "X" not supported for Job
    NotKnown,            // "X" is not a known field selector: only "metadata.name", "metadata.namespace"
};

struct LabelMapping {
    std::string_view external;
    std::string_view internal = {};  // empty: the same name
};

struct ConversionRules {
    std::string_view groupResource;
    ErrorStyle errorStyle;
    std::vector<LabelMapping> labels;
};

// The resources whose kind registers a field label conversion function in v1.32. Everything
// else falls back to the default conversion (metadata.name and metadata.namespace only).
// Not modelled: certificatesigningrequests (spec.signerName), resource.k8s.io slices, CRDs.
// Note apps/v1 registers none: `kubectl get rs --field-selector status.replicas=1` fails with
// the default message although the registry exposes status.replicas (kubernetes#135136).
const std::vector<ConversionRules>& conversionTable() {
    static const std::vector<ConversionRules> table = {
        // Upstream: kubernetes pkg/apis/core/v1/conversion.go#addConversionFuncs
        {"pods", ErrorStyle::NotSupported,
         {{"metadata.name"}, {"metadata.namespace"}, {"spec.nodeName"}, {"spec.restartPolicy"},
          {"spec.schedulerName"}, {"spec.serviceAccountName"}, {"spec.hostNetwork"}, {"status.phase"},
          {"status.podIP"}, {"status.podIPs"}, {"status.nominatedNodeName"},
          {"spec.host", "spec.nodeName"}}},  // old v1 clients' name for spec.nodeName
        {"nodes", ErrorStyle::NotSupported, {{"metadata.name"}, {"spec.unschedulable"}}},
        {"replicationcontrollers", ErrorStyle::NotSupported,
         {{"metadata.name"}, {"metadata.namespace"}, {"status.replicas"}}},
        // Upstream: kubernetes pkg/apis/core/v1/conversion.go#AddFieldLabelConversionsForEvent,
        // ...ForNamespace, ...ForSecret, ...ForService
        {"events", ErrorStyle::NotSupported,
         {{"involvedObject.kind"}, {"involvedObject.namespace"}, {"involvedObject.name"}, {"involvedObject.uid"},
          {"involvedObject.apiVersion"}, {"involvedObject.resourceVersion"}, {"involvedObject.fieldPath"},
          {"reason"}, {"reportingComponent"}, {"source"}, {"type"}, {"metadata.namespace"}, {"metadata.name"}}},
        {"namespaces", ErrorStyle::NotSupported, {{"status.phase"}, {"metadata.name"}}},
        {"secrets", ErrorStyle::NotSupported, {{"type"}, {"metadata.namespace"}, {"metadata.name"}}},
        {"services", ErrorStyle::NotSupported,
         {{"metadata.namespace"}, {"metadata.name"}, {"spec.clusterIP"}, {"spec.type"}}},
        // Upstream: kubernetes pkg/apis/events/v1/conversion.go#AddFieldLabelConversionsForEvent
        // (events.k8s.io names map onto the core Event fields the registry exposes).
        {"events.events.k8s.io", ErrorStyle::NotSupported,
         {{"reason"},
          {"regarding.kind", "involvedObject.kind"},
          {"regarding.namespace", "involvedObject.namespace"},
          {"regarding.name", "involvedObject.name"},
          {"regarding.uid", "involvedObject.uid"},
          {"regarding.apiVersion", "involvedObject.apiVersion"},
          {"regarding.resourceVersion", "involvedObject.resourceVersion"},
          {"regarding.fieldPath", "involvedObject.fieldPath"},
          {"reportingController", "reportingComponent"},
          {"type"},
          {"metadata.namespace"},
          {"metadata.name"}}},
        // Upstream: kubernetes pkg/apis/batch/v1/conversion.go#addConversionFuncs
        {"jobs.batch", ErrorStyle::NotSupportedForJob, {{"metadata.name"}, {"metadata.namespace"}, {"status.successful"}}},
    };
    return table;
}

const ConversionRules& rulesFor(std::string_view groupResource) {
    // Upstream: apimachinery pkg/runtime/conversion.go#DefaultMetaV1FieldSelectorConversion
    static const ConversionRules kDefault = {"", ErrorStyle::NotKnown, {{"metadata.name"}, {"metadata.namespace"}}};
    for (const auto& rules : conversionTable())
        if (rules.groupResource == groupResource)
            return rules;
    return kDefault;
}

std::string unsupportedMessage(ErrorStyle style, std::string_view label) {
    switch (style) {
    case ErrorStyle::NotSupported:
        return "field label not supported: " + std::string(label);
    case ErrorStyle::NotSupportedForJob:
        return "field label " + labels::goQuote(label) + " not supported for Job";
    case ErrorStyle::NotKnown:
        return labels::goQuote(label) + " is not a known field selector: only \"metadata.name\", \"metadata.namespace\"";
    }
    return "";
}

}  // namespace

std::optional<std::string> convertFieldLabel(std::string_view groupResource, std::string_view label,
                                             std::string* error) {
    const ConversionRules& rules = rulesFor(groupResource);
    for (const auto& mapping : rules.labels)
        if (mapping.external == label)
            return std::string(mapping.internal.empty() ? mapping.external : mapping.internal);
    if (error)
        *error = unsupportedMessage(rules.errorStyle, label);
    return std::nullopt;
}

// Upstream: apiserver pkg/endpoints/handlers/get.go#ListResource (FieldSelector.Transform with
// the scheme's ConvertFieldLabel; the error becomes a 400 BadRequest).
Status convertFieldSelector(std::string_view groupResource, Selector& selector) {
    for (auto& r : selector.requirements()) {
        std::string error;
        auto internal = convertFieldLabel(groupResource, r.field, &error);
        if (!internal)
            return Status::failure(400, "BadRequest", error);
        r.field = *internal;
    }
    return Status::success();
}

Status validateFieldSelector(std::string_view groupResource, const Selector& selector) {
    Selector copy = selector;
    return convertFieldSelector(groupResource, copy);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Selectable fields
// ---------------------------------------------------------------------------------------------

namespace {

std::string boolString(bool b) { return b ? "true" : "false"; }

bool isNamespaced(std::string_view groupResource, const Json& object) {
    size_t dot = groupResource.find('.');
    std::string_view resource = groupResource.substr(0, dot);
    std::string_view group = dot == std::string_view::npos ? std::string_view() : groupResource.substr(dot + 1);
    if (const ResourceInfo* info = ResourceRegistry::builtin().byGroupResource(group, resource))
        return info->namespaced;
    return findPath(object, "metadata.namespace") != nullptr;  // unknown resource: trust the object
}

// Upstream: kubernetes pkg/registry/core/pod/strategy.go#ToSelectableFields
void addPodFields(const Json& pod, Set& f) {
    f["spec.nodeName"] = stringAt(pod, "spec.nodeName");
    f["spec.restartPolicy"] = stringAt(pod, "spec.restartPolicy");
    f["spec.schedulerName"] = stringAt(pod, "spec.schedulerName");
    // v1's deprecated spec.serviceAccount stands in when serviceAccountName is empty.
    std::string sa = stringAt(pod, "spec.serviceAccountName");
    f["spec.serviceAccountName"] = sa.empty() ? stringAt(pod, "spec.serviceAccount") : sa;
    f["spec.hostNetwork"] = boolString(boolAt(pod, "spec.hostNetwork"));
    f["status.phase"] = stringAt(pod, "status.phase");
    // The primary IP: v1 status.podIP, else the first status.podIPs entry.
    std::string podIP = stringAt(pod, "status.podIP");
    if (const Json* ips = findPath(pod, "status.podIPs"); podIP.empty() && ips && ips->is_array() && !ips->empty())
        podIP = stringAt(ips->front(), "ip");
    f["status.podIP"] = podIP;
    f["status.nominatedNodeName"] = stringAt(pod, "status.nominatedNodeName");
}

// Upstream: kubernetes pkg/registry/core/event/strategy.go#ToSelectableFields
// `regardingPath`, `reportingPath`, `sourcePath` name the JSON fields of the served version
// (core/v1: involvedObject, reportingComponent, source; events.k8s.io/v1: regarding,
// reportingController, deprecatedSource).
void addEventFields(const Json& event, Set& f, std::string_view regardingPath, std::string_view reportingPath,
                    std::string_view sourcePath) {
    static constexpr std::string_view kRefFields[] = {"kind", "namespace", "name", "uid",
                                                      "apiVersion", "resourceVersion", "fieldPath"};
    const Json* ref = findPath(event, regardingPath);
    for (std::string_view field : kRefFields)
        f["involvedObject." + std::string(field)] = ref ? stringAt(*ref, field) : "";
    std::string reporting = stringAt(event, reportingPath);
    std::string source = stringAt(event, std::string(sourcePath) + ".component");
    f["reason"] = stringAt(event, "reason");
    f["reportingComponent"] = reporting;
    f["source"] = source.empty() ? reporting : source;
    f["type"] = stringAt(event, "type");
}

}  // namespace

Set selectableFields(std::string_view groupResource, const Json& object) {
    // Upstream: kubernetes pkg/registry/generic/matcher.go#ObjectMetaFieldsSet
    Set f;
    f["metadata.name"] = stringAt(object, "metadata.name");
    if (isNamespaced(groupResource, object))
        f["metadata.namespace"] = stringAt(object, "metadata.namespace");

    if (groupResource == "pods") {
        addPodFields(object, f);
    } else if (groupResource == "events") {
        addEventFields(object, f, "involvedObject", "reportingComponent", "source");
    } else if (groupResource == "events.events.k8s.io") {
        addEventFields(object, f, "regarding", "reportingController", "deprecatedSource");
    } else if (groupResource == "nodes") {
        f["spec.unschedulable"] = boolString(boolAt(object, "spec.unschedulable"));
    } else if (groupResource == "namespaces") {
        f["status.phase"] = stringAt(object, "status.phase");
        f["name"] = stringAt(object, "metadata.name");  // upstream keeps this legacy key; no label reaches it
    } else if (groupResource == "secrets") {
        f["type"] = stringAt(object, "type");
    } else if (groupResource == "services") {
        f["spec.clusterIP"] = stringAt(object, "spec.clusterIP");
        f["spec.type"] = stringAt(object, "spec.type");
    } else if (groupResource == "replicationcontrollers" || groupResource == "replicasets.apps") {
        f["status.replicas"] = std::to_string(intAt(object, "status.replicas"));
    } else if (groupResource == "jobs.batch") {
        f["status.successful"] = std::to_string(intAt(object, "status.succeeded"));
    }
    return f;
}

}  // namespace kp::fields
