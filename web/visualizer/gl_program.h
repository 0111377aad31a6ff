// A linked GLSL ES 3.00 program built from the shaders in shaders/ (embedded in the module at
// build time, see web/CMakeLists.txt). Compile and link errors go to the browser console.
#pragma once
#include <GLES3/gl3.h>

#include <string_view>

namespace kp::web {

// The source of shaders/<name> ("flow_particle.vert"); empty when no such file was embedded.
std::string_view shaderSource(std::string_view name);

class GlProgram {
public:
    GlProgram() = default;
    ~GlProgram();
    GlProgram(const GlProgram&) = delete;
    GlProgram& operator=(const GlProgram&) = delete;

    // Builds from two embedded shaders; false (and a console message) on failure.
    bool build(std::string_view vertexName, std::string_view fragmentName);
    bool ok() const { return id_ != 0; }
    GLuint id() const { return id_; }
    GLint uniform(const char* name) const { return glGetUniformLocation(id_, name); }

private:
    GLuint id_ = 0;
};

}  // namespace kp::web
