#include "apiserver/managed_fields.h"

#include <algorithm>
#include <functional>

namespace kp {
namespace {

using schema::Field;
using schema::StructDef;
using schema::Type;
using schema::TypeKind;

// Keys that identify a list element: list-map keys, else the patch merge key.
std::vector<std::string> elementKeys(const Field* field) {
    if (!field)
        return {};
    if (!field->listMapKeys.empty())
        return field->listMapKeys;
    if (!field->patchMergeKey.empty())
        return {field->patchMergeKey};
    return {};
}

// "k:{\"name\":\"web\"}" (keys in the order they are declared, compact JSON like SMD).
std::string elementKey(const Json& item, const std::vector<std::string>& keys) {
    std::string out = "k:{";
    bool first = true;
    for (const auto& k : keys) {
        auto it = item.find(k);
        if (it == item.end())
            continue;
        if (!first)
            out += ",";
        first = false;
        out += Json(k).dump() + ":" + it->dump();
    }
    out += "}";
    return out;
}

void walkWithField(const Json& obj, const StructDef* def, FieldSet& into);

void walkList(const Json& arr, const Type* type, const Field* field, FieldSet& into) {
    std::vector<std::string> keys = elementKeys(field);
    const Type* elem = type ? type->elem : nullptr;
    bool set = field && field->listType == schema::ListType::Set;
    if (keys.empty() && !set)
        return;  // atomic list: owned as a whole
    for (const Json& item : arr) {
        std::string k = set || !item.is_object() ? "v:" + item.dump() : elementKey(item, keys);
        FieldSet& node = into.children[k];
        if (item.is_object()) {
            walkWithField(item, elem && elem->kind == TypeKind::Struct ? elem->def : nullptr, node);
            node.self = true;
        }
    }
}

void walkWithField(const Json& obj, const StructDef* def, FieldSet& into) {
    for (const auto& [key, child] : obj.items()) {
        const Field* f = def ? def->field(key) : nullptr;
        FieldSet& node = into.children["f:" + key];
        const Type* t = f ? f->type : nullptr;
        if (child.is_array()) {
            walkList(child, t, f, node);
            continue;
        }
        if (child.is_object()) {
            if (t && t->kind == TypeKind::Struct && !f->mapAtomic) {
                walkWithField(child, t->def, node);
            } else if (t && t->kind == TypeKind::Map && !f->mapAtomic) {
                for (const auto& [mk, mv] : child.items()) {
                    FieldSet& entry = node.children["f:" + mk];
                    if (mv.is_object() && t->elem && t->elem->kind == TypeKind::Struct)
                        walkWithField(mv, t->elem->def, entry);
                }
                if (!node.children.empty())
                    node.self = true;
            } else if (!t) {
                walkWithField(child, nullptr, node);
            }
        }
    }
}

const StructDef* childDef(const StructDef* def, const std::string& key) {
    const Field* f = def ? def->field(key) : nullptr;
    return f && f->type && f->type->kind == TypeKind::Struct ? f->type->def : nullptr;
}

}  // namespace

Json FieldSet::toFieldsV1() const {
    Json out = Json::object();
    if (self && !children.empty())
        out["."] = Json::object();
    for (const auto& [k, v] : children)
        out[k] = v.toFieldsV1();
    return out;
}

FieldSet FieldSet::fromFieldsV1(const Json& v) {
    FieldSet s;
    if (!v.is_object())
        return s;
    for (const auto& [k, child] : v.items()) {
        if (k == ".") {
            s.self = true;
            continue;
        }
        s.children[k] = fromFieldsV1(child);
    }
    return s;
}

void FieldSet::merge(const FieldSet& other) {
    self = self || other.self;
    for (const auto& [k, v] : other.children)
        children[k].merge(v);
}

void FieldSet::subtract(const FieldSet& other) {
    for (const auto& [k, v] : other.children) {
        auto it = children.find(k);
        if (it == children.end())
            continue;
        if (v.children.empty()) {
            // A leaf in `other` removes the whole path.
            children.erase(it);
            continue;
        }
        it->second.subtract(v);
        if (v.self)
            it->second.self = false;
        if (it->second.children.empty() && !it->second.self)
            children.erase(it);
    }
}

FieldSet FieldSet::intersect(const FieldSet& other) const {
    FieldSet out;
    out.self = self && other.self;
    for (const auto& [k, v] : children) {
        auto it = other.children.find(k);
        if (it == other.children.end())
            continue;
        if (v.children.empty() && it->second.children.empty()) {
            out.children[k] = FieldSet{};
            continue;
        }
        FieldSet sub = v.intersect(it->second);
        if (!sub.children.empty() || sub.self)
            out.children[k] = std::move(sub);
    }
    return out;
}

void FieldSet::leafPaths(const std::string& prefix, std::vector<std::string>& out) const {
    if (children.empty()) {
        out.push_back(prefix);
        return;
    }
    for (const auto& [k, v] : children) {
        std::string p = prefix;
        if (k.rfind("f:", 0) == 0) {
            p += "." + k.substr(2);
        } else if (k.rfind("k:", 0) == 0) {
            // k:{"name":"web"} -> [name="web"]
            Json keys = Json::parse(k.substr(2), nullptr, false);
            std::string inner;
            if (keys.is_object())
                for (const auto& [kk, kv] : keys.items())
                    inner += (inner.empty() ? "" : ",") + kk + "=" + kv.dump();
            p += "[" + inner + "]";
        } else if (k.rfind("v:", 0) == 0) {
            p += "[=" + k.substr(2) + "]";
        } else {
            p += "[" + k.substr(2) + "]";
        }
        v.leafPaths(p, out);
    }
}

FieldSet fieldSetOf(const Json& obj, const StructDef* root, bool includeStatus) {
    FieldSet set;
    Json copy = obj;
    if (copy.contains("metadata")) {
        Json& meta = copy["metadata"];
        for (const char* key : {"uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
                                "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "namespace", "name",
                                "generateName"})
            meta.erase(key);
        if (meta.empty())
            copy.erase("metadata");
    }
    copy.erase("apiVersion");
    copy.erase("kind");
    if (!includeStatus)
        copy.erase("status");
    walkWithField(copy, root, set);
    return set;
}

FieldSet changedFields(const Json& before, const Json& now, const StructDef* root, bool statusOnly) {
    FieldSet after = fieldSetOf(now, root, statusOnly);
    FieldSet prior = fieldSetOf(before, root, statusOnly);
    // Paths whose value changed or that are new: compare leaf by leaf through the JSON.
    FieldSet changed;
    std::function<void(const Json*, const Json*, const FieldSet&, FieldSet&, const StructDef*)> diff;
    diff = [&](const Json* a, const Json* b, const FieldSet& node, FieldSet& out, const StructDef* def) {
        for (const auto& [k, child] : node.children) {
            if (k.rfind("f:", 0) != 0) {
                // List element or set value: compare by finding the element.
                if (!b || !b->is_array())
                    continue;
                out.children[k] = child;  // SIMPLIFICATION: list elements are re-owned whole when touched
                continue;
            }
            std::string key = k.substr(2);
            const Json* av = a && a->is_object() && a->contains(key) ? &(*a)[key] : nullptr;
            const Json* bv = b && b->is_object() && b->contains(key) ? &(*b)[key] : nullptr;
            if (!bv)
                continue;
            if (av && *av == *bv)
                continue;
            if (child.children.empty() || !bv->is_object()) {
                out.children[k] = child;
                continue;
            }
            FieldSet sub;
            sub.self = child.self && !av;
            diff(av, bv, child, sub, childDef(def, key));
            if (!sub.children.empty() || sub.self)
                out.children[k] = std::move(sub);
        }
    };
    diff(&before, &now, after, changed, root);
    (void)prior;
    return changed;
}

void updateManagedFields(Json& obj, const Json* old, const std::string& manager, const std::string& operation,
                         Time now, const std::string& subresource) {
    if (manager.empty())
        return;
    const StructDef* root =
        schema::Schema::builtin().kind(stringAt(obj, "apiVersion"), stringAt(obj, "kind"));
    const bool statusOnly = subresource == "status";
    FieldSet owned = old ? changedFields(*old, obj, root, statusOnly) : fieldSetOf(obj, root, statusOnly);
    if (statusOnly) {
        FieldSet onlyStatus;
        if (auto it = owned.children.find("f:status"); it != owned.children.end())
            onlyStatus.children["f:status"] = it->second;
        owned = std::move(onlyStatus);
    }

    Json entries = Json::array();
    if (const Json* mf = findPath(obj, "metadata.managedFields"); mf && mf->is_array())
        entries = *mf;
    bool found = false;
    Json result = Json::array();
    for (Json& e : entries) {
        FieldSet fs = FieldSet::fromFieldsV1(e.value("fieldsV1", Json::object()));
        bool mine = e.value("manager", "") == manager && e.value("operation", "") == operation &&
                    e.value("subresource", "") == subresource;
        if (mine) {
            fs.merge(owned);
            e["time"] = formatRFC3339(now);
            e["apiVersion"] = stringAt(obj, "apiVersion");
            found = true;
        } else {
            fs.subtract(owned);
        }
        if (fs.empty())
            continue;
        e["fieldsV1"] = fs.toFieldsV1();
        result.push_back(std::move(e));
    }
    if (!found && !owned.empty()) {
        Json e = {{"manager", manager},
                  {"operation", operation},
                  {"apiVersion", stringAt(obj, "apiVersion")},
                  {"time", formatRFC3339(now)},
                  {"fieldsType", "FieldsV1"},
                  {"fieldsV1", owned.toFieldsV1()}};
        if (!subresource.empty())
            e["subresource"] = subresource;
        result.push_back(std::move(e));
    }
    if (result.empty())
        obj["metadata"].erase("managedFields");
    else
        obj["metadata"]["managedFields"] = std::move(result);
}

}  // namespace kp
