#include "cli/kubectl/typed_json.h"

#include <algorithm>
#include <vector>

#include "api/codec/json_encode.h"
#include "api/schema/schema.h"

namespace kp::cli {
namespace {

using schema::TypeKind;

// Go's MarshalIndent with four spaces (pretty) or Marshal (compact).
class TypedWriter {
public:
    explicit TypedWriter(bool pretty) : pretty_(pretty) {}
    std::string out;

    // A struct: schema fields first in declaration order, then unknown keys (sorted). A root
    // object (a kind) starts with kind, apiVersion: Go's inlined TypeMeta declares Kind first.
    void writeStruct(const Json& v, const schema::StructDef& def, int depth, bool root) {
        if (v.empty()) {
            out += "{}";
            return;
        }
        out += "{";
        bool first = true;
        std::vector<std::string> done;
        auto emit = [&](const schema::Field& f) {
            auto it = v.find(f.name);
            if (it == v.end())
                return;
            writeMember(first, f.name, *it, f.type, depth);
            done.push_back(f.name);
        };
        if (root) {
            for (const char* name : {"kind", "apiVersion"})
                if (const schema::Field* f = def.field(name))
                    emit(*f);
        }
        for (const schema::Field& f : def.fields) {
            if (root && (f.name == "kind" || f.name == "apiVersion"))
                continue;
            emit(f);
        }
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (std::find(done.begin(), done.end(), it.key()) != done.end())
                continue;
            writeMember(first, it.key(), it.value(), nullptr, depth);
        }
        newline(depth);
        out += "}";
    }

private:
    void newline(int depth) {
        if (!pretty_)
            return;
        out.push_back('\n');
        out.append(static_cast<size_t>(depth) * 4, ' ');
    }

    void writeMember(bool& first, const std::string& key, const Json& v, const schema::Type* type, int depth) {
        out += first ? "" : ",";
        first = false;
        newline(depth + 1);
        codec::appendJsonString(out, key);
        out += pretty_ ? ": " : ":";
        writeValue(v, type, depth + 1);
    }

    void writeValue(const Json& v, const schema::Type* type, int depth) {
        if (v.is_object()) {
            if (type && type->kind == TypeKind::Struct && type->def) {
                writeStruct(v, *type->def, depth, false);
                return;
            }
            if (v.empty()) {
                out += "{}";
                return;
            }
            const schema::Type* elem = type && type->kind == TypeKind::Map ? type->elem : nullptr;
            out += "{";
            bool first = true;
            for (auto it = v.begin(); it != v.end(); ++it)
                writeMember(first, it.key(), it.value(), elem, depth);
            newline(depth);
            out += "}";
            return;
        }
        if (v.is_array()) {
            if (v.empty()) {
                out += "[]";
                return;
            }
            const schema::Type* elem = type && type->kind == TypeKind::List ? type->elem : nullptr;
            out += "[";
            for (size_t i = 0; i < v.size(); ++i) {
                out += i ? "," : "";
                newline(depth + 1);
                writeValue(v[i], elem, depth + 1);
            }
            newline(depth);
            out += "]";
            return;
        }
        out += codec::marshalJson(v);
    }

    bool pretty_;
};

}  // namespace

std::string printTypedJson(const Json& object) {
    const schema::StructDef* def =
        schema::Schema::builtin().kind(stringAt(object, "apiVersion"), stringAt(object, "kind"));
    if (!def)
        return codec::printJson(object);
    TypedWriter w(true);
    w.writeStruct(object, *def, 0, true);
    return w.out + "\n";
}

std::string marshalTypedJson(const Json& object) {
    const schema::StructDef* def =
        schema::Schema::builtin().kind(stringAt(object, "apiVersion"), stringAt(object, "kind"));
    if (!def)
        return codec::marshalJson(object);
    TypedWriter w(false);
    w.writeStruct(object, *def, 0, true);
    return w.out;
}

}  // namespace kp::cli
