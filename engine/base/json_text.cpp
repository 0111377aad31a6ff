#include "base/json_text.h"

namespace kp {

Json packAsJsonText(const Json& value) {
    const std::string text = value.dump();
    return Json::binary(Json::binary_t::container_type(text.begin(), text.end()), kJsonTextSubtype);
}

bool isPackedJsonText(const Json& v) {
    return v.is_binary() && v.get_binary().has_subtype() && v.get_binary().subtype() == kJsonTextSubtype;
}

Json unpackJsonText(const Json& v) {
    if (!isPackedJsonText(v))
        return v;
    const auto& bytes = v.get_binary();
    return Json::parse(bytes.begin(), bytes.end(), nullptr, false);
}

void expandPackedJsonText(Json& root) {
    if (isPackedJsonText(root)) {
        root = unpackJsonText(root);
        return;
    }
    if (root.is_object() || root.is_array())
        for (Json& child : root)
            expandPackedJsonText(child);
}

}  // namespace kp
