// ObjectMeta, labels, annotations, label selectors and immutable fields, as
// apimachinery pkg/api/validation/objectmeta.go and pkg/apis/meta/v1/validation validate them.
//
// Rules a learner meets:
//  - metadata.name: required (`name or generateName is required`), then the kind's name rule
//  - metadata.namespace: required for namespaced kinds, `not allowed on this type` otherwise
//  - labels: keys are qualified names, values at most 63 characters
//  - annotations: keys are qualified names (case-insensitive), keys+values at most 256 KiB
//  - on update: name/namespace/uid/creationTimestamp are immutable (`field is immutable`),
//    resourceVersion must be set
#pragma once
#include <string>

#include "apiserver/validation/field_error.h"
#include "apiserver/validation/name_validation.h"
#include "base/json.h"

namespace kp::validation {

constexpr int kTotalAnnotationSizeLimitB = 256 * 1024;
constexpr const char* kFieldImmutableErrorMsg = "field is immutable";
constexpr const char* kIsNegativeErrorMsg = "must be greater than or equal to 0";

// Upstream: apimachinery objectmeta.go#ValidateObjectMetaAccessor. `meta` is the metadata
// object; requiresNamespace is true for namespaced kinds.
FieldErrorList validateObjectMetaGeneric(const Json& meta, bool requiresNamespace, NameValidator nameFn,
                                         const std::string& fldPath = "metadata");
// Upstream: core/validation#ValidateObjectMeta: the generic rules plus the legacy finalizer
// name rule (`name is neither a standard finalizer name nor is it fully qualified`).
FieldErrorList validateObjectMeta(const Json& meta, bool requiresNamespace, NameValidator nameFn,
                                  const std::string& fldPath = "metadata");
// Upstream: objectmeta.go#ValidateObjectMetaAccessorUpdate.
FieldErrorList validateObjectMetaUpdateGeneric(const Json& newMeta, const Json& oldMeta,
                                               const std::string& fldPath = "metadata");
// Upstream: core/validation#ValidateObjectMetaUpdate (generic + legacy finalizer names).
FieldErrorList validateObjectMetaUpdate(const Json& newMeta, const Json& oldMeta,
                                        const std::string& fldPath = "metadata");

FieldErrorList validateLabels(const Json& labels, const std::string& fldPath);
FieldErrorList validateLabelName(const std::string& name, const std::string& fldPath);
FieldErrorList validateAnnotations(const Json& annotations, const std::string& fldPath);
FieldErrorList validateOwnerReferences(const Json& ownerReferences, const std::string& fldPath);
FieldErrorList validateFinalizers(const Json& finalizers, const std::string& fldPath);
// Upstream: core/validation#validateFinalizerName (qualified name + legacy standard names).
FieldErrorList validateFinalizerName(const std::string& name, const std::string& fldPath);
// Upstream: core/validation#ValidateTemplateObjectMeta-like checks for pod templates:
// labels and annotations only.
FieldErrorList validateTemplateLabelsAndAnnotations(const Json& meta, const std::string& fldPath);

// Upstream: meta/v1/validation#ValidateLabelSelector. `selector` may be null (no errors).
FieldErrorList validateLabelSelector(const Json& selector, const std::string& fldPath,
                                     bool allowInvalidLabelValue = false);
// Whether metav1.LabelSelectorAsSelector would accept the selector (valid keys, values and
// operators). A null selector converts fine (to "nothing").
bool labelSelectorConvertible(const Json& selector);
// labels.Selector semantics of a converted selector: null selects nothing, {} selects
// everything, otherwise every matchLabels pair and matchExpressions requirement must hold.
bool labelSelectorMatches(const Json& selector, const Json& labels);
// True when the selector has neither matchLabels nor matchExpressions (selects everything).
bool labelSelectorEmpty(const Json& selector);
// A map selector (Service, ReplicationController): every key=value must be in `labels`.
bool mapSelectorMatches(const Json& selector, const Json& labels);

// Upstream: ValidateImmutableField. Compares with Kubernetes' semantic equality and reports
// `Invalid value: <new>: field is immutable`; `goValue` overrides the printed value.
FieldErrorList validateImmutableField(const Json& newValue, const Json& oldValue, const std::string& fldPath,
                                      const std::string& goValue = "");
// Upstream: ValidateNonnegativeField: `Invalid value: -1: must be greater than or equal to 0`.
FieldErrorList validateNonnegativeField(int64_t value, const std::string& fldPath);

}  // namespace kp::validation
