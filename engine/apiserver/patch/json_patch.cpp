#include "apiserver/patch/json_patch.h"

#include <cerrno>
#include <cstdlib>
#include <string>
#include <vector>

#include "apiserver/patch/go_value.h"

namespace kp::patch {

namespace {

const std::string kMissing = ": missing value";
const std::string kInvalidIndex = ": invalid index referenced";

[[noreturn]] void failOp(std::string message) { throw PatchError{PatchErrorKind::Other, std::move(message)}; }

// RFC 6901: "~1" is "/", "~0" is "~", decoded in one left-to-right pass.
std::string decodePatchKey(const std::string& key) {
    std::string out;
    for (size_t i = 0; i < key.size(); ++i) {
        if (key[i] == '~' && i + 1 < key.size() && (key[i + 1] == '0' || key[i + 1] == '1')) {
            out += key[i + 1] == '1' ? '/' : '~';
            ++i;
            continue;
        }
        out += key[i];
    }
    return out;
}

std::vector<std::string> split(const std::string& path) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        size_t slash = path.find('/', start);
        parts.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
        if (slash == std::string::npos)
            return parts;
        start = slash + 1;
    }
}

// strconv.Atoi: optional sign, decimal digits, 64-bit range. Empty `error` on success.
long long atoi(const std::string& s, std::string& error) {
    size_t i = (!s.empty() && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
    bool digits = i < s.size();
    for (size_t j = i; j < s.size(); ++j)
        digits = digits && s[j] >= '0' && s[j] <= '9';
    if (!digits) {
        error = "strconv.Atoi: parsing " + Json(s).dump() + ": invalid syntax";
        return 0;
    }
    errno = 0;
    long long value = std::strtoll(s.c_str(), nullptr, 10);
    if (errno == ERANGE) {
        error = "strconv.Atoi: parsing " + Json(s).dump() + ": value out of range";
        return 0;
    }
    return value;
}

std::string invalidIndex(long long idx) { return "Unable to access invalid index: " + std::to_string(idx) + kInvalidIndex; }

// Reads a string field of an operation: "op", "path" or "from". `missing` is the text for an
// absent (or null) field.
bool stringField(const Json& op, const char* name, std::string& out, std::string& error, const std::string& missing) {
    auto it = op.is_object() ? op.find(name) : op.end();
    if (!op.is_object() || it == op.end() || it->is_null()) {
        error = missing;
        return false;
    }
    if (!it->is_string()) {
        error = "json: cannot unmarshal " + jsonTypeWord(*it) + " into Go value of type string";
        return false;
    }
    out = it->get<std::string>();
    return true;
}

std::string kindOf(const Json& op) {
    std::string kind, error;
    return stringField(op, "op", kind, error, "") ? kind : "unknown";
}

// A node where an operation applies: the object or array holding it, and the key in it.
struct Location {
    Json* container = nullptr;
    std::string key;
};

// The child `key` of a container; nullptr for a missing or null object member (v4 holds JSON
// null as a nil node). Array indexes may be negative. `error` is set for bad indexes.
Json* childOf(Json& container, const std::string& key, std::string& error) {
    if (container.is_object()) {
        auto it = container.find(key);
        return it == container.end() || it->is_null() ? nullptr : &*it;
    }
    long long idx = atoi(key, error);
    if (!error.empty())
        return nullptr;
    long long size = static_cast<long long>(container.size());
    if (idx < 0) {
        if (idx < -size) {
            error = invalidIndex(idx);
            return nullptr;
        }
        idx += size;
    }
    if (idx >= size) {
        error = invalidIndex(idx);
        return nullptr;
    }
    Json& child = container[static_cast<size_t>(idx)];
    return child.is_null() ? nullptr : &child;
}

// Upstream (v4): patch.go#findObject: walks every segment but the last.
bool findObject(Json& doc, const std::string& path, Location& out) {
    std::vector<std::string> parts = split(path);
    if (parts.size() < 2)
        return false;
    Json* current = &doc;
    for (size_t i = 1; i + 1 < parts.size(); ++i) {
        std::string error;
        Json* next = childOf(*current, decodePatchKey(parts[i]), error);
        if (!next || !error.empty() || (!next->is_object() && !next->is_array()))
            return false;
        current = next;
    }
    out.container = current;
    out.key = decodePatchKey(parts.back());
    return true;
}

// Array index for `add`: "-" appends; 0..size inserts; negative counts from the end.
size_t insertIndex(const Json& array, const std::string& key) {
    if (key == "-")
        return array.size();
    std::string error;
    long long idx = atoi(key, error);
    if (!error.empty())
        failOp("value was not a proper array index: '" + key + "': " + error);
    long long size = static_cast<long long>(array.size()) + 1;
    if (idx >= size)
        failOp(invalidIndex(idx));
    if (idx < 0) {
        if (idx < -size)
            failOp(invalidIndex(idx));
        idx += size;
    }
    return static_cast<size_t>(idx);
}

// Index of an existing element for `remove` and `replace`.
size_t existingIndex(const Json& array, const std::string& key, std::string& error) {
    long long idx = atoi(key, error);
    if (!error.empty())
        return 0;
    long long size = static_cast<long long>(array.size());
    if (idx >= size) {
        error = invalidIndex(idx);
        return 0;
    }
    if (idx < 0) {
        if (idx < -size) {
            error = invalidIndex(idx);
            return 0;
        }
        idx += size;
    }
    return static_cast<size_t>(idx);
}

// Container add; returns the error text or "".
std::string addTo(const Location& at, Json value) {
    if (at.container->is_object()) {
        (*at.container)[at.key] = std::move(value);
        return "";
    }
    try {
        size_t idx = insertIndex(*at.container, at.key);
        at.container->insert(at.container->begin() + static_cast<long>(idx), std::move(value));
    } catch (const PatchError& e) {
        return e.message;
    }
    return "";
}

std::string removeFrom(const Location& at) {
    if (at.container->is_object()) {
        if (!at.container->contains(at.key))
            return "Unable to remove nonexistent key: " + at.key + kMissing;
        at.container->erase(at.key);
        return "";
    }
    std::string error;
    size_t idx = existingIndex(*at.container, at.key, error);
    if (!error.empty())
        return error;
    at.container->erase(idx);
    return "";
}

class Patcher {
public:
    Patcher(Json doc, int64_t maxCopyBytes) : doc_(std::move(doc)), maxCopyBytes_(maxCopyBytes) {}

    void apply(const Json& op) {
        std::string kind = kindOf(op);
        if (kind == "add")
            add(op);
        else if (kind == "remove")
            remove(op);
        else if (kind == "replace")
            replace(op);
        else if (kind == "move")
            move(op);
        else if (kind == "test")
            test(op);
        else if (kind == "copy")
            copy(op);
        else
            failOp("Unexpected kind: " + kind);
    }

    Json& doc() { return doc_; }

private:
    static Json valueOf(const Json& op) {
        auto it = op.find("value");
        return it == op.end() ? Json() : *it;
    }

    std::string path(const Json& op, const std::string& decodeFailure) {
        std::string out, error;
        if (!stringField(op, "path", out, error, "operation missing path field" + kMissing))
            failOp(decodeFailure.empty() ? error : decodeFailure);
        return out;
    }

    std::string from(const Json& op, const std::string& opName) {
        std::string out, error;
        if (!stringField(op, "from", out, error, "operation, missing from field" + kMissing))
            failOp(opName + " operation failed to decode from: " + error);
        return out;
    }

    void add(const Json& op) {
        std::string p = path(op, "add operation failed to decode path" + kMissing);
        Location at;
        if (!findObject(doc_, p, at))
            failOp("add operation does not apply: doc is missing path: \"" + p + "\"" + kMissing);
        if (std::string error = addTo(at, valueOf(op)); !error.empty())
            failOp("error in add for path: '" + p + "': " + error);
    }

    void remove(const Json& op) {
        std::string p = path(op, "remove operation failed to decode path" + kMissing);
        Location at;
        if (!findObject(doc_, p, at))
            failOp("remove operation does not apply: doc is missing path: \"" + p + "\"" + kMissing);
        if (std::string error = removeFrom(at); !error.empty())
            failOp("error in remove for path: '" + p + "': " + error);
    }

    void replace(const Json& op) {
        std::string p;
        try {
            p = path(op, "");
        } catch (const PatchError& e) {
            failOp("replace operation failed to decode path: " + e.message);
        }
        if (p.empty()) {
            // The whole document; v4 silently ignores a value that is not an object or array.
            Json value = valueOf(op);
            if (value.is_object() || value.is_array())
                doc_ = std::move(value);
            return;
        }
        Location at;
        if (!findObject(doc_, p, at))
            failOp("replace operation does not apply: doc is missing path: " + p + kMissing);
        if (at.container->is_object()) {
            (*at.container)[at.key] = valueOf(op);  // v4: a missing key is simply added
            return;
        }
        std::string error;
        size_t idx = existingIndex(*at.container, at.key, error);
        if (!error.empty())
            failOp("replace operation does not apply: doc is missing key: " + p + kMissing);
        (*at.container)[idx] = valueOf(op);
    }

    void move(const Json& op) {
        std::string f = from(op, "move");
        Location source;
        if (!findObject(doc_, f, source))
            failOp("move operation does not apply: doc is missing from path: " + f + kMissing);
        std::string error;
        Json* node = childOf(*source.container, source.key, error);
        if (!error.empty())
            failOp("error in move for path: '" + source.key + "': " + error);
        Json value = node ? *node : Json();
        if (std::string removeError = removeFrom(source); !removeError.empty())
            failOp("error in move for path: '" + source.key + "': " + removeError);

        std::string p;
        try {
            p = path(op, "");
        } catch (const PatchError& e) {
            failOp("move operation failed to decode path: " + e.message);
        }
        Location target;
        if (!findObject(doc_, p, target))
            failOp("move operation does not apply: doc is missing destination path: " + p + kMissing);
        if (std::string addError = addTo(target, std::move(value)); !addError.empty())
            failOp("error in move for path: '" + p + "': " + addError);
    }

    // SIMPLIFICATION: v4 compares the raw JSON bytes of scalars ("1.0" differs from "1", and so
    // does "\u0041" from "A"); we compare parsed values, keeping integers and floats apart. Where
    // v4 dereferences a nil (a test without "value" on a missing key) and panics, we fail the test.
    void test(const Json& op) {
        std::string p;
        try {
            p = path(op, "");
        } catch (const PatchError& e) {
            failOp("test operation failed to decode path: " + e.message);
        }
        bool hasValue = op.contains("value");
        const Json expected = valueOf(op);
        std::string failed = "testing value " + p + " failed: test failed";
        if (p.empty()) {
            if (!hasValue || !deepEqual(doc_, expected))
                failOp(failed);
            return;
        }
        Location at;
        if (!findObject(doc_, p, at))
            failOp("test operation does not apply: is missing path: " + p + kMissing);
        std::string error;
        Json* node = childOf(*at.container, at.key, error);
        if (!error.empty())
            failOp("error in test for path: '" + p + "': " + error);
        if (!node) {
            // Absent or null: passes only against an explicit null.
            if (hasValue && expected.is_null())
                return;
            failOp(failed);
        }
        if (!hasValue || !deepEqual(*node, expected))
            failOp(failed);
    }

    void copy(const Json& op) {
        std::string f = from(op, "copy");
        Location source;
        if (!findObject(doc_, f, source))
            failOp("copy operation does not apply: doc is missing from path: " + f + kMissing);
        std::string error;
        Json* node = childOf(*source.container, source.key, error);
        if (!error.empty())
            failOp("error in copy for from: '" + f + "': " + error);
        Json value = node ? *node : Json();

        std::string p = path(op, "copy operation failed to decode path" + kMissing);
        Location target;
        if (!findObject(doc_, p, target))
            failOp("copy operation does not apply: doc is missing destination path: " + p + kMissing);

        copiedBytes_ += value.is_null() ? 0 : static_cast<int64_t>(value.dump().size());
        if (maxCopyBytes_ > 0 && copiedBytes_ > maxCopyBytes_)
            failOp("Unable to complete the copy, the accumulated size increase of copy is " +
                   std::to_string(copiedBytes_) + ", exceeding the limit " + std::to_string(maxCopyBytes_));
        if (std::string addError = addTo(target, std::move(value)); !addError.empty())
            failOp("error while adding value during copy: " + addError);
    }

    Json doc_;
    int64_t maxCopyBytes_;
    int64_t copiedBytes_ = 0;
};

}  // namespace

PatchResult applyJSONPatch(const Json& doc, const Json& operations, int64_t maxCopyBytes) {
    PatchResult result;
    if (!operations.is_null() && !operations.is_array()) {
        result.error = {PatchErrorKind::Other,
                        "json: cannot unmarshal " + jsonTypeWord(operations) + " into Go value of type jsonpatch.Patch"};
        return result;
    }
    if (operations.is_array()) {
        for (const Json& op : operations) {
            if (op.is_null() || op.is_object())
                continue;
            result.error = {PatchErrorKind::Other,
                            "json: cannot unmarshal " + jsonTypeWord(op) + " into Go value of type jsonpatch.Operation"};
            return result;
        }
    }
    Patcher patcher(doc, maxCopyBytes);
    try {
        if (operations.is_array())
            for (const Json& op : operations)
                patcher.apply(op);
    } catch (const PatchError& e) {
        result.error = e;
        return result;
    }
    result.value = std::move(patcher.doc());
    return result;
}

}  // namespace kp::patch
