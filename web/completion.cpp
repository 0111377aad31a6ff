#include "completion.h"

namespace kp::web {

Completion complete(cli::Laptop& laptop, const std::string& line) {
    return cli::completeLine(laptop.cluster(), laptop.files(), line);
}

}  // namespace kp::web
