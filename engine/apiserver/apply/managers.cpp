#include "apiserver/apply/managers.h"

#include <algorithm>
#include <vector>

#include "api/codec/json_encode.h"
#include "apiserver/apply/path_element.h"
#include "base/json_text.h"
#include "base/time.h"

namespace kp::apply {
namespace {

void appendField(std::string& out, const char* name, const std::string& value) {
    if (value.empty())
        return;  // omitempty
    if (out.size() > 1)
        out += ",";
    out += "\"";
    out += name;
    out += "\":";
    codec::appendJsonString(out, value);
}

int64_t timeSeconds(const Json& entry) {
    auto it = entry.find("time");
    if (it == entry.end() || !it->is_string())
        return 0;
    std::optional<Time> t = parseRFC3339(it->get<std::string>());
    return t ? t->ms / 1000 : 0;
}

}  // namespace

std::string ManagerId::key() const {
    // Field order of metav1.ManagedFieldsEntry: manager, operation, apiVersion, time,
    // fieldsType, fieldsV1, subresource (the middle three are never part of an identity).
    std::string out = "{";
    appendField(out, "manager", manager);
    appendField(out, "operation", operation);
    appendField(out, "apiVersion", apiVersion);
    appendField(out, "subresource", subresource);
    return out + "}";
}

ManagerId ManagerId::fromKey(const std::string& key) {
    Json j = Json::parse(key, nullptr, false);
    ManagerId id;
    if (!j.is_object())
        return id;
    id.manager = j.value("manager", "");
    id.operation = j.value("operation", "");
    id.apiVersion = j.value("apiVersion", "");
    id.subresource = j.value("subresource", "");
    return id;
}

bool decodeManagedFields(const Json& entries, Managed& out, std::string& error) {
    out = Managed{};
    if (entries.is_null())
        return true;
    if (!entries.is_array()) {
        error = "managedFields must be a list";
        return false;
    }
    for (size_t i = 0; i < entries.size(); ++i) {
        const Json& e = entries[i];
        if (!e.is_object()) {
            error = "managed fields entry " + std::to_string(i) + " is not an object";
            return false;
        }
        ManagerId id;
        id.manager = e.value("manager", "");
        id.operation = e.value("operation", "");
        id.subresource = e.value("subresource", "");
        std::string apiVersion = e.value("apiVersion", "");
        if (id.operation != "Apply" && id.operation != "Update") {
            error = "operation must be `Apply` or `Update`";
            return false;
        }
        if (apiVersion.empty()) {
            error = "apiVersion must not be empty";
            return false;
        }
        std::string fieldsType = e.value("fieldsType", "");
        if (fieldsType.empty()) {
            error = "missing fieldsType in managed fields entry " + std::to_string(i);
            return false;
        }
        if (fieldsType != "FieldsV1") {
            error = "invalid fieldsType \"" + fieldsType + "\" in managed fields entry " + std::to_string(i);
            return false;
        }
        if (id.operation == "Update")
            id.apiVersion = apiVersion;
        VersionedSet vs;
        vs.apiVersion = apiVersion;
        vs.applied = id.operation == "Apply";
        if (auto f = e.find("fieldsV1"); f != e.end() && !f->is_null() && !FieldSet::fromFieldsV1(*f, vs.set)) {
            error = "error decoding set in managed fields entry " + std::to_string(i);
            return false;
        }
        std::string key = id.key();
        out.fields[key] = std::move(vs);
        if (auto t = e.find("time"); t != e.end() && t->is_string())
            out.times[key] = t->get<std::string>();
        else
            out.times.erase(key);
    }
    return true;
}

Json encodeManagedFields(const Managed& managed) {
    if (managed.fields.empty())
        return nullptr;
    std::vector<Json> entries;
    for (const auto& [key, vs] : managed.fields) {
        ManagerId id = ManagerId::fromKey(key);
        Json e = {{"manager", id.manager},
                  {"operation", vs.applied ? "Apply" : id.operation},
                  {"apiVersion", vs.apiVersion},
                  {"fieldsType", "FieldsV1"},
                  {"fieldsV1", packAsJsonText(vs.set.toFieldsV1())}};
        if (!id.subresource.empty())
            e["subresource"] = id.subresource;
        if (auto t = managed.times.find(key); t != managed.times.end())
            e["time"] = t->second;
        entries.push_back(std::move(e));
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Json& p, const Json& q) {
        if (p["operation"] != q["operation"])
            return p["operation"].get<std::string>() < q["operation"].get<std::string>();
        int64_t ps = timeSeconds(p), qs = timeSeconds(q);
        if (ps != qs)
            return ps < qs;
        if (p["manager"] != q["manager"])
            return p["manager"].get<std::string>() < q["manager"].get<std::string>();
        if (p["apiVersion"] != q["apiVersion"])
            return p["apiVersion"].get<std::string>() < q["apiVersion"].get<std::string>();
        return p.value("subresource", "") < q.value("subresource", "");
    });
    Json out = Json::array();
    for (Json& e : entries)
        out.push_back(std::move(e));
    return out;
}

std::string printManager(const std::string& key) {
    Json j = Json::parse(key, nullptr, false);
    if (!j.is_object())
        return goQuote(key);
    ManagerId id = ManagerId::fromKey(key);
    std::string out = goQuote(id.manager);
    if (!id.subresource.empty())
        out += " with subresource " + goQuote(id.subresource);
    if (id.operation == "Update")
        out += " using " + id.apiVersion;  // identities carry no time, so no " at <time>"
    return out;
}

}  // namespace kp::apply
