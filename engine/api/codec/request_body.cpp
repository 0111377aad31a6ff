#include "api/codec/request_body.h"

#include "api/codec/limits.h"

namespace kp::codec {

Status checkRequestBodySize(std::size_t bodyBytes) {
    if (bodyBytes <= kMaxRequestBodyBytes)
        return Status::success();
    return Status::failure(413, "RequestEntityTooLarge",
                           "Request entity too large: limit is " + std::to_string(kMaxRequestBodyBytes));
}

std::string summarizeData(std::string_view body, std::size_t maxLength) {
    if (body.empty())
        return "<empty>";
    bool truncated = body.size() > maxLength;
    std::string_view head = body.substr(0, maxLength);
    std::string out;
    if (body[0] == '{') {
        out = std::string(head);
    } else {
        static const char* hex = "0123456789abcdef";
        for (unsigned char c : head) {
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return truncated ? out + " ..." : out;
}

std::string decodeErrorMessage(std::string_view kind, std::string_view bodyKind, std::string_view bodyVersion,
                               std::string_view decodeError, std::string_view body) {
    if (!bodyKind.empty())
        return std::string(bodyKind) + " in version \"" + std::string(bodyVersion) + "\" cannot be handled as a " +
               std::string(kind) + ": " + std::string(decodeError);
    return "the object provided is unrecognized (must be of type " + std::string(kind) +
           "): " + std::string(decodeError) + " (" + summarizeData(body) + ")";
}

}  // namespace kp::codec
