#include "store/packed_json.h"

#include <cstring>

namespace kp {
namespace {

// One tag byte per value; lengths, counts and key numbers as LEB128 varints.
enum Tag : uint8_t {
    kNull,
    kFalse,
    kTrue,
    kInteger,   // zigzag varint (number_integer)
    kUnsigned,  // varint (number_unsigned)
    kFloat,     // 8 bytes, the double's bits (number_float)
    kString,    // varint length, bytes
    kObject,    // varint count, then (varint key number, value) pairs in the object's order
    kArray,     // varint count, values
    kEmptyString,
    // varint (subtype + 1, or 0), varint number of the bytes in the KeyTable. Binary values are
    // managedFields' packed field sets (json_text.h): every Event a component records carries the
    // same one, so the table keeps each once and an Event refers to it.
    kBinaryShared,
    kStringShared,  // varint number of the string in the KeyTable
};

constexpr uint32_t kNoKey = UINT32_MAX;  // a value not directly under an object key (the top)
constexpr size_t kShortString = 4;       // shorter strings are cheaper written out

void putVarint(uint64_t v, std::string& out) {
    while (v >= 0x80) {
        out += static_cast<char>(0x80 | (v & 0x7f));
        v >>= 7;
    }
    out += static_cast<char>(v);
}

// `underKey`, `parentKey`: where the value sits (KeyTable::shareValue's context).
bool pack(const Json& v, KeyTable& keys, uint32_t underKey, uint32_t parentKey, std::string& out) {
    switch (v.type()) {
    case Json::value_t::null: out += char(kNull); return true;
    case Json::value_t::boolean: out += char(v.get<bool>() ? kTrue : kFalse); return true;
    case Json::value_t::number_integer: {
        const int64_t i = v.get<int64_t>();
        out += char(kInteger);
        putVarint((static_cast<uint64_t>(i) << 1) ^ static_cast<uint64_t>(i >> 63), out);
        return true;
    }
    case Json::value_t::number_unsigned:
        out += char(kUnsigned);
        putVarint(v.get<uint64_t>(), out);
        return true;
    case Json::value_t::number_float: {
        const double d = v.get<double>();
        char bytes[sizeof d];
        std::memcpy(bytes, &d, sizeof d);
        out += char(kFloat);
        out.append(bytes, sizeof d);
        return true;
    }
    case Json::value_t::string: {
        const std::string& s = v.get_ref<const std::string&>();
        if (s.empty()) {
            out += char(kEmptyString);
            return true;
        }
        if (s.size() >= kShortString && underKey != kNoKey &&
            keys.shareValue(uint64_t(parentKey) << 32 | underKey, s)) {
            out += char(kStringShared);
            putVarint(keys.intern(s), out);
            return true;
        }
        out += char(kString);
        putVarint(s.size(), out);
        out += s;
        return true;
    }
    case Json::value_t::object:
        out += char(kObject);
        putVarint(v.size(), out);
        for (auto it = v.begin(); it != v.end(); ++it) {
            const uint32_t key = keys.intern(it.key());
            putVarint(key, out);
            if (!pack(it.value(), keys, key, underKey, out))
                return false;
        }
        return true;
    case Json::value_t::array:
        out += char(kArray);
        putVarint(v.size(), out);
        for (const Json& e : v)
            if (!pack(e, keys, underKey, parentKey, out))  // an array's items count under its key
                return false;
        return true;
    case Json::value_t::binary: {
        const Json::binary_t& b = v.get_binary();
        out += char(kBinaryShared);
        putVarint(b.has_subtype() ? b.subtype() + 1 : 0, out);
        putVarint(keys.intern(std::string_view(reinterpret_cast<const char*>(b.data()), b.size())), out);
        return true;
    }
    default:
        return false;  // discarded
    }
}

struct Reader {
    std::string_view in;
    size_t at = 0;
    const KeyTable& keys;

    uint64_t varint() {
        uint64_t v = 0;
        for (int shift = 0;; shift += 7) {
            const uint8_t b = static_cast<uint8_t>(in[at++]);
            v |= static_cast<uint64_t>(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
    }

    Json value() {
        switch (static_cast<Tag>(in[at++])) {
        case kNull: return nullptr;
        case kFalse: return false;
        case kTrue: return true;
        case kInteger: {
            const uint64_t z = varint();
            return static_cast<int64_t>((z >> 1) ^ (~(z & 1) + 1));
        }
        case kUnsigned: return static_cast<uint64_t>(varint());
        case kFloat: {
            double d;
            std::memcpy(&d, in.data() + at, sizeof d);
            at += sizeof d;
            return d;
        }
        case kEmptyString: return std::string();
        case kString: {
            const size_t n = varint();
            Json s = std::string(in.substr(at, n));
            at += n;
            return s;
        }
        case kObject: {
            Json obj = Json::object();
            for (uint64_t n = varint(); n > 0; --n) {
                const std::string& k = keys.key(static_cast<uint32_t>(varint()));
                obj.emplace(k, value());
            }
            return obj;
        }
        case kStringShared: return keys.key(static_cast<uint32_t>(varint()));
        case kBinaryShared: {
            const uint64_t subtype = varint();
            const std::string& shared = keys.key(static_cast<uint32_t>(varint()));
            Json::binary_t::container_type bytes(shared.begin(), shared.end());
            return subtype ? Json::binary(std::move(bytes), static_cast<std::uint8_t>(subtype - 1))
                           : Json::binary(std::move(bytes));
        }
        case kArray: {
            Json arr = Json::array();
            const uint64_t n = varint();
            arr.get_ref<Json::array_t&>().reserve(n);
            for (uint64_t i = 0; i < n; ++i)
                arr.push_back(value());
            return arr;
        }
        }
        return nullptr;
    }
};

}  // namespace

uint32_t KeyTable::intern(std::string_view word) {
    if (auto it = ids_.find(word); it != ids_.end())
        return it->second;
    const auto id = static_cast<uint32_t>(words_.size());
    words_.emplace_back(word);
    ids_.emplace(words_.back(), id);
    return id;
}

std::optional<uint32_t> KeyTable::find(std::string_view word) const {
    auto it = ids_.find(word);
    return it == ids_.end() ? std::nullopt : std::optional<uint32_t>(it->second);
}

bool KeyTable::shareValue(uint64_t context, std::string_view word) {
    ValueTrials& t = valueTrials_[context];
    const bool repeat = find(word).has_value();
    if (t.tried == kWindow) {  // recent values weigh more
        t.tried /= 2;
        t.repeats /= 2;
    }
    const bool share = t.tried < kTrials || 2 * t.repeats >= t.tried || t.tried % kProbation == 0;
    ++t.tried;
    t.repeats += repeat ? 1 : 0;
    return share || repeat;
}

size_t KeyTable::heapBytes() const {
    size_t n = words_.size() * sizeof(std::string) + ids_.bucket_count() * sizeof(void*) +
               valueTrials_.size() * 32;
    for (const std::string& w : words_)
        n += (w.capacity() > 15 ? w.capacity() + 1 : 0) + 32;  // the word, a hash node
    return n;
}

bool packJson(const Json& value, KeyTable& keys, std::string& out) {
    const size_t start = out.size();
    if (pack(value, keys, kNoKey, kNoKey, out))
        return true;
    out.resize(start);
    return false;
}

Json unpackJson(std::string_view packed, const KeyTable& keys) {
    Reader r{packed, 0, keys};
    return r.value();
}

}  // namespace kp
