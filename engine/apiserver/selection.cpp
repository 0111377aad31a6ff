#include "apiserver/selection.h"

#include "apiserver/errors.h"

namespace kp {

Status Selection::parse(const ResourceInfo& r, const std::string& labelSelector, const std::string& fieldSelector) {
    groupResource_ = r.groupResource();
    std::string error;
    if (!labelSelector.empty()) {
        auto sel = labels::Selector::parse(labelSelector, &error);
        if (!sel)
            return apierrors::badRequest(error);
        labels_ = *sel;
    }
    if (!fieldSelector.empty()) {
        auto sel = fields::Selector::parse(fieldSelector, &error);
        if (!sel)
            return apierrors::badRequest(error);
        if (Status s = fields::convertFieldSelector(groupResource_, *sel); !s.ok())
            return s;
        if (Status s = fields::validateFieldSelector(groupResource_, *sel); !s.ok())
            return s;
        fields_ = *sel;
    }
    return {};
}

bool Selection::matches(const Json& obj) const {
    if (!labels_.empty() && !labels_.matchesLabelsOf(obj))
        return false;
    if (!fields_.empty() && !fields_.matches(fields::selectableFields(groupResource_, obj)))
        return false;
    return true;
}

}  // namespace kp
