#include "apiserver/apply/typed.h"

#include <map>
#include <set>

#include "apiserver/patch/go_value.h"

namespace kp::apply {
namespace {

// How a walk treats one node: as a leaf, or by descending into a map or a list.
enum class Handling { Leaf, Map, List };

bool isNil(const Json* v) { return !v || v->is_null(); }
bool isEmptyMap(const Json* v) { return isNil(v) || (v->is_object() && v->empty()); }
bool isEmptyList(const Json* v) { return isNil(v) || (v->is_array() && v->empty()); }

// Typed atoms decide by the schema; an untyped value is always a leaf; a deduced value
// decides by itself (maps granular, lists atomic). A value of the wrong JSON type for its
// schema is handled as a leaf.
// SIMPLIFICATION: SMD reports such mismatches as schema errors when it converts an object;
// objects in the store were validated already, so only applied configurations can carry them,
// and validateApplied rejects those first.
Handling handlingOf(const Atom& a, const Json* v) {
    switch (a.kind) {
    case Atom::Kind::Scalar:
    case Atom::Kind::Untyped: return Handling::Leaf;
    case Atom::Kind::Deduced: return v && v->is_object() ? Handling::Map : Handling::Leaf;
    case Atom::Kind::Map:
        if (a.atomic)
            return Handling::Leaf;
        return isNil(v) || v->is_object() ? Handling::Map : Handling::Leaf;
    case Atom::Kind::List:
        if (a.atomic)
            return Handling::Leaf;
        return isNil(v) || v->is_array() ? Handling::List : Handling::Leaf;
    }
    return Handling::Leaf;
}

// Both sides of a two-sided walk must agree; when they do not, the node is a leaf.
Handling handlingOf(const Atom& a, const Json* lhs, const Json* rhs) {
    if (!lhs)
        return handlingOf(a, rhs);
    if (!rhs)
        return handlingOf(a, lhs);
    Handling l = handlingOf(a, lhs), r = handlingOf(a, rhs);
    if (a.kind == Atom::Kind::Deduced && (lhs->is_null() || rhs->is_null()))
        return l == Handling::Leaf ? r : l;  // null takes the other side's shape
    return l == r ? l : Handling::Leaf;
}

Atom structAtomOf(const Atom& a) {
    if (a.kind == Atom::Kind::Deduced) {
        Atom m;
        m.kind = Atom::Kind::Map;  // granular map of deduced values
        return m;
    }
    return a;
}

// [SECTION] list items

struct ItemIndex {
    std::vector<PathElement> order;                                  // first-seen order
    std::map<PathElement, std::vector<const Json*>> items;           // all items per element
};

ItemIndex indexItems(const Atom& list, const Json* value) {
    ItemIndex idx;
    if (!value || !value->is_array())
        return idx;
    for (const Json& item : *value) {
        std::optional<PathElement> pe = listItemPathElement(list, item);
        if (!pe)
            continue;
        auto& slot = idx.items[*pe];
        if (slot.empty())
            idx.order.push_back(*pe);
        slot.push_back(&item);
    }
    return idx;
}

// [SECTION] toFieldSet

void walkFieldSet(const Json& v, const TypeRef& t, Path& path, FieldSet& out) {
    Atom a = resolve(t);
    switch (handlingOf(a, &v)) {
    case Handling::Leaf: out.insert(path); return;
    case Handling::List: {
        if (!v.is_array())
            return;
        ItemIndex idx = indexItems(a, &v);
        TypeRef elem = elementTypeRef(a);
        for (const PathElement& pe : idx.order) {
            path.push_back(pe);
            const auto& items = idx.items[pe];
            if (items.size() == 1)
                walkFieldSet(*items.front(), elem, path, out);
            out.insert(path);  // a duplicated key is owned as one member
            path.pop_back();
        }
        return;
    }
    case Handling::Map: {
        if (!v.is_object())
            return;
        Atom m = structAtomOf(a);
        for (const auto& [key, child] : v.items()) {
            path.push_back(PathElement::field(key));
            walkFieldSet(child, fieldTypeRef(m, key), path, out);
            if (isEmptyMap(&child) || !declaresField(m, key))
                out.insert(path);
            path.pop_back();
        }
        return;
    }
    }
}

// [SECTION] compare

bool valuesEqual(const Json& a, const Json& b) { return a == b; }

void compareNode(const Json* lhs, const Json* rhs, const TypeRef& t, Path& path, Comparison& c);

void compareLeaf(const Json* lhs, const Json* rhs, const Path& path, Comparison& c) {
    if (!lhs)
        c.added.insert(path);
    else if (!rhs)
        c.removed.insert(path);
    else if (!valuesEqual(*lhs, *rhs))
        c.modified.insert(path);
}

void compareListItems(const Atom& a, const Json* lhs, const Json* rhs, Path& path, Comparison& c) {
    ItemIndex l = indexItems(a, lhs), r = indexItems(a, rhs);
    std::vector<PathElement> all = l.order;
    for (const PathElement& pe : r.order)
        if (!l.items.count(pe))
            all.push_back(pe);
    TypeRef elem = elementTypeRef(a);
    for (const PathElement& pe : all) {
        const std::vector<const Json*>* li = l.items.count(pe) ? &l.items[pe] : nullptr;
        const std::vector<const Json*>* ri = r.items.count(pe) ? &r.items[pe] : nullptr;
        size_t ln = li ? li->size() : 0, rn = ri ? ri->size() : 0;
        path.push_back(pe);
        if (ln <= 1 && rn <= 1) {
            compareNode(ln ? li->front() : nullptr, rn ? ri->front() : nullptr, elem, path, c);
        } else if (ln >= 2 && rn >= 2) {
            // Duplicates on both sides compare as one atomic value.
            bool same = ln == rn;
            for (size_t i = 0; same && i < ln; ++i)
                same = valuesEqual(*(*li)[i], *(*ri)[i]);
            if (!same)
                c.modified.insert(path);
        } else if (ln >= 2) {
            if (rn)
                compareNode(nullptr, ri->front(), elem, path, c);
            c.removed.insert(path);
        } else {
            if (ln)
                compareNode(li->front(), nullptr, elem, path, c);
            c.added.insert(path);
        }
        path.pop_back();
    }
}

void compareNode(const Json* lhs, const Json* rhs, const TypeRef& t, Path& path, Comparison& c) {
    Atom a = resolve(t);
    Handling h = handlingOf(a, lhs, rhs);
    // Empty or null on both sides is a leaf: it keeps {} and null apart.
    if (h == Handling::Map && isEmptyMap(lhs) && isEmptyMap(rhs))
        h = Handling::Leaf;
    if (h == Handling::List && isEmptyList(lhs) && isEmptyList(rhs))
        h = Handling::Leaf;
    if (h == Handling::Leaf) {
        compareLeaf(lhs, rhs, path, c);
        return;
    }
    if (h == Handling::List) {
        compareListItems(a, lhs, rhs, path, c);
    } else {
        Atom m = structAtomOf(a);
        std::map<std::string, std::pair<const Json*, const Json*>> keys;
        if (lhs && lhs->is_object())
            for (const auto& [k, v] : lhs->items())
                keys[k].first = &v;
        if (rhs && rhs->is_object())
            for (const auto& [k, v] : rhs->items())
                keys[k].second = &v;
        for (const auto& [k, sides] : keys) {
            path.push_back(PathElement::field(k));
            compareNode(sides.first, sides.second, fieldTypeRef(m, k), path, c);
            path.pop_back();
        }
    }
    // A map, list or item present on one side only is itself added or removed.
    if (!lhs)
        c.added.insert(path);
    else if (!rhs)
        c.removed.insert(path);
}

// [SECTION] merge

std::optional<Json> mergeList(const Atom& a, const Json* lhs, const Json* rhs) {
    TypeRef elem = elementTypeRef(a);
    struct Side {
        std::vector<PathElement> pes;
        std::vector<const Json*> items;
        std::map<PathElement, const Json*> observed;  // duplicates observe null
    };
    static const Json kNull = nullptr;
    auto index = [&](const Json* list) {
        Side s;
        if (!list || !list->is_array())
            return s;
        for (const Json& item : *list) {
            std::optional<PathElement> pe = listItemPathElement(a, item);
            if (!pe)
                continue;
            auto [it, inserted] = s.observed.emplace(*pe, &item);
            if (!inserted)
                it->second = &kNull;
            s.pes.push_back(*pe);
            s.items.push_back(&item);
        }
        return s;
    };
    Side l = index(lhs), r = index(rhs);
    auto get = [](const Side& s, const PathElement& pe) -> const Json* {
        auto it = s.observed.find(pe);
        return it == s.observed.end() ? nullptr : it->second;
    };

    // Items both sides have, in the configuration's order.
    std::vector<const PathElement*> sharedOrder;
    for (const PathElement& pe : r.pes)
        if (l.observed.count(pe))
            sharedOrder.push_back(&pe);
    size_t nextSharedIdx = 0;
    const PathElement* nextShared = sharedOrder.empty() ? nullptr : sharedOrder[nextSharedIdx++];
    auto advanceShared = [&] {
        nextShared = nextSharedIdx < sharedOrder.size() ? sharedOrder[nextSharedIdx++] : nullptr;
    };

    Json out = Json::array();
    std::set<PathElement> mergedRHS;
    auto emit = [&](const Json* lc, const Json* rc) {
        if (std::optional<Json> m = merge(lc, rc, elem))
            out.push_back(std::move(*m));
    };
    size_t lI = 0, rI = 0;
    const size_t lLen = l.pes.size(), rLen = r.pes.size();
    while (lI < lLen || rI < rLen) {
        if (lI < lLen && rI < rLen) {
            const PathElement& pe = l.pes[lI];
            if (pe == r.pes[rI]) {
                mergedRHS.insert(pe);
                emit(get(l, pe), get(r, pe));
                ++lI;
                ++rI;
                advanceShared();
                continue;
            }
            if (r.observed.count(pe) && nextShared && !(*nextShared == pe)) {
                ++lI;  // shared, but not the next one in the configuration's order
                continue;
            }
        }
        if (lI < lLen) {
            const PathElement& pe = l.pes[lI];
            if (!r.observed.count(pe)) {
                emit(l.items[lI], nullptr);  // a live item the configuration does not name
                ++lI;
                continue;
            }
            if (mergedRHS.count(pe))
                ++lI;
        }
        if (rI < rLen) {
            const PathElement& pe = r.pes[rI];
            mergedRHS.insert(pe);
            emit(get(l, pe), get(r, pe));
            ++rI;
            if (nextShared && *nextShared == pe)
                advanceShared();
        }
    }
    if (out.empty())
        return std::nullopt;
    return out;
}

std::optional<Json> mergeMap(const Atom& a, const Json* lhs, const Json* rhs) {
    Atom m = structAtomOf(a);
    std::map<std::string, std::pair<const Json*, const Json*>> keys;
    if (lhs && lhs->is_object())
        for (const auto& [k, v] : lhs->items())
            keys[k].first = &v;
    if (rhs && rhs->is_object())
        for (const auto& [k, v] : rhs->items())
            keys[k].second = &v;
    Json out = Json::object();
    for (const auto& [k, sides] : keys)
        if (std::optional<Json> v = merge(sides.first, sides.second, fieldTypeRef(m, k)))
            out[k] = std::move(*v);
    if (out.empty())
        return std::nullopt;
    return out;
}

// [SECTION] validation

std::string goUnstructuredTypeName(const Json& v) {
    if (v.is_object())
        return "map[string]interface {}";
    if (v.is_array())
        return "[]interface {}";
    return patch::goTypeName(v);
}

std::optional<std::string> validateScalar(const schema::Type* type, const Json& v) {
    if (v.is_null() || !type)
        return std::nullopt;
    using schema::TypeKind;
    switch (type->kind) {
    case TypeKind::Int32:
    case TypeKind::Int64:
    case TypeKind::Double:
        if (!v.is_number())
            return "expected numeric (int or float), got " + goUnstructuredTypeName(v);
        return std::nullopt;
    case TypeKind::String:
    case TypeKind::Bytes:
    case TypeKind::Time:
    case TypeKind::MicroTime:
        // SIMPLIFICATION: SMD prints the offending value with %#v of its internal wrapper
        // (&value.valueUnstructured{Value:...}); we print the value as Go's %v would.
        if (!v.is_string())
            return "expected string, got &value.valueUnstructured{Value:" + patch::goSprint(v) + "}";
        return std::nullopt;
    case TypeKind::Bool:
        if (!v.is_boolean())
            return "expected boolean, got &{" + patch::goSprint(v) + "}";
        return std::nullopt;
    default:
        if (v.is_object() || v.is_array())
            return "expected any scalar, got &{" + patch::goSprint(v) + "}";
        return std::nullopt;
    }
}

void validateNode(const Json& v, const TypeRef& t, const std::string& path, std::vector<std::string>& errs) {
    Atom a = resolve(t);
    switch (a.kind) {
    case Atom::Kind::Untyped:
    case Atom::Kind::Deduced: return;
    case Atom::Kind::Scalar:
        if (auto e = validateScalar(t.type, v))
            errs.push_back(path + ": " + *e);
        return;
    case Atom::Kind::List: {
        if (v.is_null())
            return;
        if (!v.is_array()) {
            errs.push_back(path + ": expected list, got &{" + patch::goSprint(v) + "}");
            return;
        }
        TypeRef elem = elementTypeRef(a);
        std::set<PathElement> seen;
        for (size_t i = 0; i < v.size(); ++i) {
            PathElement pe = PathElement::at(static_cast<int64_t>(i));
            if (a.associative) {
                std::string error;
                std::optional<PathElement> keyed = listItemPathElement(a, v[i], &error);
                if (!keyed) {
                    errs.push_back(path + ": element " + std::to_string(i) + ": " + error);
                    return;
                }
                pe = *keyed;
                if (!seen.insert(pe).second)
                    errs.push_back(path + ": duplicate entries for key " + pe.toString());
            }
            validateNode(v[i], elem, path + pe.toString(), errs);
        }
        return;
    }
    case Atom::Kind::Map: {
        if (v.is_null())
            return;
        if (!v.is_object()) {
            errs.push_back(path + ": expected map, got &{" + patch::goSprint(v) + "}");
            return;
        }
        for (const auto& [key, child] : v.items()) {
            std::string childPath = path + "." + key;
            if (a.def && !a.def->field(key)) {
                errs.push_back(childPath + ": field not declared in schema");
                return;  // SMD stops at the first undeclared field of a map
            }
            validateNode(child, fieldTypeRef(a, key), childPath, errs);
        }
        return;
    }
    }
}

}  // namespace

// [SECTION] public

std::optional<PathElement> listItemPathElement(const Atom& list, const Json& item, std::string* error) {
    auto fail = [&](const std::string& why) -> std::optional<PathElement> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (!list.associative)
        return fail("invalid indexing of non-associative list");
    if (!list.keys.empty()) {
        if (item.is_null())
            return fail("associative list with keys may not have a null element");
        if (!item.is_object())
            return fail("associative list with keys may not have non-map elements");
        const schema::StructDef* itemDef = list.elem && list.elem->kind == schema::TypeKind::Struct ? list.elem->def : nullptr;
        std::vector<std::pair<std::string, Json>> fields;
        for (const std::string& k : list.keys) {
            auto it = item.find(k);
            if (it != item.end()) {
                fields.emplace_back(k, *it);
                continue;
            }
            Json def = keyFieldDefault(itemDef, k);
            if (def.is_null())
                return fail("associative list with keys has an element that omits key field \"" + k +
                            "\" (and doesn't have default value)");
            fields.emplace_back(k, std::move(def));
        }
        return PathElement::keyed(std::move(fields));
    }
    if (item.is_object())
        return fail("associative list without keys has an element that's a map type");
    if (item.is_array())
        return fail("not supported: associative list with lists as elements");
    if (item.is_null())
        return fail("associative list without keys has an element that's an explicit null");
    return PathElement::setValue(item);
}

void Comparison::excludeFields(const FieldSet& exclude) {
    if (exclude.empty())
        return;
    removed = removed.recursiveDifference(exclude);
    modified = modified.recursiveDifference(exclude);
    added = added.recursiveDifference(exclude);
}

FieldSet toFieldSet(const Json& value, const TypeRef& type) {
    FieldSet out;
    Path path;
    walkFieldSet(value, type, path, out);
    return out;
}

Comparison compare(const Json* lhs, const Json* rhs, const TypeRef& type) {
    Comparison c;
    if (!lhs && !rhs)
        return c;
    Path path;
    compareNode(lhs, rhs, type, path, c);
    return c;
}

std::optional<Json> merge(const Json* lhs, const Json* rhs, const TypeRef& type) {
    if (!lhs && !rhs)
        return std::nullopt;
    Atom a = resolve(type);
    Handling h = handlingOf(a, lhs, rhs);
    if (h == Handling::Map && isEmptyMap(lhs) && isEmptyMap(rhs))
        h = Handling::Leaf;
    if (h == Handling::List && isEmptyList(lhs) && isEmptyList(rhs))
        h = Handling::Leaf;
    if (h == Handling::Leaf)
        return rhs ? *rhs : *lhs;
    if (h == Handling::List)
        return mergeList(a, lhs, rhs);
    return mergeMap(a, lhs, rhs);
}

Json removeItems(const Json& value, const FieldSet& toRemove, const TypeRef& type) {
    Atom a = resolve(type);
    Handling h = handlingOf(a, &value);
    if (h == Handling::Leaf)
        // Scalars stay; an atomic map or list cannot lose a part, so it goes as a whole.
        return a.kind == Atom::Kind::Map || a.kind == Atom::Kind::List ? Json(nullptr) : value;
    if (h == Handling::List) {
        if (!value.is_array() || value.empty())
            return nullptr;
        TypeRef elem = elementTypeRef(a);
        Json out = Json::array();
        for (const Json& item : value) {
            std::optional<PathElement> pe = listItemPathElement(a, item);
            if (!pe) {
                out.push_back(item);
                continue;
            }
            if (toRemove.has({*pe}))
                continue;
            const FieldSet& below = toRemove.withPrefix(*pe);
            out.push_back(below.empty() ? item : removeItems(item, below, elem));
        }
        if (out.empty())
            return nullptr;
        return out;
    }
    if (!value.is_object() || value.empty())
        return nullptr;
    Atom m = structAtomOf(a);
    Json out = Json::object();
    for (const auto& [key, child] : value.items()) {
        PathElement pe = PathElement::field(key);
        if (toRemove.has({pe}))
            continue;
        const FieldSet& below = toRemove.withPrefix(pe);
        out[key] = below.empty() ? child : removeItems(child, below, fieldTypeRef(m, key));
    }
    if (out.empty())
        return nullptr;
    return out;
}

Json dropRemovalNulls(const Json& pruned, const Json& original, const TypeRef& type) {
    Atom a = resolve(type);
    if (pruned.is_object() && original.is_object()) {
        Atom m = structAtomOf(a);
        Json out = Json::object();
        for (const auto& [key, child] : pruned.items()) {
            auto it = original.find(key);
            if (it == original.end()) {
                out[key] = child;
                continue;
            }
            if (child.is_null() && !it->is_null())
                continue;  // emptied by the removal
            out[key] = dropRemovalNulls(child, *it, fieldTypeRef(m, key));
        }
        return out;
    }
    if (pruned.is_array() && original.is_array() && a.kind == Atom::Kind::List && a.associative) {
        std::map<PathElement, const Json*> before;
        for (const Json& item : original)
            if (std::optional<PathElement> pe = listItemPathElement(a, item))
                before.emplace(*pe, &item);
        TypeRef elem = elementTypeRef(a);
        Json out = Json::array();
        for (const Json& item : pruned) {
            if (item.is_null())
                continue;  // an item emptied by the removal
            std::optional<PathElement> pe = listItemPathElement(a, item);
            auto it = pe ? before.find(*pe) : before.end();
            out.push_back(it == before.end() ? item : dropRemovalNulls(item, *it->second, elem));
        }
        return out;
    }
    return pruned;
}

FieldSet ensureNamedFieldsAreMembers(const FieldSet& set, const TypeRef& type) {
    Atom a = resolve(type);
    FieldSet out;
    out.members() = set.members();
    for (const auto& [pe, child] : set.children()) {
        TypeRef childType;
        if (pe.kind == PathElement::Kind::Field && a.kind == Atom::Kind::Map) {
            if (declaresField(a, pe.fieldName))
                out.members().insert(pe);
            childType = fieldTypeRef(a, pe.fieldName);
        } else if (pe.kind == PathElement::Kind::Key && a.kind == Atom::Kind::List) {
            childType = elementTypeRef(a);
        }
        out.children()[pe] = ensureNamedFieldsAreMembers(child, childType);
    }
    return out;
}

std::vector<std::string> validateApplied(const Json& value, const TypeRef& type) {
    std::vector<std::string> errs;
    validateNode(value, type, "", errs);
    return errs;
}

}  // namespace kp::apply
