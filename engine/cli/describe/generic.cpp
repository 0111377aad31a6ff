// The describer for kinds without their own layout: metadata, then every other field of the
// object as nested "Smart Label:" lines (kubectl's genericDescriber).
#include <cctype>

#include "cli/describe/describe_writer.h"
#include "cli/describe/generic.h"

namespace kp::cli::describe {
namespace {

// "apiVersion" -> "API Version", "creationTimestamp" -> "Creation Timestamp" (smartLabelFor).
std::string smartLabel(const std::string& field) {
    for (char c : field)
        if (!std::isalpha(static_cast<unsigned char>(c)) && c != '-')
            return field;
    std::vector<std::string> parts;
    std::string cur;
    auto cls = [](char c) { return std::islower(static_cast<unsigned char>(c)) ? 1 : std::isupper(static_cast<unsigned char>(c)) ? 2 : 3; };
    for (size_t i = 0; i < field.size(); ++i) {
        char c = field[i];
        if (!cur.empty()) {
            int prev = cls(cur.back()), now = cls(c);
            bool boundary = prev != now && !(prev == 2 && now == 1);
            // "HTTPServer": the last upper of a run starts the next word.
            if (prev == 2 && now == 1 && cur.size() > 1 && cls(cur[cur.size() - 2]) == 2) {
                char last = cur.back();
                cur.pop_back();
                parts.push_back(cur);
                cur = std::string(1, last);
                boundary = false;
            }
            if (boundary) {
                parts.push_back(cur);
                cur.clear();
            }
        }
        cur += c;
    }
    if (!cur.empty())
        parts.push_back(cur);
    std::string out;
    for (std::string p : parts) {
        std::string upper = p;
        for (char& c : upper)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (upper == "API" || upper == "URL" || upper == "UID" || upper == "OSB" || upper == "GUID")
            p = upper;
        else
            p[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(p[0])));
        out += (out.empty() ? "" : " ") + p;
    }
    return out;
}

std::string scalar(const Json& v) {
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_null())
        return "<nil>";
    return v.dump();
}

void printContent(Writer& w, int level, const Json& content, const std::string& prefix) {
    static const char* skip[] = {".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels",
                                 ".metadata.annotations"};
    for (const auto& [field, value] : content.items()) {
        std::string expr = prefix + "." + field;
        bool skipped = false;
        for (const char* s : skip)
            skipped = skipped || expr == s;
        if (skipped)
            continue;
        if (value.is_object()) {
            w.write(level, smartLabel(field) + ":\n");
            printContent(w, level + 1, value, expr);
        } else if (value.is_array()) {
            w.write(level, smartLabel(field) + ":\n");
            for (const Json& child : value) {
                if (child.is_object())
                    printContent(w, level + 1, child, expr);
                else
                    w.write(level + 1, scalar(child) + "\n");
            }
        } else {
            w.write(level, smartLabel(field) + ":\t" + scalar(value) + "\n");
        }
    }
}

}  // namespace

std::string describeGeneric(const Json& obj, std::vector<Json> events, Time now) {
    Writer w;
    w.write(0, "Name:\t" + stringAt(obj, "metadata.name") + "\n");
    w.write(0, "Namespace:\t" + stringAt(obj, "metadata.namespace") + "\n");
    printLabels(w, "Labels", findPath(obj, "metadata.labels"));
    printAnnotations(w, "Annotations", findPath(obj, "metadata.annotations"));
    printContent(w, 0, obj, "");
    describeEvents(w, std::move(events), now);
    return w.str();
}

}  // namespace kp::cli::describe
