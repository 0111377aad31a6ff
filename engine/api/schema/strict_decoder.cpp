// Strict decoding against the schema table (see strict_decoder.h). The walk mirrors the Go
// decoder that the apiserver uses, because its error texts depend on the decoder's state:
//   - the strict path ("spec.containers[0].foo") grows with every object key and list index;
//   - the type-error context is the innermost struct and the chain of struct field names only
//     ("Container.spec.containers.image": no indexes, no map keys);
//   - a plain type mismatch is saved and decoding goes on (the first one is reported), while a
//     value type's own decoder (Quantity, IntOrString, Time) aborts decoding at once with its
//     error, which then wins over a mismatch saved earlier;
//   - any type error hides the strict (unknown field) errors.
#include "api/schema/strict_decoder.h"

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <set>

#include "api/schema/unmarshal_errors.h"

namespace kp::schema {

namespace {

constexpr size_t kMaxStrictErrors = 100;  // sigs.k8s.io/json stops collecting after 100

// How Go's decoder names a JSON value in "cannot unmarshal <value> into ...".
const char* jsonValueKind(const Json& v) {
    switch (v.type()) {
    case Json::value_t::string: return "string";
    case Json::value_t::boolean: return "bool";
    case Json::value_t::object: return "object";
    case Json::value_t::array: return "array";
    default: return "number";
    }
}

// The number as it appears in the JSON text kubectl sends (Go marshals YAML floats with
// encoding/json, so 3.0 arrives as "3" and 1.5 as "1.5").
std::string numberLiteral(const Json& v) {
    if (v.is_number_unsigned())
        return std::to_string(v.get<uint64_t>());
    if (v.is_number_integer())
        return std::to_string(v.get<int64_t>());
    return goFormatFloat(v.get<double>());
}

// strconv.ParseInt(literal, 10, 64) followed by an overflow check for the target width.
bool fitsInteger(const std::string& literal, int64_t min, int64_t max) {
    size_t i = literal[0] == '-' ? 1 : 0;
    if (i == literal.size() || literal.size() - i > 19)
        return false;
    for (size_t k = i; k < literal.size(); ++k) {
        if (literal[k] < '0' || literal[k] > '9')
            return false;
    }
    errno = 0;
    long long n = std::strtoll(literal.c_str(), nullptr, 10);
    if (errno == ERANGE)
        return false;
    return n >= min && n <= max;
}

// The Go type a value is decoded into, named only when an error needs it (most values decode
// fine, and building names for every field would cost an allocation per field).
struct GoType {
    const Field* field = nullptr;  // the struct field holding the value
    const Type* type = nullptr;    // the value's schema type (nullptr for a byte of []byte)
    int depth = 0;                 // 0: the field itself, 1: its elements, 2: their elements...

    GoType element(const Type* elem) const { return GoType{field, elem, depth + 1}; }

    // "[]v1.Container" for the field, "v1.Container" for its elements. A named collection
    // (v1.ResourceList) cannot be taken apart by name: its elements get their default name.
    std::string name() const {
        if (!field)
            return goTypeName(type);
        std::string full = goTypeName(*field);
        for (int i = 0; i < depth; ++i) {
            if (full.rfind("[]", 0) == 0) {
                full.erase(0, 2);
                continue;
            }
            size_t close = full.rfind("map[", 0) == 0 ? closingBracket(full) : std::string::npos;
            if (close == std::string::npos)
                return type ? goTypeName(type) : "uint8";  // no Type: a byte of a []byte
            full.erase(0, close + 1);
        }
        return full;
    }

    // The "]" closing "map[" (keys may be named types with brackets of their own).
    static size_t closingBracket(const std::string& s) {
        int nesting = 0;
        for (size_t i = 3; i < s.size(); ++i) {
            if (s[i] == '[')
                ++nesting;
            else if (s[i] == ']' && --nesting == 0)
                return i;
        }
        return std::string::npos;
    }
};

class StrictWalker {
public:
    explicit StrictWalker(DecodeIssues& out) : out_(out) {}

