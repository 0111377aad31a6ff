// Column and cell helpers shared by the printers (printer.h).
#include <set>

#include "api/labels.h"
#include "api/schema/schema.h"
#include "apiserver/printers/printer.h"

namespace kp::printers {

std::string fieldDoc(std::string_view qualifiedStruct, std::string_view field) {
    const schema::StructDef* def = schema::Schema::builtin().find(qualifiedStruct);
    if (!def)
        return "";
    const schema::Field* f = def->field(field);
    return f ? f->description : "";
}

Column column(std::string name, std::string type, std::string description, int priority) {
    return Column{std::move(name), std::move(type), "", std::move(description), priority};
}

Column nameColumn() {
    Column c = column("Name", "string", fieldDoc("meta/v1.ObjectMeta", "name"));
    c.format = "name";
    return c;
}

Column ageColumn() {
    return column("Age", "string", fieldDoc("meta/v1.ObjectMeta", "creationTimestamp"));
}

Column containersColumn() {
    return column("Containers", "string", "Names of the containers in the Pod template, comma-separated.", 1);
}

Column imagesColumn() {
    return column("Images", "string", "Images of the containers in the Pod template, comma-separated.", 1);
}

std::string since(const std::string& timestamp, Time now) {
    auto t = parseRFC3339(timestamp);
    return translateTimestampSince(t ? *t : Time{}, now);
}

std::string age(const Json& object, Time now) {
    return since(stringAt(object, "metadata.creationTimestamp"), now);
}

std::pair<std::string, std::string> containerCells(const Json* containers) {
    std::string names, images;
    if (!containers || !containers->is_array())
        return {names, images};
    for (size_t i = 0; i < containers->size(); ++i) {
        const Json& c = (*containers)[i];
        if (i > 0) {
            names += ",";
            images += ",";
        }
        names += stringAt(c, "name");
        images += stringAt(c, "image");
    }
    return {names, images};
}

std::string formatLabels(const Json* labelMap) {
    return labels::formatLabels(labelMap && labelMap->is_object() ? labels::setFromJson(*labelMap) : labels::Set{});
}

std::string formatSelector(const Json* labelSelector) {
    return labels::formatLabelSelector(labelSelector ? *labelSelector : Json(nullptr));
}

std::string selectorString(const Json* labelSelector) {
    std::string error;
    auto sel = labels::labelSelectorAsSelector(labelSelector ? *labelSelector : Json(nullptr), &error);
    return sel ? sel->toString() : "<invalid>";
}

std::string loadBalancerStatus(const Json* ingressList, bool wide) {
    // Upstream: printers.go#loadBalancerStatusStringer (a sorted string set).
    constexpr size_t kLoadBalancerWidth = 16;
    std::set<std::string> result;
    if (ingressList && ingressList->is_array()) {
        for (const Json& ing : *ingressList) {
            std::string ip = stringAt(ing, "ip");
            std::string host = stringAt(ing, "hostname");
            if (!ip.empty())
                result.insert(ip);
            else if (!host.empty())
                result.insert(host);
        }
    }
    std::string r;
    for (const std::string& s : result)
        r += (r.empty() ? "" : ",") + s;
    if (!wide && r.size() > kLoadBalancerWidth)
        r = r.substr(0, kLoadBalancerWidth - 3) + "...";
    return r;
}

std::string listWithMore(const std::vector<std::string>& items, size_t max) {
    std::string ret;
    for (size_t i = 0; i < items.size() && i < max; ++i)
        ret += (i ? "," : "") + items[i];
    if (items.size() > max)
        return ret + " + " + std::to_string(items.size() - max) + " more...";
    return ret.empty() ? "<unset>" : ret;
}

Json intCell(const Json& object, std::string_view path) {
    return intAt(object, path, 0);
}

std::string boolPtr(const Json& object, std::string_view path) {
    const Json* v = findPath(object, path);
    if (!v || !v->is_boolean())
        return "<unset>";
    return v->get<bool>() ? "True" : "False";
}

bool hasTrueCondition(const Json& object, std::string_view conditionsPath, std::string_view type) {
    const Json* conds = arrayAt(object, conditionsPath);
    if (!conds)
        return false;
    for (const Json& c : *conds)
        if (stringAt(c, "type") == type)
            return stringAt(c, "status") == "True";
    return false;
}

bool isBeingDeleted(const Json& object) {
    return !stringAt(object, "metadata.deletionTimestamp").empty();
}

const Json* arrayAt(const Json& object, std::string_view path) {
    const Json* v = findPath(object, path);
    return v && v->is_array() ? v : nullptr;
}

size_t sizeAt(const Json& object, std::string_view path) {
    const Json* v = findPath(object, path);
    return v && (v->is_array() || v->is_object()) ? v->size() : 0;
}

}  // namespace kp::printers
