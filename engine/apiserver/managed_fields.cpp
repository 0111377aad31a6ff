#include "apiserver/managed_fields.h"

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

}  // namespace

void updateManagedFields(Json& obj, const Json* old, const std::string& manager, const std::string& operation,
                         Time now, const std::string& subresource) {
    if (operation == "Apply")
        return;
    const std::string apiVersion = stringAt(obj, "apiVersion");
    const std::string kind = stringAt(obj, "kind");
    const ResourceInfo* r = ResourceRegistry::builtin().byKind(apiVersion, kind);
    obj = fieldManagerFor(r, apiVersion, kind, subresource, now).update(old, std::move(obj), manager);
}

ServerSideApplyResult serverSideApply(const ResourceInfo& r, const Json& live, const Json& config,
                                      const std::string& manager, bool force, const std::string& subresource,
                                      Time now) {
    apply::FieldManager fm = fieldManagerFor(&r, r.apiVersion(), r.kind, subresource, now);
    apply::FieldManager::ApplyOutcome out = fm.apply(live, config, manager, force);
    return {std::move(out.status), std::move(out.object)};
}

}  // namespace kp
