// go-spew's "%#v" for a JSON object read into the Go types of go_types.h, and the hash on top.
//
// [SECTION] quantity   resource.ParseQuantity: the Go value a quantity string decodes to
// [SECTION] printer    go-spew formatState.format with SortKeys, DisableMethods,
//                      DisablePointerAddresses (what dump.ForHash configures)
// [SECTION] hash       ComputeHash, EqualIgnoreHash
#include "controller/deployment/pod_template_hash.h"

#include <map>
#include <vector>

#include "controller/deployment/go_types.h"

namespace kp::deployment {
namespace {

constexpr const char* kPodTemplateHashLabel = "pod-template-hash";

// [SECTION] quantity

using u128 = unsigned __int128;

// The fields of a Go resource.Quantity after ParseQuantity: either the int64Amount fast path
// {value, scale} or an inf.Dec {unscaled, scale}; `s` caches the string when it was canonical.
struct GoQuantity {
    bool valid = false;
    int64_t value = 0;
    int32_t scale = 0;
    bool dec = false;       // inf.Dec path
    bool decNeg = false;
    u128 decUnscaled = 0;   // |unscaled|
    int32_t decScale = 0;
    std::string s;
    std::string format;     // "DecimalSI", "BinarySI", "DecimalExponent"
};

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Upstream: apimachinery pkg/api/resource/quantity.go#parseQuantityString
bool parseQuantityString(const std::string& str, bool& positive, std::string& value, std::string& num,
                         std::string& denom, std::string& suffix) {
    positive = true;
    size_t pos = 0;
    const size_t end = str.size();
    if (pos < end && (str[0] == '-' || str[0] == '+')) {
        positive = str[0] != '-';
        ++pos;
    }
    while (true) {  // leading zeros
        if (pos >= end) {
            num = "0";
            value = num;
            return true;
        }
        if (str[pos] != '0')
            break;
        ++pos;
    }
    size_t i = pos;
    while (i < end && isDigit(str[i]))
        ++i;
    if (i >= end) {
        num = str.substr(pos);
        value = str;
        return true;
    }
    num = str.substr(pos, i - pos);
    pos = i;
    if (num.empty())
        num = "0";
    if (pos < end && str[pos] == '.') {
        ++pos;
        i = pos;
        while (i < end && isDigit(str[i]))
            ++i;
        denom = str.substr(pos, i - pos);
        if (i >= end) {
            value = str;
            return true;
        }
        pos = i;
    }
    value = str.substr(0, pos);
    const size_t suffixStart = pos;
    i = pos;
    while (i < end && std::string_view("eEinumkKMGTP").find(str[i]) != std::string_view::npos)
        ++i;
    if (i >= end) {
        suffix = str.substr(suffixStart);
        return true;
    }
    pos = i;
    if (str[pos] == '-' || str[pos] == '+')
        ++pos;
    while (pos < end && isDigit(str[pos]))
        ++pos;
    if (pos < end)
        return false;  // ErrFormatWrong
    suffix = str.substr(suffixStart);
    return true;
}

// quantitySuffixer.interpret: base, exponent and format of a suffix.
bool interpretSuffix(const std::string& suffix, int& base, int32_t& exponent, std::string& format) {
    static const std::map<std::string, int32_t> decimal = {{"n", -9}, {"u", -6}, {"m", -3}, {"", 0}, {"k", 3},
                                                           {"M", 6},  {"G", 9},  {"T", 12}, {"P", 15}, {"E", 18}};
    static const std::map<std::string, int32_t> binary = {{"Ki", 10}, {"Mi", 20}, {"Gi", 30},
                                                          {"Ti", 40}, {"Pi", 50}, {"Ei", 60}};
    if (auto it = decimal.find(suffix); it != decimal.end()) {
        base = 10, exponent = it->second, format = "DecimalSI";
        return true;
    }
    if (auto it = binary.find(suffix); it != binary.end()) {
        base = 2, exponent = it->second, format = "BinarySI";
        return true;
    }
    if (suffix.size() > 1 && (suffix[0] == 'E' || suffix[0] == 'e')) {
        try {
            size_t used = 0;
            const long long e = std::stoll(suffix.substr(1), &used);
            if (used != suffix.size() - 1)
                return false;
            base = 10, exponent = static_cast<int32_t>(e), format = "DecimalExponent";
            return true;
        } catch (...) {
            return false;
        }
    }
    return false;
}

bool int64Multiply(int64_t a, int64_t b, int64_t& out) {
    if (a == 0 || b == 0 || a == 1 || b == 1) {
        out = a * b;
        return true;
    }
    if (a == INT64_MIN || b == INT64_MIN)
        return false;
    return !__builtin_mul_overflow(a, b, &out);
}

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The inf.Dec path: exact decimal arithmetic, here on 128 bits.
// SIMPLIFICATION: quantities whose value at nano precision needs more than 128 bits are not
// modelled (they print as an empty Dec).
void parseAsDec(GoQuantity& q, const std::string& value, int base, int32_t exponent) {
    q.dec = true;
    u128 unscaled = 0;
    int32_t scale = 0;
    bool seenDot = false;
    for (char c : value) {
        if (c == '-') {
            q.decNeg = true;
            continue;
        }
        if (c == '+')
            continue;
        if (c == '.') {
            seenDot = true;
            continue;
        }
        if (unscaled > (~u128(0)) / 10)
            return;
        unscaled = unscaled * 10 + u128(c - '0');
        if (seenDot)
            ++scale;
    }
    if (base == 10) {
        scale -= exponent;
    } else {
        for (int32_t i = 0; i < exponent; ++i) {
            if (unscaled > (~u128(0)) / 2)
                return;
            unscaled *= 2;
        }
    }
    // Values are rounded up (away from zero) to nano precision: the Dec ends with scale 9.
    if (unscaled != 0) {
        for (; scale < 9; ++scale) {
            if (unscaled > (~u128(0)) / 10)
                return;
            unscaled *= 10;
        }
        if (scale > 9) {
            u128 divisor = 1;
            for (int32_t k = 9; k < scale; ++k) {
                if (divisor > (~u128(0)) / 10)
                    return;
                divisor *= 10;
            }
            const bool rest = unscaled % divisor != 0;
            unscaled = unscaled / divisor + (rest ? 1 : 0);
            scale = 9;
        }
    }
    // BinarySI amounts are capped at 2^63-1 (maxAllowed, scale 0).
    const u128 maxAllowed = u128(INT64_MAX);
    if (q.format == "BinarySI" && scale == 9 && unscaled > maxAllowed * 1000000000u) {
        unscaled = maxAllowed;
        scale = 0;
    }
    if (q.format == "BinarySI" && unscaled != 0 && scale == 9 && unscaled < u128(1000000000))
        q.format = "DecimalSI";  // 0 < amount < 1
    if (unscaled == 0)
        q.decNeg = false;
    q.decUnscaled = unscaled;
    q.decScale = scale;
}

// Upstream: apimachinery pkg/api/resource/quantity.go#ParseQuantity
GoQuantity parseQuantity(const std::string& str) {
    GoQuantity q;
    if (str.empty())
        return q;
    if (str == "0") {
        q.valid = true;
        q.format = "DecimalSI";
        q.s = str;
        return q;
    }
    bool positive = true;
    std::string value, num, denom, suffix;
    if (!parseQuantityString(str, positive, value, num, denom, suffix))
        return q;
    int base = 10;
    int32_t exponent = 0;
    if (!interpretSuffix(suffix, base, exponent, q.format))
        return q;
    q.valid = true;

    int32_t precision = 0, scale = 0;
    int64_t mantissa = 1;
    if (q.format == "BinarySI") {
        if (exponent >= 0 && denom.empty()) {
            mantissa = int64_t(1) << exponent;
            precision = 15 - int32_t(num.size()) - int32_t(float(exponent) * 3 / 10) - 1;
        } else {
            precision = -1;
        }
    } else {
        scale = exponent;
        precision = 18 - int32_t(num.size() + denom.size());
    }
    if (precision >= 0) {
        scale -= int32_t(denom.size());
        if (scale >= -9) {
            const std::string shifted = num + denom;
            int64_t v = 0;
            try {
                v = std::stoll(shifted);
            } catch (...) {
                q.valid = false;
                return q;
            }
            int64_t result = 0;
            if (int64Multiply(v, mantissa, result)) {
                q.value = positive ? result : -result;
                q.scale = scale;
                // A canonical input string is kept (and printed) as is.
                if (q.format == "BinarySI") {
                    if (exponent % 10 == 0 && (v & 0x07) != 0)
                        q.s = str;
                } else if (scale % 3 == 0 && !endsWith(shifted, "000") && shifted[0] != '0') {
                    q.s = str;
                }
                return q;
            }
        }
    }
    parseAsDec(q, value, base, exponent);
    return q;
}

// Canonical value text for semantic comparison: digits and a power of ten, trailing zeros moved
// into the exponent ("1000m" and "1" both give "1e0").
std::string canonicalQuantity(const GoQuantity& q) {
    if (!q.valid)
        return "invalid";
    bool neg = false;
    u128 digits = 0;
    int32_t exp = 0;
    if (q.dec) {
        neg = q.decNeg, digits = q.decUnscaled, exp = -q.decScale;
    } else {
        neg = q.value < 0;
        digits = neg ? u128(-(q.value + 1)) + 1 : u128(q.value);
        exp = q.scale;
    }
    if (digits == 0)
        return "0";
    while (digits % 10 == 0) {
        digits /= 10;
        ++exp;
    }
    std::string text;
    for (; digits > 0; digits /= 10)
        text.insert(text.begin(), char('0' + int(digits % 10)));
    return (neg ? "-" : "") + text + "e" + std::to_string(exp);
}

// The 64-bit words of a big.nat, least significant first, as spew prints them.
std::string natWords(u128 v) {
    std::string out = "[";
    const uint64_t low = uint64_t(v), high = uint64_t(v >> 64);
    out += std::to_string(low);
    if (high != 0)
        out += " " + std::to_string(high);
    return out + "]";
}

std::string quantityText(const Json& v) {
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_number_integer())
        return std::to_string(v.get<int64_t>());
    if (v.is_number())
        return v.dump();
    return "";
}

// [SECTION] printer

class SpewPrinter {
public:
    explicit SpewPrinter(bool forEquality) : forEquality_(forEquality) {}

