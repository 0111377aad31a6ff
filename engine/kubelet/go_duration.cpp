#include "kubelet/go_duration.h"

#include <cstdint>

namespace kp::kubelet {

// Upstream: Go src/time/time.go#Duration.String
std::string goDuration(Duration d) {
    int64_t ms = d.ms;
    if (ms == 0)
        return "0s";
    std::string sign = ms < 0 ? "-" : "";
    if (ms < 0)
        ms = -ms;
    if (ms < 1000)
        return sign + std::to_string(ms) + "ms";
    int64_t totalSeconds = ms / 1000, frac = ms % 1000;
    std::string seconds = std::to_string(totalSeconds % 60);
    if (frac) {
        std::string f = std::to_string(1000 + frac).substr(1);
        while (!f.empty() && f.back() == '0')
            f.pop_back();
        seconds += "." + f;
    }
    int64_t minutes = totalSeconds / 60 % 60, hours = totalSeconds / 3600;
    std::string out = sign;
    if (hours)
        out += std::to_string(hours) + "h";
    if (hours || minutes)
        out += std::to_string(minutes) + "m";
    return out + seconds + "s";
}

}  // namespace kp::kubelet
