#include "apiserver/apply/conflict.h"

#include <map>

namespace kp::apply {

Status conflictError(const std::vector<Conflict>& conflicts) {
    StatusDetails details;
    for (const Conflict& c : conflicts)
        details.causes.push_back({"FieldManagerConflict", "conflict with " + printManager(c.manager), pathString(c.path)});

    std::string message;
    if (conflicts.size() == 1) {
        message = "Apply failed with 1 conflict: conflict with " + printManager(conflicts[0].manager) + ": " +
                  pathString(conflicts[0].path);
    } else {
        std::map<std::string, std::vector<const Path*>> byManager;  // sorted by identity
        for (const Conflict& c : conflicts)
            byManager[c.manager].push_back(&c.path);
        std::string lines;
        for (const auto& [manager, paths] : byManager) {
            lines += (lines.empty() ? "" : "\n") + std::string("conflicts with ") + printManager(manager) + ":";
            for (const Path* p : paths)
                lines += "\n- " + pathString(*p);
        }
        message = "Apply failed with " + std::to_string(conflicts.size()) + " conflicts: " + lines;
    }
    Status s = Status::failure(409, "Conflict", message);
    s.withDetails(std::move(details));
    return s;
}

}  // namespace kp::apply
