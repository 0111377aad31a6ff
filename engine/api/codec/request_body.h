// Request-body helpers of kube-apiserver's handlers: the size limit and the way decode errors
// of a body are reported. Upstream: apiserver pkg/endpoints/handlers/rest.go
// (limitedReadBody, summarizeData, transformDecodeError).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace kp::codec {

// 413 RequestEntityTooLarge "Request entity too large: limit is 3145728" for a body longer
// than kMaxRequestBodyBytes; success otherwise.
Status checkRequestBodySize(std::size_t bodyBytes);

// The short excerpt of a body that error messages carry: "<empty>", the first 30 bytes of a
// body starting with '{' followed by " ...", or hex for anything else.
std::string summarizeData(std::string_view body, std::size_t maxLength = 30);

// The BadRequest message for a body that could not be decoded into `kind` (e.g. "Deployment"):
//   with a known kind in the body: `<Kind> in version "<v>" cannot be handled as a <kind>: <err>`
//   otherwise: `the object provided is unrecognized (must be of type <kind>): <err> (<summary>)`
// For malformed JSON, decodeError is "couldn't get version/kind; json parse error: " + the
// parseJson() message.
std::string decodeErrorMessage(std::string_view kind, std::string_view bodyKind, std::string_view bodyVersion,
                               std::string_view decodeError, std::string_view body);

}  // namespace kp::codec
