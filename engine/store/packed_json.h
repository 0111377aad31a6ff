// PackedJson: a compact byte encoding of a Json document for objects the store keeps cold (the
// many Events of a large cluster). Decoding gives back exactly the document that was packed:
// the same keys in the same order, and the same value types (an integer stays a signed or an
// unsigned integer, a double keeps all its bits), so nothing that reads it can tell.
//
// Object keys ("metadata", "f:lastTimestamp", "involvedObject"...) repeat in every object of a
// kind; a KeyTable shared by everything a store packs keeps each one once and the packed bytes
// refer to it by number. An Event takes ~6 KB as a Json tree and well under 1 KB packed.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/json.h"

namespace kp {

class KeyTable {
public:
    uint32_t intern(const std::string& key);
    const std::string& key(uint32_t id) const { return keys_[id]; }
    size_t size() const { return keys_.size(); }
    size_t heapBytes() const;  // roughly, for benchmarks

private:
    std::vector<std::string> keys_;
    std::unordered_map<std::string, uint32_t> ids_;
};

// Appends the encoding of `value` to `out`. Returns false (and leaves `out` as it was) for
// values it does not encode (discarded), which the caller keeps unpacked.
bool packJson(const Json& value, KeyTable& keys, std::string& out);
Json unpackJson(std::string_view packed, const KeyTable& keys);

}  // namespace kp
