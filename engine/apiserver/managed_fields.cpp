#include "apiserver/managed_fields.h"

#include <unordered_map>
#ifdef KP_VERIFY_CREATE_MEMO
#include <cstdio>
#include <cstdlib>
#endif

#include "apiserver/apply/field_manager.h"
#include "apiserver/registry/strategy.h"

namespace kp {
namespace {

// The fields an endpoint resets (each strategy's GetResetFields): a main resource with a
// status subresource never writes status; /status never writes spec.
// SIMPLIFICATION: some status strategies also reset metadata fields (pods: deletionTimestamp,
// ownerReferences); our /status endpoint already writes nothing but status.
apply::FieldSet resetFieldsFor(const ResourceInfo* r, const std::string& subresource) {
    apply::FieldSet reset;
    if (!r)
        return reset;
    if (subresource.empty() && registry::strategyFor(*r).statusSubresource)
        reset.insert({apply::PathElement::field("status")});
    else if (subresource == "status")
        reset.insert({apply::PathElement::field("spec")});
    return reset;
}

apply::FieldManager fieldManagerFor(const ResourceInfo* r, const std::string& apiVersion, const std::string& kind,
                                    const std::string& subresource, Time now) {
    apply::FieldManagerScope scope{apiVersion, kind, subresource, resetFieldsFor(r, subresource)};
    return apply::FieldManager(std::move(scope), now);
}

// [SECTION] managedFields of a create, memoized by the object's shape
//
// A create's managedFields entry (no live object, none in the request) is one set: every field
// the object holds that differs from the kind's zero object (zero_objects.cpp). That set depends
// on the object's keys, on which scalars are zero values (null, "", 0, false: the only scalars a
// zero object holds) and on list contents (set members, associative keys), not on other scalar
// values. Controllers create thousands of objects of one shape (a ReplicaSet's pods, the
// scheduler's and kubelets' Events), so the set is computed once per shape and reused; only the
// entry's time is the create's own. Same result as computing it every time, much cheaper.

bool isZeroScalar(const Json& v) {
    switch (v.type()) {
    case Json::value_t::null: return true;
    case Json::value_t::string: return v.get_ref<const std::string&>().empty();
    case Json::value_t::boolean: return !v.get<bool>();
    case Json::value_t::number_integer: return v.get<int64_t>() == 0;
    case Json::value_t::number_unsigned: return v.get<uint64_t>() == 0;
    case Json::value_t::number_float: return v.get<double>() == 0;
    default: return false;
    }
}

// Objects keep their keys, arrays are written whole, other scalars become their type.
void appendShape(const Json& v, std::string& out) {
    if (v.is_object()) {
        out += '{';
        for (auto it = v.begin(); it != v.end(); ++it) {
            out += it.key();
            out += '\x1f';
            appendShape(it.value(), out);
        }
        out += '}';
        return;
    }
    if (v.is_array()) {
        out += v.dump();
        return;
    }
    if (isZeroScalar(v)) {
        out += v.dump();  // equal to the zero object's value where it has one: not a change
        return;
    }
    out += '~';
    out += static_cast<char>('a' + static_cast<int>(v.type()));
}

struct CreateMemo {
    static constexpr size_t kMaxShapes = 512;
    std::unordered_map<std::string, Json> managedFieldsByShape;  // null: the create records none
};

CreateMemo& createMemo() {
    // Pure function results only (same input, same output), so sharing it between clusters
    // cannot change what any of them computes.
    static CreateMemo memo;
    return memo;
}

std::string createShapeKey(const Json& obj, const std::string& apiVersion, const std::string& kind,
                           const std::string& manager, const std::string& subresource) {
    std::string key = apiVersion;
    key += '\x1e';
    key += kind;
    key += '\x1e';
    key += manager;
    key += '\x1e';
    key += subresource;
    key += '\x1e';
    appendShape(obj, key);
    return key;
}

bool hasRequestManagedFields(const Json& obj) {
    const Json* meta = findPath(obj, "metadata");
    return meta && meta->is_object() && meta->contains("managedFields");
}

}  // namespace

void updateManagedFields(Json& obj, const Json* old, const std::string& manager, const std::string& operation,
                         Time now, const std::string& subresource) {
    if (operation == "Apply")
        return;
    const std::string apiVersion = stringAt(obj, "apiVersion");
    const std::string kind = stringAt(obj, "kind");
    const ResourceInfo* r = ResourceRegistry::builtin().byKind(apiVersion, kind);
    if (old || hasRequestManagedFields(obj) || !obj.is_object()) {
        obj = fieldManagerFor(r, apiVersion, kind, subresource, now).update(old, std::move(obj), manager);
        return;
    }
    CreateMemo& memo = createMemo();
    std::string key = createShapeKey(obj, apiVersion, kind, manager, subresource);
    auto hit = memo.managedFieldsByShape.find(key);
    if (hit == memo.managedFieldsByShape.end()) {
        obj = fieldManagerFor(r, apiVersion, kind, subresource, now).update(nullptr, std::move(obj), manager);
        const Json* mf = findPath(obj, "metadata.managedFields");
        if (mf && (!mf->is_array() || mf->size() != 1))
            return;  // not the single entry a create gives: nothing to reuse
        if (memo.managedFieldsByShape.size() >= CreateMemo::kMaxShapes)
            memo.managedFieldsByShape.clear();
        memo.managedFieldsByShape.emplace(std::move(key), mf ? *mf : Json());
        return;
    }
#ifdef KP_VERIFY_CREATE_MEMO  // checks every reuse against the full computation (kp_tests passes so)
    Json expected = fieldManagerFor(r, apiVersion, kind, subresource, now).update(nullptr, obj, manager);
#endif
    if (!hit->second.is_null()) {
        Json& mf = obj["metadata"]["managedFields"] = hit->second;
        mf[0]["time"] = formatRFC3339(now);
    }
#ifdef KP_VERIFY_CREATE_MEMO
    if (expected != obj) {
        fprintf(stderr, "CREATE MEMO MISMATCH\n%s\n%s\n", expected.dump().c_str(), obj.dump().c_str());
        abort();
    }
#endif
}

ServerSideApplyResult serverSideApply(const ResourceInfo& r, const Json& live, const Json& config,
                                      const std::string& manager, bool force, const std::string& subresource,
                                      Time now) {
    apply::FieldManager fm = fieldManagerFor(&r, r.apiVersion(), r.kind, subresource, now);
    apply::FieldManager::ApplyOutcome out = fm.apply(live, config, manager, force);
    return {std::move(out.status), std::move(out.object)};
}

}  // namespace kp
