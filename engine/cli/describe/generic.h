#pragma once
#include <string>
#include <vector>

#include "base/json.h"
#include "base/time.h"

namespace kp::cli::describe {

// kubectl's genericDescriber layout for any object.
std::string describeGeneric(const Json& obj, std::vector<Json> events, Time now);

}  // namespace kp::cli::describe