    // formatState.format: `(type)` unless the caller already printed it, then the value.
    void value(std::string_view type, const Json* v, bool ignoreType) {
        if (v && v->is_null())
            v = nullptr;
        if (!type.empty() && type[0] == '*') {
            pointer(type, v, ignoreType);
            return;
        }
        if (!ignoreType)
            typeTag(type);
        valueOf(type, v);
    }

    std::string out;

private:
    void typeTag(std::string_view type) {
        out += '(';
        out += type;
        out += ')';
    }

    // formatState.formatPtr: nil prints `<nil>` after the type; otherwise the pointee follows
    // without its own type (or `<*>` when types are off for this value).
    void pointer(std::string_view type, const Json* v, bool ignoreType) {
        if (!v && ignoreType) {
            out += "<nil>";
            return;
        }
        if (ignoreType)
            out += "<*>";
        else
            typeTag(type);
        if (!v) {
            out += "<nil>";
            return;
        }
        value(type.substr(1), v, true);
    }

    void valueOf(std::string_view type, const Json* v) {
        if (type.rfind("[]", 0) == 0) {
            slice(type.substr(2), v);
            return;
        }
        if (type.rfind("map[", 0) == 0) {
            const size_t close = type.find(']');
            map(type.substr(close + 1), v);
            return;
        }
        if (type == "string" || type == "types.UID") {
            if (v && v->is_string())
                out += v->get_ref<const std::string&>();
            return;
        }
        if (type == "int32" || type == "int64" || type == "int") {
            out += std::to_string(v && v->is_number() ? v->get<int64_t>() : 0);
            return;
        }
        if (type == "uint8" || type == "uint64") {
            out += std::to_string(v && v->is_number() ? v->get<uint64_t>() : 0);
            return;
        }
        if (type == "bool") {
            out += v && v->is_boolean() && v->get<bool>() ? "true" : "false";
            return;
        }
        if (type == "resource.Quantity") {
            quantity(v);
            return;
        }
        if (type == "intstr.IntOrString") {
            intOrString(v);
            return;
        }
        if (type == "v1.Time" || type == "v1.MicroTime") {
            // SIMPLIFICATION: a set timestamp would print its time.Location (Local); templates
            // never carry one (creationTimestamp: null), so only the zero time is modelled.
            out += "{Time:(time.Time){wall:(uint64)0 ext:(int64)0 loc:(*time.Location)<nil>}}";
            return;
        }
        const gotypes::Type* t = gotypes::find(type);
        if (!t)
            return;
        if (!t->isStruct) {
            valueOf(t->underlying, v);
            return;
        }
        structure(*t, v);
    }

