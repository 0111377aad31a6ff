#include <algorithm>
#include <cctype>

#include "api/codec/json_encode.h"
#include "api/codec/request_body.h"
#include "api/codec/yaml_decode.h"
#include "cli/kubectl/kubectl.h"

namespace kp::cli {

std::string resourceName(const ResourceInfo& r, const std::string& name) {
    std::string kind = r.kind;
    std::transform(kind.begin(), kind.end(), kind.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!r.group.empty())
        kind += "." + r.group;
    return kind + "/" + name;
}

std::string serverErrorText(const Status& s, const std::string& verbContext) {
    // kubectl rebuilds Invalid errors from their causes (cmd/util/helpers.go#StandardErrorMessage).
    if (s.isInvalid() && s.hasDetails() && !s.details().causes.empty()) {
        const StatusDetails& d = s.details();
        std::string head = "The " + d.kind + " \"" + d.name + "\" is invalid: ";
        // statusCausesToAggrError: "field: message", each text once.
        std::vector<std::string> lines;
        for (const auto& c : d.causes) {
            std::string line = c.field + ": " + c.message;
            if (std::find(lines.begin(), lines.end(), line) == lines.end())
                lines.push_back(std::move(line));
        }
        if (lines.size() == 1)
            return head + lines[0] + "\n";
        std::string out = head + "\n";
        for (const std::string& l : lines)
            out += "* " + l + "\n";
        return out;
    }
    std::string reason = s.reason().empty() ? "Unknown" : s.reason();
    return "Error from server (" + reason + "): " + verbContext + s.message() + "\n";
}

Status checkBodySize(const Json& obj) { return codec::checkRequestBodySize(codec::marshalJson(obj).size()); }

bool readManifests(KubectlContext& ctx, const std::vector<std::string>& files, std::vector<Manifest>& out,
                   std::string& error) {
    for (const std::string& f : files) {
        std::vector<std::string> paths;
        if (f != "-" && ctx.fs.isDirectory(f)) {
            for (const std::string& p : ctx.fs.listDirectory(f)) {
                std::string ext = p.substr(p.find_last_of('.') == std::string::npos ? p.size() : p.find_last_of('.'));
                if (ext == ".yaml" || ext == ".yml" || ext == ".json")
                    paths.push_back(f + "/" + p);
            }
        } else {
            paths.push_back(f);
        }
        for (const std::string& path : paths) {
            std::string text;
            if (path == "-") {
                text = ctx.stdinText;
            } else {
                auto content = ctx.fs.readFile(path);
                if (!content) {
                    error = "error: the path \"" + path + "\" does not exist\n";
                    return false;
                }
                text = *content;
            }
            codec::DecodeResult decoded = codec::decodeManifest(text);
            for (const auto& doc : decoded.documents)
                for (Json& obj : codec::flattenList(doc.value))
                    out.push_back({std::move(obj), path});
            if (!decoded.ok()) {
                error = "error: error parsing " + path + ": " + decoded.error + "\n";
                return false;
            }
        }
    }
    return true;
}

}  // namespace kp::cli
