#include "lesson/catalog.h"

#include <algorithm>

#include "api/codec/yaml_decode.h"
#include "base/embedded_file.h"

namespace kp {
extern const EmbeddedFile kEmbeddedLessons[];
extern const int kEmbeddedLessonsCount;
}  // namespace kp

namespace kp::lesson {
namespace {

// Reads a file's fields, remembering where it is so that every error names its place.
class Reader {
public:
    Reader(std::string place, std::string& error) : place_(std::move(place)), error_(error) {}

    bool fail(const std::string& message) {
        if (error_.empty())
            error_ = place_ + ": " + message;
        return false;
    }
    bool ok() const { return error_.empty(); }

    bool onlyKeys(const Json& map, std::initializer_list<const char*> keys) {
        if (!map.is_object())
            return fail("expected a mapping");
        for (auto it = map.begin(); it != map.end(); ++it)
            if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return it.key() == k; }))
                return fail("unknown field \"" + it.key() + "\"");
        return true;
    }

    std::string string(const Json& map, const char* key, bool required) {
        auto it = map.find(key);
        if (it == map.end() || it->is_null()) {
            if (required)
                fail(std::string("missing ") + key);
            return "";
        }
        if (!it->is_string()) {
            fail(std::string(key) + ": expected a string");
            return "";
        }
        return it->get<std::string>();
    }

    Localized localized(const Json& map, const char* key, bool required) {
        Localized out;
        auto it = map.find(key);
        if (it == map.end() || it->is_null()) {
            if (required)
                fail(std::string("missing ") + key);
            return out;
        }
        Reader inner(place_ + ": " + key, error_);
        if (!inner.onlyKeys(*it, {"zh", "en"}))
            return out;
        out.zh = inner.string(*it, "zh", true);
        out.en = inner.string(*it, "en", true);
        return out;
    }

    std::vector<std::string> strings(const Json& map, const char* key) {
        std::vector<std::string> out;
        auto it = map.find(key);
        if (it == map.end() || it->is_null())
            return out;
        if (!it->is_array()) {
            fail(std::string(key) + ": expected a list of command lines");
            return out;
        }
        for (const Json& line : *it) {
            if (!line.is_string()) {
                fail(std::string(key) + ": expected a list of command lines");
                return {};
            }
            out.push_back(line.get<std::string>());
        }
        return out;
    }

    const std::string& place() const { return place_; }
    std::string& error() { return error_; }

private:
    std::string place_;
    std::string& error_;
};

bool parseStep(const Json& node, const std::string& place, Step& step, std::string& error) {
    Reader r(place, error);
    if (!r.onlyKeys(node, {"id", "title", "text", "try", "goal", "hints", "solution", "timeout"}))
        return false;
    step.id = r.string(node, "id", true);
    Reader named(place + (step.id.empty() ? "" : " (" + step.id + ")"), error);
    step.title = named.localized(node, "title", true);
    step.text = named.localized(node, "text", true);
    step.tryCommands = named.strings(node, "try");
    step.solution = named.strings(node, "solution");
    if (named.ok() && step.solution.empty())
        named.fail("missing solution");
    if (node.contains("timeout")) {
        if (!node["timeout"].is_number_integer() || node["timeout"].get<int>() <= 0)
            named.fail("timeout: expected a number of seconds");
        else
            step.timeoutSeconds = node["timeout"].get<int>();
    }
    if (!node.contains("goal") || node["goal"].is_null())
        named.fail("missing goal");
    if (!named.ok())
        return false;
    std::string goalError;
    step.goal = parseGoal(node["goal"], goalError);
    if (!goalError.empty())
        return named.fail(goalError);
    if (auto it = node.find("hints"); it != node.end() && !it->is_null()) {
        if (!it->is_array())
            return named.fail("hints: expected a list");
        for (size_t i = 0; i < it->size(); ++i) {
            Reader hint(named.place() + ": hints[" + std::to_string(i) + "]", error);
            if (!hint.onlyKeys((*it)[i], {"zh", "en"}))
                return false;
            step.hints.push_back({hint.string((*it)[i], "zh", true), hint.string((*it)[i], "en", true)});
        }
    }
    return named.ok();
}

}  // namespace

