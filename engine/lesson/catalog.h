// The lessons: tutorials/*.yaml, compiled into the engine (cmake/embed_files.cmake) so that the
// page, the native runner and the tests all read the same files.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "lesson/lesson.h"

namespace kp::lesson {

// Reads one lesson file. On error returns false and a message naming the file and the place
// ("quick-start.yaml: steps[2] (expose): text: missing en").
bool parseLesson(std::string_view yamlText, const std::string& file, Lesson& out, std::string& error);

struct Catalog {
    std::vector<Lesson> lessons;      // by `order`, then id
    std::vector<std::string> errors;  // files that did not parse (a test keeps this empty)
    const Lesson* find(std::string_view id) const;
};

// The embedded lessons, parsed once.
const Catalog& catalog();

// The catalog for the page: every lesson with its steps, texts in both languages, try commands
// and hints (no solutions' internals beyond the command lines).
Json catalogJson(const Catalog& catalog);

}  // namespace kp::lesson
