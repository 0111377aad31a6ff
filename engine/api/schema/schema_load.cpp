// Schema::load: the parser of the .schema data files (format in schema.h).
//
// One pass over the lines builds every StructDef; struct names are resolved in a second pass
// because a field may name a struct defined later, or in another file. The table is parsed at
// startup in the browser, so the parser works on string_views and allocates little: the
// whole table (~2,000 lines) parses in a few milliseconds.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/schema/schema.h"

namespace kp::schema {

namespace {

constexpr std::string_view kDescriptionSeparator = " -- ";

std::string_view trimRight(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

// Splits "<tokens> -- <description>" into its two halves.
std::pair<std::string_view, std::string_view> splitDescription(std::string_view line) {
    size_t at = line.find(kDescriptionSeparator);
    if (at == std::string_view::npos)
        return {trimRight(line), {}};
    return {trimRight(line.substr(0, at)), line.substr(at + kDescriptionSeparator.size())};
}

// Space-separated tokens.
std::vector<std::string_view> splitTokens(std::string_view s) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ')
            ++i;
        size_t start = i;
        while (i < s.size() && s[i] != ' ')
            ++i;
        if (i > start)
            out.push_back(s.substr(start, i - start));
    }
    return out;
}

std::vector<std::string> splitList(std::string_view s) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= s.size()) {
        size_t comma = s.find(',', start);
        if (comma == std::string_view::npos)
            comma = s.size();
        std::string item(s.substr(start, comma - start));
        out.push_back(item == "\"\"" ? std::string() : item);
        start = comma + 1;
    }
    return out;
}

bool isScalarToken(std::string_view token, TypeKind& kind) {
    static const std::pair<std::string_view, TypeKind> kScalars[] = {
        {"string", TypeKind::String},       {"int32", TypeKind::Int32},
        {"int64", TypeKind::Int64},         {"bool", TypeKind::Bool},
        {"double", TypeKind::Double},       {"bytes", TypeKind::Bytes},
        {"Quantity", TypeKind::Quantity},   {"IntOrString", TypeKind::IntOrString},
        {"Time", TypeKind::Time},           {"MicroTime", TypeKind::MicroTime},
        {"any", TypeKind::Any},
    };
    for (const auto& [name, k] : kScalars) {
        if (token == name) {
            kind = k;
            return true;
        }
    }
    return false;
}

// "[]core/v1.Container", "map[string]": names of list and map types, from their elements.
std::string containerName(const Type& type) {
    if (!type.elem)
        return type.name;
    std::string elem = type.elem->name.empty() ? containerName(*type.elem) : type.elem->name;
    return type.kind == TypeKind::List ? "[]" + elem : "map[" + elem + "]";
}

bool isValidStrategy(std::string_view s) {
    return s == "merge" || s == "replace" || s == "retainKeys" || s == "merge,retainKeys";
}

// Applies one flag of a field line; returns an error message or "".
std::string applyFieldFlag(Field& field, std::string_view flag) {
    size_t eq = flag.find('=');
    std::string_view key = flag.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? std::string_view() : flag.substr(eq + 1);
    bool hasValue = eq != std::string_view::npos && !value.empty();
    if (eq == std::string_view::npos) {
        if (flag == "required") {
            field.required = true;
            return "";
        }
        if (flag == "readonly") {
            field.readOnly = true;
            return "";
        }
        if (flag == "atomic") {
            field.mapAtomic = true;
            return "";
        }
        if (flag == "retainKeys") {
            field.patchStrategy = "retainKeys";
            return "";
        }
        return "unknown flag \"" + std::string(flag) + "\"";
    }
    if (!hasValue)
        return "flag \"" + std::string(flag) + "\" needs a value";
    if (key == "merge") {
        field.patchMergeKey = std::string(value);
        return "";
    }
    if (key == "strategy") {
        if (!isValidStrategy(value))
            return "unknown patch strategy \"" + std::string(value) + "\"";
        field.patchStrategy = std::string(value);
        return "";
    }
    if (key == "list") {
        if (value == "atomic")
            field.listType = ListType::Atomic;
        else if (value == "set")
            field.listType = ListType::Set;
        else if (value == "map")
            field.listType = ListType::Map;
        else
            return "unknown list type \"" + std::string(value) + "\"";
        return "";
    }
    if (key == "keys") {
        field.listMapKeys = splitList(value);
        return "";
    }
    if (key == "map") {
        if (value != "atomic" && value != "granular")
            return "unknown map type \"" + std::string(value) + "\"";
        field.mapAtomic = value == "atomic";
        return "";
    }
    if (key == "enum") {
        field.enumValues = splitList(value);
        return "";
    }
    if (key == "go") {
        field.goType = std::string(value);
        return "";
    }
    return "unknown flag \"" + std::string(flag) + "\"";
}