    void structure(const gotypes::Type& t, const Json* v) {
        out += '{';
        bool first = true;
        for (const gotypes::Field& f : t.fields) {
            if (!first)
                out += ' ';
            first = false;
            out += f.name;
            out += ':';
            const Json* child = nullptr;
            if (f.json.empty())
                child = v;  // embedded struct: its fields live in the same object
            else if (v && v->is_object()) {
                auto it = v->find(f.json);
                if (it != v->end())
                    child = &*it;
            }
            value(f.type, child, false);
        }
        out += '}';
    }

    // Empty lists come back from protobuf as nil slices.
    void slice(std::string_view elem, const Json* v) {
        if (!v || !v->is_array() || v->empty() || elem == "uint8") {
            out += "<nil>";
            return;
        }
        out += '[';
        bool first = true;
        for (const Json& e : *v) {
            if (!first)
                out += ' ';
            first = false;
            value(elem, &e, true);
        }
        out += ']';
    }

    // Keys are sorted (SortKeys); our JSON objects already iterate in byte order.
    void map(std::string_view valueType, const Json* v) {
        if (!v || !v->is_object() || v->empty()) {
            out += "<nil>";
            return;
        }
        out += "map[";
        bool first = true;
        for (auto it = v->begin(); it != v->end(); ++it) {
            if (!first)
                out += ' ';
            first = false;
            out += it.key();
            out += ':';
            value(valueType, &it.value(), true);
        }
        out += ']';
    }

