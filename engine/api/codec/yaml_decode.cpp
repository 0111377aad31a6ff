#include "api/codec/yaml_decode.h"

#include "api/codec/go_format.h"
#include "api/codec/json_decode.h"
#include "api/codec/limits.h"
#include "api/codec/yaml_to_json.h"

namespace kp::codec {
namespace {

struct Chunk {
    std::string text;
    int line = 1;
};

struct SplitResult {
    std::vector<Chunk> chunks;
    std::string error;  // set when a separator line is malformed; chunks before it are kept
};

std::string trimSpace(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n' || s[b] == '\v' || s[b] == '\f'))
        ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n' ||
                     s[e - 1] == '\v' || s[e - 1] == '\f'))
        --e;
    return std::string(s.substr(b, e - b));
}

// Upstream: apimachinery pkg/util/yaml/decoder.go#YAMLReader.Read: a line that starts with
// "---" ends the current document; only spaces or a comment may follow on that line. Lines
// lose their "\r\n" / "\n" ending and get "\n" back (bufio.Reader.ReadLine).
SplitResult splitDocuments(std::string_view text) {
    SplitResult out;
    Chunk current;
    int lineNo = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
        std::string_view line = text.substr(pos, (end == std::string_view::npos ? text.size() : end) - pos);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        ++lineNo;
        pos = next;
        if (line.substr(0, 3) == "---") {
            std::string rest = trimSpace(line.substr(3));
            if (!rest.empty() && rest[0] != '#') {
                out.error = "invalid Yaml document separator: " + rest;
                return out;
            }
            if (!current.text.empty())
                out.chunks.push_back(std::move(current));
            current = Chunk{};
            continue;
        }
        if (current.text.empty())
            current.line = lineNo;
        current.text.append(line);
        current.text.push_back('\n');
    }
    if (!current.text.empty())
        out.chunks.push_back(std::move(current));
    return out;
}

bool isUnicodeSpaceAt(std::string_view s, std::size_t i, std::size_t& width) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    width = 1;
    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return true;
    if (c == 0xC2 && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) == 0x85 ||
                                           static_cast<unsigned char>(s[i + 1]) == 0xA0)) {
        width = 2;
        return true;
    }
    return false;
}

// Upstream: apimachinery pkg/util/yaml/decoder.go#hasJSONPrefix (within the first 4096 bytes).
bool looksLikeJson(std::string_view text) {
    std::string_view head = text.substr(0, kJsonSniffBytes);
    for (std::size_t i = 0; i < head.size();) {
        std::size_t w = 1;
        if (!isUnicodeSpaceAt(head, i, w))
            return head[i] == '{';
        i += w;
    }
    return false;
}

}  // namespace

DecodeResult decodeYamlStream(std::string_view text, const YamlDecodeOptions& options) {
    DecodeResult result;
    SplitResult split = splitDocuments(text);
    for (Chunk& chunk : split.chunks) {
        YamlToJsonResult doc = yamlToJson(chunk.text, options.strict);
        if (!doc.error.empty()) {
            result.error = std::move(doc.error);
            return result;
        }
        if (doc.value.is_null())
            continue;  // kubectl skips empty documents
        result.documents.push_back(YamlDocument{std::move(doc.value), chunk.line});
    }
    result.error = std::move(split.error);
    return result;
}

DecodeResult decodeYamlDocument(std::string_view text, const YamlDecodeOptions& options) {
    DecodeResult result;
    YamlToJsonResult doc = yamlToJson(text, options.strict);
    if (!doc.error.empty()) {
        result.error = std::move(doc.error);
        return result;
    }
    result.documents.push_back(YamlDocument{std::move(doc.value), 1});
    return result;
}

DecodeResult decodeManifest(std::string_view fileContent) {
    // cli-runtime reads files through unicode.BOMOverride(UTF8 decoder).
    if (fileContent.substr(0, 3) == "\xEF\xBB\xBF")
        fileContent.remove_prefix(3);
    std::string text = toValidUtf8(fileContent);
    if (looksLikeJson(text))
        return decodeJsonStream(text);
    return decodeYamlStream(text);
}

std::vector<Json> flattenList(const Json& object) {
    const Json* items = object.is_object() && object.contains("items") ? &object["items"] : nullptr;
    if (!items || !items->is_array())
        return {object};
    // Upstream: apimachinery unstructured.go#decodeToList: items without kind and apiVersion
    // take the list's apiVersion and its kind minus "List".
    std::string listKind = object.value("kind", "");
    std::string itemKind = listKind.size() >= 4 && listKind.compare(listKind.size() - 4, 4, "List") == 0
                               ? listKind.substr(0, listKind.size() - 4)
                               : listKind;
    std::vector<Json> out;
    for (const Json& item : *items) {
        Json copy = item;
        if (copy.is_object() && !copy.contains("kind") && !copy.contains("apiVersion")) {
            copy["kind"] = itemKind;
            copy["apiVersion"] = object.value("apiVersion", "");
        }
        out.push_back(std::move(copy));
    }
    return out;
}

Json kubectlList(std::vector<Json> items) {
    Json list = Json::object();
    list["apiVersion"] = "v1";
    list["items"] = Json::array();
    for (Json& item : items)
        list["items"].push_back(std::move(item));
    list["kind"] = "List";
    list["metadata"] = {{"resourceVersion", ""}};
    return list;
}

}  // namespace kp::codec