// Checks flags that only make sense together with the field's type.
std::string checkFieldConsistency(const Field& field) {
    bool isList = field.type->kind == TypeKind::List;
    if (field.listType != ListType::Unspecified && !isList)
        return "list= on a field that is not a list";
    if (!field.listMapKeys.empty() && field.listType != ListType::Map)
        return "keys= needs list=map";
    if (field.listType == ListType::Map && field.listMapKeys.empty())
        return "list=map needs keys=";
    if (!field.patchMergeKey.empty() && !isList)
        return "merge= on a field that is not a list";
    return "";
}

}  // namespace

const Type* Schema::intern(const std::string& token, const std::string& package, std::string& error) {
    TypeKind scalar;
    bool isScalar = isScalarToken(token, scalar);
    // Scalars are shared; anything naming a struct is keyed by package, because an unqualified
    // name resolves differently in different packages.
    std::string key = isScalar ? token : package + ":" + token;
    if (auto it = types_.find(key); it != types_.end())
        return it->second.get();

    auto type = std::make_unique<Type>();
    if (isScalar) {
        type->kind = scalar;
        type->name = token;
    } else if (token.rfind("[]", 0) == 0) {
        type->kind = TypeKind::List;
        type->elem = intern(token.substr(2), package, error);
    } else if (token.rfind("map[", 0) == 0) {
        if (token.back() != ']') {
            error = "bad map type \"" + token + "\"";
            return nullptr;
        }
        type->kind = TypeKind::Map;
        type->elem = intern(token.substr(4, token.size() - 5), package, error);
    } else if (token.empty() || token.find_first_of("[]") != std::string::npos) {
        error = "bad type \"" + token + "\"";
        return nullptr;
    } else {
        type->kind = TypeKind::Struct;
        unresolved_.push_back(Pending{type.get(), token, package, ""});
    }
    if (!error.empty())
        return nullptr;
    Type* raw = type.get();
    types_.emplace(key, std::move(type));
    return raw;
}

