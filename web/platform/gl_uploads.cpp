#include "platform/gl_uploads.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace {

// Static storage sits below everything malloc hands out, so far below 2 GiB. 1 MiB takes a
// 5,000-pod frame's vertices in a few copies.
constexpr size_t kStagingBytes = size_t{1} << 20;
alignas(16) unsigned char gStaging[kStagingBytes];

bool reachable(const void* data, size_t size) {
    return reinterpret_cast<uintptr_t>(data) + size <= (uintptr_t{1} << 31);
}

}  // namespace

extern "C" void kpGlBufferSubData(GLenum target, GLintptr offset, GLsizeiptr size, const void* data) {
    if (!data || reachable(data, static_cast<size_t>(size))) {
        glBufferSubData(target, offset, size, data);
        return;
    }
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (GLsizeiptr done = 0; done < size;) {
        const auto n = static_cast<GLsizeiptr>(std::min<size_t>(kStagingBytes, static_cast<size_t>(size - done)));
        std::memcpy(gStaging, bytes + done, static_cast<size_t>(n));
        glBufferSubData(target, offset + done, n, gStaging);
        done += n;
    }
}

extern "C" void kpGlBufferData(GLenum target, GLsizeiptr size, const void* data, GLenum usage) {
    if (!data || reachable(data, static_cast<size_t>(size))) {
        glBufferData(target, size, data, usage);
        return;
    }
    glBufferData(target, size, nullptr, usage);
    kpGlBufferSubData(target, 0, size, data);
}

extern "C" void kpGlTexImage2D(GLenum target, GLint level, GLint internalFormat, GLsizei width, GLsizei height,
                               GLint border, GLenum format, GLenum type, const void* pixels) {
    // Only tightly packed RGBA bytes are copied row by row (the font atlas and every texture the
    // page makes); the default unpack alignment of 4 keeps such rows contiguous.
    const size_t rowBytes = static_cast<size_t>(width) * 4;
    const bool rgba8 = format == GL_RGBA && type == GL_UNSIGNED_BYTE;
    if (!pixels || !rgba8 || rowBytes == 0 || rowBytes > kStagingBytes ||
        reachable(pixels, rowBytes * static_cast<size_t>(height))) {
        glTexImage2D(target, level, internalFormat, width, height, border, format, type, pixels);
        return;
    }
    glTexImage2D(target, level, internalFormat, width, height, border, format, type, nullptr);
    const auto* bytes = static_cast<const unsigned char*>(pixels);
    const auto rowsPerCopy = static_cast<GLsizei>(kStagingBytes / rowBytes);
    for (GLsizei y = 0; y < height; y += rowsPerCopy) {
        const GLsizei rows = std::min(rowsPerCopy, height - y);
        std::memcpy(gStaging, bytes + static_cast<size_t>(y) * rowBytes, static_cast<size_t>(rows) * rowBytes);
        glTexSubImage2D(target, level, 0, y, width, rows, format, type, gStaging);
    }
}
