#pragma once
// WebGL uploads that work wherever their data sits in a heap of up to 4 GiB.
//
// A WebGL call that takes a pointer hands it to JavaScript as a signed 32-bit number, and
// emscripten 3.1.6's WebGL library passes it on as an offset into the heap
// (`GLctx.bufferSubData(target, offset, HEAPU8, data, size)`): an address at or above 2 GiB
// arrives negative and the upload fails. The page's heap grows past 2 GiB with a big cluster
// (150,000 pods), where ImGui's vertex buffers and the font atlas may move. These functions copy
// the data through a staging buffer that lives in static storage, at the bottom of the heap.
//
// imgui_impl_opengl3.cpp is compiled with this header force-included, so that its calls land
// here too (web/CMakeLists.txt); the visualizer calls them directly.
#include <GLES2/gl2.h>  // what both imgui_impl_opengl3.cpp (ES2 mode) and the visualizer (ES3) can include

#ifdef __cplusplus
extern "C" {
#endif
void kpGlBufferData(GLenum target, GLsizeiptr size, const void* data, GLenum usage);
void kpGlBufferSubData(GLenum target, GLintptr offset, GLsizeiptr size, const void* data);
void kpGlTexImage2D(GLenum target, GLint level, GLint internalFormat, GLsizei width, GLsizei height, GLint border,
                    GLenum format, GLenum type, const void* pixels);
#ifdef __cplusplus
}
#endif

#ifdef KP_GL_UPLOADS_REDIRECT
#define glBufferData kpGlBufferData
#define glBufferSubData kpGlBufferSubData
#define glTexImage2D kpGlTexImage2D
#endif
