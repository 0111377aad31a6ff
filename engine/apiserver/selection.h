// A list or watch request's label and field selectors, parsed and checked against the resource
// (unsupported field labels are a 400 "field label not supported: X").
#pragma once
#include <optional>
#include <string>

#include "api/fields.h"
#include "api/labels.h"
#include "api/resources.h"
#include "base/json.h"
#include "base/status.h"

namespace kp {

class Selection {
public:
    Status parse(const ResourceInfo& r, const std::string& labelSelector, const std::string& fieldSelector);
    bool matches(const Json& obj) const;
    bool empty() const { return labels_.empty() && fields_.empty(); }

private:
    std::string groupResource_;
    labels::Selector labels_;
    fields::Selector fields_;
};

}  // namespace kp
