// A data file compiled into the engine (schemas, lesson YAML), see cmake/embed_files.cmake.
#pragma once
#include <string_view>

namespace kp {

struct EmbeddedFile {
    std::string_view path;     // relative to the folder it was embedded from
    std::string_view content;  // raw bytes
};

}  // namespace kp
