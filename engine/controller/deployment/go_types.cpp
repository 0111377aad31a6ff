#include "controller/deployment/go_types.h"

#include <map>
#include <sstream>

namespace kp::deployment::gotypes {
namespace {

// Parses the table once: "name {" opens a struct, "  Field type json" lines follow, "}" closes;
// "name = underlying" declares a named non-struct type.
std::map<std::string, Type, std::less<>> parse() {
    std::map<std::string, Type, std::less<>> types;
    std::istringstream in(kPodTemplateSpecTypes);
    std::string line;
    Type* current = nullptr;
    while (std::getline(in, line)) {
        if (line.empty())
            continue;
        if (line == "}") {
            current = nullptr;
            continue;
        }
        std::istringstream words(line);
        if (line[0] == ' ' && current) {
            Field f;
            words >> f.name >> f.type >> f.json;
            if (f.json == "-inline")
                f.json.clear();
            current->fields.push_back(std::move(f));
            continue;
        }
        std::string name, op;
        words >> name >> op;
        Type& t = types[name];
        t.name = name;
        if (op == "{") {
            t.isStruct = true;
            current = &t;
            continue;
        }
        words >> t.underlying;  // op is "="
    }
    return types;
}

}  // namespace

const Type* find(std::string_view name) {
    static const std::map<std::string, Type, std::less<>> types = parse();
    auto it = types.find(name);
    return it == types.end() ? nullptr : &it->second;
}

}  // namespace kp::deployment::gotypes
