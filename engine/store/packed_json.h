// PackedJson: a compact byte encoding of a Json document for objects the store keeps cold (the
// many Events of a large cluster). Decoding gives back exactly the document that was packed:
// the same keys in the same order, and the same value types (an integer stays a signed or an
// unsigned integer, a double keeps all its bits), so nothing that reads it can tell.
//
// Object keys ("metadata", "f:lastTimestamp", "involvedObject"...) repeat in every object of a
// kind; a KeyTable shared by everything a store packs keeps each one once and the packed bytes
// refer to it by number, as they do to string values that repeat across objects (images,
// timestamps, node names). An Event takes ~6 KB as a Json tree and well under 1 KB packed.
#pragma once
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/json.h"

namespace kp {

// The words packed documents refer to by number: object keys, binary values, and string values
// that repeat. Each is kept once.
class KeyTable {
public:
    KeyTable() = default;
    KeyTable(const KeyTable&) = delete;  // ids_ points into words_
    KeyTable& operator=(const KeyTable&) = delete;

    uint32_t intern(std::string_view word);
    // The number of `word` if the table has it.
    std::optional<uint32_t> find(std::string_view word) const;
    const std::string& key(uint32_t id) const { return words_[id]; }
    size_t size() const { return words_.size(); }
    size_t heapBytes() const;  // roughly, for benchmarks

    // Whether a string value is worth sharing, judged by what the values in the same place
    // (`context`: the key it is under and that key's parent) turned out to be: shared while at
    // least half of the recent ones were repeats (images, timestamps, node names, the pod an
    // Event is about), written out otherwise (uids, pod and Event names, messages). The first
    // kTrials of a place, and one in kProbation after that, are shared to keep measuring.
    // A word already in the table is always shared. Counts `word`.
    bool shareValue(uint64_t context, std::string_view word);
    static constexpr uint16_t kTrials = 64, kWindow = 1024, kProbation = 16;

private:
    std::deque<std::string> words_;  // a deque: ids_ views stay valid as it grows
    std::unordered_map<std::string_view, uint32_t> ids_;
    struct ValueTrials {
        uint16_t tried = 0, repeats = 0;
    };
    std::unordered_map<uint64_t, ValueTrials> valueTrials_;  // by context (lookups only)
};

// Appends the encoding of `value` to `out`. Returns false (and leaves `out` as it was) for
// values it does not encode (discarded), which the caller keeps unpacked.
bool packJson(const Json& value, KeyTable& keys, std::string& out);
Json unpackJson(std::string_view packed, const KeyTable& keys);

}  // namespace kp