    void walkRoot(const StructDef& root, const Json& obj) {
        if (!obj.is_object() && !obj.is_null()) {
            // No struct field yet: Go names the destination type alone ("v1.Deployment").
            std::string_view package = root.package;
            saved_ = std::string("json: cannot unmarshal ") + jsonValueKind(obj) + " into Go value of type " +
                     std::string(package.substr(package.rfind('/') + 1)) + "." + root.name;
        } else if (obj.is_object()) {
            walkStruct(root, obj);
        }
        out_.typeError = !fatal_.empty() ? fatal_ : saved_;
    }

private:
    // Returns false once a fatal error stops decoding.
    bool walkStruct(const StructDef& def, const Json& obj) {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            const Field* field = def.field(it.key());
            if (!field) {
                recordUnknown(it.key());
                continue;
            }
            size_t pathLen = pushKey(it.key());
            const std::string* savedStruct = contextStruct_;
            fieldStack_.push_back(&field->name);
            contextStruct_ = &def.name;
            bool more = walkValue(field->type, GoType{field, field->type, 0}, it.value());
            fieldStack_.pop_back();
            contextStruct_ = savedStruct;
            path_.resize(pathLen);
            if (!more)
                return false;
        }
        return true;
    }

    bool walkValue(const Type* type, const GoType& goType, const Json& v) {
        if (v.is_null())
            return true;  // null leaves any field at its zero value
        switch (type->kind) {
        case TypeKind::Struct:
            if (!v.is_object())
                return mismatch(jsonValueKind(v), goType);
            return walkStruct(*type->def, v);
        case TypeKind::List: return walkList(type, goType, v);
        case TypeKind::Map: return walkMap(type, goType, v);
        case TypeKind::String:
            return v.is_string() ? true : mismatch(jsonValueKind(v), goType);
        case TypeKind::Bool:
            return v.is_boolean() ? true : mismatch(jsonValueKind(v), goType);
        case TypeKind::Double:
            return v.is_number() ? true : mismatch(jsonValueKind(v), goType);
        case TypeKind::Int32:
            return checkInteger(v, goType, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max());
        case TypeKind::Int64:
            return checkInteger(v, goType, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
        case TypeKind::Bytes: return checkBytes(v, goType);
        case TypeKind::Quantity: return checkQuantity(v);
        case TypeKind::IntOrString: return checkIntOrString(v);
        case TypeKind::Time: return checkTime(v, false);
        case TypeKind::MicroTime: return checkTime(v, true);
        case TypeKind::Any: return true;
        }
        return true;
    }

    bool walkList(const Type* type, const GoType& goType, const Json& v) {
        if (!v.is_array())
            return mismatch(jsonValueKind(v), goType);
        GoType elemGo = goType.element(type->elem);
        size_t index = 0;
        for (const Json& item : v) {
            size_t pathLen = path_.size();
            path_ += "[" + std::to_string(index++) + "]";
            bool more = walkValue(type->elem, elemGo, item);
            path_.resize(pathLen);
            if (!more)
                return false;
        }
        return true;
    }

    bool walkMap(const Type* type, const GoType& goType, const Json& v) {
        if (!v.is_object())
            return mismatch(jsonValueKind(v), goType);
        GoType elemGo = goType.element(type->elem);
        for (auto it = v.begin(); it != v.end(); ++it) {
            // Map keys extend the strict path but not the type-error context.
            size_t pathLen = pushKey(it.key());
            bool more = walkValue(type->elem, elemGo, it.value());
            path_.resize(pathLen);
            if (!more)
                return false;
        }
        return true;
    }

    bool checkInteger(const Json& v, const GoType& goType, int64_t min, int64_t max) {
        if (!v.is_number())
            return mismatch(jsonValueKind(v), goType);
        std::string literal = numberLiteral(v);
        if (!fitsInteger(literal, min, max))
            return mismatch("number " + literal, goType);
        return true;
    }

    // []byte: a base64 string, or (rarely) an array of byte values.
    bool checkBytes(const Json& v, const GoType& goType) {
        if (v.is_string()) {
            std::string error = base64Error(v.get_ref<const std::string&>());
            if (!error.empty() && saved_.empty())
                saved_ = error;  // not a type error: Go reports it without field context
            return true;
        }
        if (!v.is_array())
            return mismatch(jsonValueKind(v), goType);
        GoType byteType = goType.element(nullptr);  // "uint8"
        for (const Json& item : v) {
            if (!item.is_number())
                mismatch(jsonValueKind(item), byteType);
            else if (std::string literal = numberLiteral(item); !fitsInteger(literal, 0, 255))
                mismatch("number " + literal, byteType);
        }
        return true;
    }

    // Quantity decodes itself from the raw JSON text: a string's content, a number's literal,
    // or the text of anything else (which never matches the format).
    bool checkQuantity(const Json& v) {
        std::string text;
        if (v.is_string())
            text = v.get<std::string>();
        else if (v.is_number())
            text = numberLiteral(v);
        else
            text = v.is_boolean() ? (v.get<bool>() ? "true" : "false") : v.dump();
        return fatal(quantityError(text));
    }

    // IntOrString: a string is taken as is; anything else goes through a plain int32 decode,
    // whose error carries no field context.
    bool checkIntOrString(const Json& v) {
        if (v.is_string())
            return true;
        if (!v.is_number())
            return fatal(std::string("json: cannot unmarshal ") + jsonValueKind(v) + " into Go value of type int32");
        std::string literal = numberLiteral(v);
        if (!fitsInteger(literal, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()))
            return fatal("json: cannot unmarshal number " + literal + " into Go value of type int32");
        return true;
    }

    bool checkTime(const Json& v, bool micro) {
        if (!v.is_string())
            return fatal(std::string("json: cannot unmarshal ") + jsonValueKind(v) + " into Go value of type string");
        return fatal(timeError(v.get_ref<const std::string&>(), micro));
    }

    // A plain type mismatch below a struct field: remembered (first one only), decoding goes on.
    bool mismatch(const std::string& value, const GoType& goType) {
        if (!saved_.empty())
            return true;
        std::string fieldPath;
        for (const std::string* name : fieldStack_) {
            if (!fieldPath.empty())
                fieldPath += '.';
            fieldPath += *name;
        }
        saved_ = "json: cannot unmarshal " + value + " into Go struct field " + *contextStruct_ + "." + fieldPath +
                 " of type " + goType.name();
        return true;
    }

    // An error returned by a value type's decoder: decoding stops here.
    bool fatal(const std::string& error) {
        if (error.empty())
            return true;
        fatal_ = error;
        return false;
    }

    size_t pushKey(const std::string& key) {
        size_t len = path_.size();
        if (!path_.empty())
            path_ += '.';
        path_ += key;
        return len;
    }

    void recordUnknown(const std::string& key) {
        if (out_.unknownFields.size() >= kMaxStrictErrors)
            return;
        std::string path = path_.empty() ? key : path_ + "." + key;
        if (!seen_.insert(path).second)
            return;
        out_.unknownFields.push_back("unknown field \"" + path + "\"");
    }

    DecodeIssues& out_;
    std::string path_;                            // strict path: "spec.containers[0]"
    std::vector<const std::string*> fieldStack_;  // type-error path: struct field names only
    const std::string* contextStruct_ = nullptr;  // innermost struct of the current field
    std::string saved_;                           // first plain type mismatch
    std::string fatal_;                           // error that stopped decoding
    std::set<std::string> seen_;
};

}  // namespace

DecodeIssues checkStrict(const StructDef& root, const Json& obj) {
    DecodeIssues issues;
    StrictWalker(issues).walkRoot(root, obj);
    return issues;
}

std::string decodeErrorMessage(const DecodeIssues& issues, std::string_view kind, std::string_view apiVersion,
                               bool warnOnly) {
    std::string cause;
    if (!issues.typeError.empty()) {
        cause = issues.typeError;
    } else if (!issues.unknownFields.empty() && !warnOnly) {
        cause = "strict decoding error: ";
        for (size_t i = 0; i < issues.unknownFields.size(); ++i)
            cause += (i ? ", " : "") + issues.unknownFields[i];
    } else {
        return "";
    }
    size_t slash = apiVersion.rfind('/');
    std::string_view version = slash == std::string_view::npos ? apiVersion : apiVersion.substr(slash + 1);
    // Upstream: apiserver pkg/endpoints/handlers/rest.go#transformDecodeError
    return std::string(kind) + " in version \"" + std::string(version) + "\" cannot be handled as a " +
           std::string(kind) + ": " + cause;
}

std::vector<std::string> strictDecodingWarnings(const DecodeIssues& issues) {
    if (!issues.typeError.empty())
        return {};
    return issues.unknownFields;
}

}  // namespace kp::schema