bool parseLesson(std::string_view yamlText, const std::string& file, Lesson& out, std::string& error) {
    codec::DecodeResult decoded = codec::decodeYamlDocument(yamlText);
    if (!decoded.ok()) {
        error = file + ": " + decoded.error;
        return false;
    }
    const Json& doc = decoded.documents.empty() ? Json() : decoded.documents.front().value;
    Reader r(file, error);
    if (!r.onlyKeys(doc, {"id", "order", "title", "summary", "seed", "setup", "sandbox", "steps"}))
        return false;
    out = Lesson{};
    out.file = file;
    out.id = r.string(doc, "id", true);
    out.title = r.localized(doc, "title", true);
    out.summary = r.localized(doc, "summary", true);
    out.setup = r.strings(doc, "setup");
    out.sandbox = doc.value("sandbox", false);
    if (doc.contains("order") && !doc["order"].is_number_integer())
        return r.fail("order: expected a number");
    out.order = doc.value("order", 0);
    if (doc.contains("seed") && !doc["seed"].is_number_unsigned())
        return r.fail("seed: expected a number");
    out.seed = doc.value("seed", uint64_t{1});
    if (!r.ok())
        return false;
    const Json steps = doc.value("steps", Json::array());
    if (!steps.is_array())
        return r.fail("steps: expected a list");
    if (steps.empty() && !out.sandbox)
        return r.fail("a lesson needs steps (or sandbox: true)");
    for (size_t i = 0; i < steps.size(); ++i) {
        Step step;
        if (!parseStep(steps[i], file + ": steps[" + std::to_string(i) + "]", step, error))
            return false;
        for (const Step& earlier : out.steps)
            if (earlier.id == step.id)
                return r.fail("steps[" + std::to_string(i) + "]: duplicate step id \"" + step.id + "\"");
        out.steps.push_back(std::move(step));
    }
    return true;
}

const Lesson* Catalog::find(std::string_view id) const {
    for (const Lesson& l : lessons)
        if (l.id == id)
            return &l;
    return nullptr;
}

const Catalog& catalog() {
    static const Catalog built = [] {
        Catalog c;
        for (int i = 0; i < kEmbeddedLessonsCount; ++i) {
            const EmbeddedFile& f = kEmbeddedLessons[i];
            Lesson lesson;
            std::string error;
            if (parseLesson(f.content, std::string(f.path), lesson, error))
                c.lessons.push_back(std::move(lesson));
            else
                c.errors.push_back(error);
        }
        std::stable_sort(c.lessons.begin(), c.lessons.end(), [](const Lesson& a, const Lesson& b) {
            return a.order != b.order ? a.order < b.order : a.id < b.id;
        });
        return c;
    }();
    return built;
}

namespace {

Json localizedJson(const Localized& l) { return Json{{"zh", l.zh}, {"en", l.en}}; }

}  // namespace

Json catalogJson(const Catalog& catalog) {
    Json lessons = Json::array();
    for (const Lesson& lesson : catalog.lessons) {
        Json steps = Json::array();
        for (const Step& step : lesson.steps) {
            Json hints = Json::array();
            for (const Localized& h : step.hints)
                hints.push_back(localizedJson(h));
            steps.push_back({{"id", step.id},
                             {"title", localizedJson(step.title)},
                             {"text", localizedJson(step.text)},
                             {"try", step.tryCommands},
                             {"hints", hints},
                             {"solution", step.solution}});
        }
        lessons.push_back({{"id", lesson.id},
                           {"order", lesson.order},
                           {"title", localizedJson(lesson.title)},
                           {"summary", localizedJson(lesson.summary)},
                           {"setup", lesson.setup},
                           {"sandbox", lesson.sandbox},
                           {"steps", steps}});
    }
    return lessons;
}

}  // namespace kp::lesson