bool Schema::load(const std::vector<std::pair<std::string, std::string>>& files, std::string& error) {
    for (const auto& file : files) {
        const std::string& path = file.first;  // (clang 14 cannot capture structured bindings)
        const std::string& text = file.second;
        std::string package;
        StructDef* current = nullptr;
        int lineNo = 0;
        size_t pos = 0;
        while (pos < text.size()) {
            size_t end = text.find('\n', pos);
            if (end == std::string::npos)
                end = text.size();
            std::string_view line = trimRight(std::string_view(text).substr(pos, end - pos));
            pos = end + 1;
            ++lineNo;
            auto fail = [&](const std::string& message) {
                error = path + ":" + std::to_string(lineNo) + ": " + message;
                return false;
            };

            size_t firstChar = line.find_first_not_of(' ');
            if (firstChar == std::string_view::npos || line[firstChar] == '#')
                continue;

            if (line.rfind("package ", 0) == 0) {
                package = std::string(trimRight(line.substr(8)));
                if (package.find('/') == std::string::npos || package.find(' ') != std::string::npos)
                    return fail("bad package \"" + package + "\" (want group/version, e.g. apps/v1)");
                current = nullptr;
                continue;
            }

            if (line.rfind("struct ", 0) == 0) {
                if (package.empty())
                    return fail("struct before any package line");
                auto [head, description] = splitDescription(line.substr(7));
                std::vector<std::string_view> tokens = splitTokens(head);
                if (tokens.empty())
                    return fail("struct without a name");
                auto def = std::make_unique<StructDef>();
                def->package = package;
                def->name = std::string(tokens[0]);
                def->description = std::string(description);
                for (size_t i = 1; i < tokens.size(); ++i) {
                    if (tokens[i] != "atomic")
                        return fail("unknown struct flag \"" + std::string(tokens[i]) + "\"");
                    def->atomic = true;
                }
                std::string qualified = def->qualifiedName();
                if (structs_.count(qualified))
                    return fail("duplicate struct " + qualified);
                current = def.get();
                structs_.emplace(std::move(qualified), std::move(def));
                continue;
            }

            if (firstChar != 2)
                return fail("expected `package`, `struct` or a field indented by two spaces");
            if (!current)
                return fail("field outside of a struct");

            auto [head, description] = splitDescription(line.substr(2));
            std::vector<std::string_view> tokens = splitTokens(head);
            if (tokens.size() < 2)
                return fail("field needs a name and a type");
            Field field;
            field.name = std::string(tokens[0]);
            if (current->field(field.name))
                return fail("duplicate field \"" + field.name + "\" in " + current->qualifiedName());
            size_t pendingBefore = unresolved_.size();
            std::string typeError;
            field.type = intern(std::string(tokens[1]), package, typeError);
            if (!field.type)
                return fail(typeError);
            auto where = [&] { return path + ":" + std::to_string(lineNo); };
            for (size_t i = pendingBefore; i < unresolved_.size(); ++i)
                unresolved_[i].where = where();
            for (size_t i = 2; i < tokens.size(); ++i) {
                std::string flagError = applyFieldFlag(field, tokens[i]);
                if (!flagError.empty())
                    return fail(flagError);
            }
            std::string consistency = checkFieldConsistency(field);
            if (!consistency.empty())
                return fail(consistency + " (field \"" + field.name + "\")");
            field.description = std::string(description);
            if (!field.listMapKeys.empty() || !field.patchMergeKey.empty())
                keyChecks_.push_back(KeyCheck{current, field.name, where()});
            current->fields.push_back(std::move(field));
        }
    }
    return resolvePending(error);
}

bool Schema::resolvePending(std::string& error) {
    for (const Pending& pending : unresolved_) {
        const StructDef* def = nullptr;
        if (pending.name.find('.') != std::string::npos) {
            def = find(pending.name);
        } else {
            for (const std::string& package : {pending.package, std::string("meta/v1"), std::string("core/v1")}) {
                auto it = structs_.find(package + "." + pending.name);
                if (it != structs_.end()) {
                    def = it->second.get();
                    break;
                }
            }
        }
        if (!def) {
            error = pending.where + ": unknown type \"" + pending.name + "\"";
            return false;
        }
        pending.type->def = def;
        pending.type->name = def->qualifiedName();
    }
    unresolved_.clear();
    for (auto& [key, type] : types_) {
        if (type->name.empty())
            type->name = containerName(*type);
    }
    return checkListMapKeys(error);
}

// Every list-map key and merge key must be a field of the list's element struct.
bool Schema::checkListMapKeys(std::string& error) {
    for (const KeyCheck& check : keyChecks_) {
        const Field* field = check.owner->field(check.field);
        const Type* elem = field->type->elem;
        if (!elem || elem->kind != TypeKind::Struct)
            continue;
        std::vector<std::string> keys = field->listMapKeys;
        if (!field->patchMergeKey.empty())
            keys.push_back(field->patchMergeKey);
        for (const std::string& key : keys) {
            if (elem->def->field(key))
                continue;
            error = check.where + ": key \"" + key + "\" is not a field of " + elem->def->qualifiedName();
            return false;
        }
    }
    keyChecks_.clear();
    return true;
}

}  // namespace kp::schema
