#include "scheduler/framework/status.h"

namespace kp::scheduler::framework {

std::string_view codeName(Code c) {
    switch (c) {
    case Code::Success: return "Success";
    case Code::Error: return "Error";
    case Code::Unschedulable: return "Unschedulable";
    case Code::UnschedulableAndUnresolvable: return "UnschedulableAndUnresolvable";
    case Code::Skip: return "Skip";
    }
    return "";
}

std::string Status::message() const {
    std::string out;
    for (size_t i = 0; i < reasons_.size(); ++i) {
        if (i)
            out += ", ";
        out += reasons_[i];
    }
    return out;
}

}  // namespace kp::scheduler::framework
