#include "apiserver/apply/type_ref.h"

namespace kp::apply {
namespace {

using schema::ListType;
using schema::TypeKind;

void resolveList(const schema::Type* type, const schema::Field* field, Atom& a) {
    a.kind = Atom::Kind::List;
    a.elem = type->elem;
    a.atomic = true;
    if (!field)
        return;  // a list nested in a list: nothing says otherwise
    if (field->listType == ListType::Atomic)
        return;
    if (field->listType == ListType::Set) {
        a.atomic = false;
        a.associative = true;
        return;
    }
    if (field->listType == ListType::Map) {
        a.atomic = false;
        a.associative = true;
        a.keys = !field->listMapKeys.empty() ? field->listMapKeys : std::vector<std::string>{field->patchMergeKey};
        return;
    }
    // No list type: the patch strategy decides ("merge" or "merge,retainKeys"; "retainKeys"
    // alone stays atomic).
    if (field->mergesList()) {
        a.atomic = false;
        a.associative = true;
        if (!field->patchMergeKey.empty())
            a.keys = {field->patchMergeKey};
    }
}

}  // namespace

Atom resolve(const TypeRef& t) {
    Atom a;
    if (t.structDef) {
        a.kind = Atom::Kind::Map;
        a.def = t.structDef;
        a.atomic = t.structDef->atomic;
        return a;
    }
    if (!t.type)
        return a;  // deduced
    switch (t.type->kind) {
    case TypeKind::String:
    case TypeKind::Int32:
    case TypeKind::Int64:
    case TypeKind::Bool:
    case TypeKind::Double:
    case TypeKind::Bytes:
    case TypeKind::Quantity:
    case TypeKind::IntOrString:
    case TypeKind::Time:
    case TypeKind::MicroTime: a.kind = Atom::Kind::Scalar; return a;
    case TypeKind::Any: a.kind = Atom::Kind::Untyped; return a;
    case TypeKind::Struct:
        a.kind = Atom::Kind::Map;
        a.def = t.type->def;
        a.atomic = (t.type->def && t.type->def->atomic) || (t.field && t.field->mapAtomic);
        return a;
    case TypeKind::Map:
        a.kind = Atom::Kind::Map;
        a.elem = t.type->elem;
        a.atomic = t.field && t.field->mapAtomic;
        return a;
    case TypeKind::List: resolveList(t.type, t.field, a); return a;
    }
    return a;
}

TypeRef fieldTypeRef(const Atom& map, const std::string& key) {
    if (map.kind != Atom::Kind::Map)
        return {};
    if (map.def) {
        if (const schema::Field* f = map.def->field(key))
            return {f->type, f};
        return {};
    }
    return {map.elem, nullptr};
}

bool declaresField(const Atom& map, const std::string& key) {
    return map.kind == Atom::Kind::Map && map.def && map.def->field(key) != nullptr;
}

TypeRef elementTypeRef(const Atom& list) {
    if (list.kind != Atom::Kind::List)
        return {};
    return {list.elem, nullptr};
}

TypeRef rootTypeRef(const std::string& apiVersion, const std::string& kind) {
    TypeRef t;
    t.structDef = schema::Schema::builtin().kind(apiVersion, kind);
    return t;
}

Json keyFieldDefault(const schema::StructDef* itemDef, const std::string& keyField) {
    // Upstream: k8s.io/api core/v1 types.go (+default="TCP" on ContainerPort.Protocol and
    // ServicePort.Protocol), carried into the OpenAPI document SMD reads defaults from.
    if (!itemDef || keyField != "protocol")
        return nullptr;
    if (itemDef->package == "core/v1" && (itemDef->name == "ContainerPort" || itemDef->name == "ServicePort"))
        return "TCP";
    return nullptr;
}

}  // namespace kp::apply
