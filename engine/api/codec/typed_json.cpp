#include "api/codec/typed_json.h"

#include <algorithm>
#include <vector>

#include "api/codec/json_encode.h"
#include "api/schema/schema.h"

namespace kp::codec {
namespace {

using schema::TypeKind;

// Go's MarshalIndent with `indentWidth` spaces, or Marshal (compact) for 0.
class TypedWriter {
public:
    explicit TypedWriter(int indentWidth) : indentWidth_(indentWidth) {}
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

    void writeValueAt(const Json& v, int depth) { writeValue(v, nullptr, depth); }
    void writeStructAt(const Json& v, const schema::StructDef& def, int depth) { writeStruct(v, def, depth, false); }

private:
    void newline(int depth) {
        if (indentWidth_ == 0)
            return;
        out.push_back('\n');
        out.append(static_cast<size_t>(depth * indentWidth_), ' ');
    }

    void writeMember(bool& first, const std::string& key, const Json& v, const schema::Type* type, int depth) {
        out += first ? "" : ",";
        first = false;
        newline(depth + 1);
        appendJsonString(out, key);
        out += indentWidth_ ? ": " : ":";
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
        out += marshalJson(v);
    }

    int indentWidth_;
};

}  // namespace

std::string encodeTypedJson(const Json& object, int indentWidth) {
    const schema::StructDef* def =
        schema::Schema::builtin().kind(stringAt(object, "apiVersion"), stringAt(object, "kind"));
    if (!def)
        return indentWidth ? marshalJsonIndent(object, std::string(static_cast<size_t>(indentWidth), ' ')) : marshalJson(object);
    TypedWriter w(indentWidth);
    w.writeStruct(object, *def, 0, true);
    return w.out;
}

std::string encodeTypedList(const Json& list, int indentWidth) {
    const std::string apiVersion = stringAt(list, "apiVersion");
    std::string itemKind = stringAt(list, "kind");
    if (itemKind.size() > 4 && itemKind.compare(itemKind.size() - 4, 4, "List") == 0)
        itemKind.resize(itemKind.size() - 4);
    const schema::StructDef* def = schema::Schema::builtin().kind(apiVersion, itemKind);
    if (!def)
        return encodeTypedJson(list, indentWidth);
    // The envelope and each item: a typed list's items carry no kind and apiVersion.
    Json envelope = list;
    envelope.erase("items");
    Json items = Json::array();
    for (const Json& item : list.value("items", Json::array())) {
        Json bare = item;
        bare.erase("kind");
        bare.erase("apiVersion");
        items.push_back(std::move(bare));
    }
    TypedWriter w(indentWidth);
    const std::string pad(static_cast<size_t>(indentWidth), ' ');
    const std::string nl = indentWidth ? "\n" : "";
    w.out = "{" + nl + pad + "\"kind\":" + (indentWidth ? " " : "") + marshalJson(envelope.value("kind", "")) + "," + nl +
            pad + "\"apiVersion\":" + (indentWidth ? " " : "") + marshalJson(apiVersion) + "," + nl + pad +
            "\"metadata\":" + (indentWidth ? " " : "");
    w.writeValueAt(envelope.value("metadata", Json::object()), 1);
    w.out += "," + nl + pad + "\"items\":" + (indentWidth ? " " : "");
    if (items.empty()) {
        w.out += "[]";
    } else {
        w.out += "[";
        for (size_t i = 0; i < items.size(); ++i) {
            w.out += (i ? "," : "") + nl + pad + pad;
            w.writeStructAt(items[i], *def, 2);
        }
        w.out += nl + pad + "]";
    }
    w.out += nl + "}";
    return w.out;
}

std::string printTypedJson(const Json& object) { return encodeTypedJson(object, 4) + "\n"; }

std::string marshalTypedJson(const Json& object) { return encodeTypedJson(object, 0); }

}  // namespace kp::codec