    void intOrString(const Json* v) {
        const bool isString = v && v->is_string();
        const int64_t intVal = v && v->is_number() ? v->get<int64_t>() : 0;
        out += "{Type:(intstr.Type)" + std::string(isString ? "1" : "0") + " IntVal:(int32)" + std::to_string(intVal) +
               " StrVal:(string)" + (isString ? v->get<std::string>() : "") + "}";
    }

    void quantity(const Json* v) {
        const GoQuantity q = parseQuantity(v ? quantityText(*v) : "");
        if (forEquality_) {
            out += "{" + canonicalQuantity(q) + "}";
            return;
        }
        out += "{i:(resource.int64Amount){value:(int64)" + std::to_string(q.dec ? 0 : q.value) +
               " scale:(resource.Scale)" + std::to_string(q.dec ? 0 : q.scale) + "} d:(resource.infDecAmount){Dec:";
        if (q.dec)
            out += "(*inf.Dec){unscaled:(big.Int){neg:(bool)" + std::string(q.decNeg ? "true" : "false") +
                   " abs:(big.nat)" + natWords(q.decUnscaled) + "} scale:(inf.Scale)" + std::to_string(q.decScale) + "}";
        else
            out += "(*inf.Dec)<nil>";
        out += "} s:(string)" + q.s + " Format:(resource.Format)" + q.format + "}";
    }

    bool forEquality_;
};

std::string spew(const Json& podTemplate, bool forEquality) {
    SpewPrinter p(forEquality);
    p.value("v1.PodTemplateSpec", &podTemplate, false);
    return std::move(p.out);
}

}  // namespace

// [SECTION] hash

uint32_t fnv32a(std::string_view data, uint32_t h) {
    for (unsigned char c : data) {
        h ^= c;
        h *= 16777619u;
    }
    return h;
}

std::string safeEncodeString(std::string_view s) {
    static constexpr std::string_view kAlphanums = "bcdfghjklmnpqrstvwxz2456789";
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s)
        out += kAlphanums[c % kAlphanums.size()];
    return out;
}

std::string spewPodTemplateSpec(const Json& podTemplate) { return spew(podTemplate, false); }

// Upstream: pkg/controller/controller_utils.go#ComputeHash
std::string computeHash(const Json& podTemplate, std::optional<int64_t> collisionCount) {
    uint32_t h = fnv32a(spew(podTemplate, false));
    if (collisionCount) {
        const uint32_t c = static_cast<uint32_t>(*collisionCount);
        const char bytes[8] = {char(c & 0xff), char((c >> 8) & 0xff), char((c >> 16) & 0xff), char(c >> 24), 0, 0, 0, 0};
        h = fnv32a(std::string_view(bytes, 8), h);
    }
    return safeEncodeString(std::to_string(h));
}

// Upstream: pkg/controller/deployment/util/deployment_util.go#EqualIgnoreHash
bool equalIgnoreHash(const Json& template1, const Json& template2) {
    auto withoutHash = [](const Json& t) {
        const Json* labels = findPath(t, "metadata.labels");
        if (!labels || !labels->is_object() || !labels->contains(kPodTemplateHashLabel))
            return spew(t, true);
        Json copy = t;
        copy["metadata"]["labels"].erase(kPodTemplateHashLabel);
        return spew(copy, true);
    };
    return withoutHash(template1) == withoutHash(template2);
}

}  // namespace kp::deployment
