#include "base/status.h"

namespace kp {

Status Status::failure(int code, std::string reason, std::string message) {
    Status s;
    s.code_ = code;
    s.reason_ = std::move(reason);
    s.message_ = std::move(message);
    return s;
}

Json Status::toJson() const {
    Json j = {{"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", Json::object()}};
    if (ok()) {
        j["status"] = "Success";
    } else {
        j["status"] = "Failure";
        j["message"] = message_;
        if (!reason_.empty())
            j["reason"] = reason_;
        j["code"] = code_;
    }
    if (hasDetails_) {
        Json d = Json::object();
        if (!details_.name.empty())
            d["name"] = details_.name;
        if (!details_.group.empty())
            d["group"] = details_.group;
        if (!details_.kind.empty())
            d["kind"] = details_.kind;
        if (!details_.uid.empty())
            d["uid"] = details_.uid;
        if (!details_.causes.empty()) {
            Json causes = Json::array();
            for (const auto& c : details_.causes) {
                Json cj = Json::object();
                if (!c.reason.empty())
                    cj["reason"] = c.reason;
                if (!c.message.empty())
                    cj["message"] = c.message;
                if (!c.field.empty())
                    cj["field"] = c.field;
                causes.push_back(std::move(cj));
            }
            d["causes"] = std::move(causes);
        }
        if (details_.retryAfterSeconds)
            d["retryAfterSeconds"] = details_.retryAfterSeconds;
        j["details"] = std::move(d);
    }
    return j;
}

Status Status::fromJson(const Json& j) {
    if (stringAt(j, "status") == "Success")
        return {};
    Status s = failure(static_cast<int>(intAt(j, "code", 500)), stringAt(j, "reason"), stringAt(j, "message"));
    if (const Json* d = findPath(j, "details"); d && d->is_object()) {
        StatusDetails det;
        det.name = stringAt(*d, "name");
        det.group = stringAt(*d, "group");
        det.kind = stringAt(*d, "kind");
        det.uid = stringAt(*d, "uid");
        if (const Json* causes = findPath(*d, "causes"); causes && causes->is_array())
            for (const Json& c : *causes)
                det.causes.push_back({stringAt(c, "reason"), stringAt(c, "message"), stringAt(c, "field")});
        det.retryAfterSeconds = static_cast<int>(intAt(*d, "retryAfterSeconds"));
        s.withDetails(std::move(det));
    }
    return s;
}

}  // namespace kp
