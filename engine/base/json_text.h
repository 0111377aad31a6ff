// Packed subtrees: a Json binary value (subtype kJsonTextSubtype) holding a subtree as its
// compact JSON text. An object keeps a cold part this way in one allocation instead of a tree of
// map nodes (metadata.managedFields[].fieldsV1: ~140 bytes per key as a tree, ~10 as text, and
// copied on every write of the object). Whoever shows an object expands it first; the JSON and
// YAML encoders print a packed subtree as the value it holds.
#pragma once
#include <cstdint>

#include "base/json.h"

namespace kp {

constexpr std::uint8_t kJsonTextSubtype = 'J';

Json packAsJsonText(const Json& value);
bool isPackedJsonText(const Json& v);
// The value a packed subtree holds (null when the text does not parse; it always does when it
// came from packAsJsonText). Any other value is returned as it is.
Json unpackJsonText(const Json& v);
// Replaces every packed subtree below `root` (and root itself) by the value it holds.
void expandPackedJsonText(Json& root);

}  // namespace kp
