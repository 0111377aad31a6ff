#include "cli/kubectl/template_printer.h"

#include <regex>

#include "api/codec/go_format.h"
#include "api/codec/json_encode.h"
#include "api/go_template.h"
#include "api/jsonpath.h"
#include "cli/tabwriter.h"

namespace kp::cli {
namespace {

bool hasFormat(const std::string& output, std::initializer_list<const char*> formats) {
    for (const char* f : formats) {
        const std::string name = f;
        if (output == name || output.rfind(name + "=", 0) == 0)
            return true;
    }
    return false;
}

// Splits "format=value" into its parts (the value may itself contain '=').
void splitFormat(const std::string& output, std::string& format, std::string& value) {
    const size_t eq = output.find('=');
    format = output.substr(0, eq);
    value = eq == std::string::npos ? "" : output.substr(eq + 1);
}

std::vector<std::string> splitOnWhitespace(const std::string& line) {
    std::vector<std::string> out;
    std::string word;
    for (char c : line) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
            if (!word.empty())
                out.push_back(std::move(word));
            word.clear();
            continue;
        }
        word += c;
    }
    if (!word.empty())
        out.push_back(std::move(word));
    return out;
}

// printers.EscapeTerminal: terminal control sequences made visible.
std::string escapeTerminal(const std::string& s) {
    std::string out;
    for (char c : s)
        out += c == '\x1b' ? std::string("^[") : std::string(1, c);
    return out;
}

std::string withErrorPrefix(std::string msg) {
    if (msg.rfind("error: ", 0) != 0)
        msg = "error: " + msg;
    if (msg.empty() || msg.back() != '\n')
        msg += "\n";
    return msg;
}

}  // namespace

bool isGoTemplateFormat(const std::string& output) {
    return hasFormat(output, {"go-template", "go-template-file", "template", "templatefile"});
}

bool isCustomColumnsFormat(const std::string& output) {
    return hasFormat(output, {"custom-columns", "custom-columns-file"});
}

bool relaxedJsonPathExpression(const std::string& path, std::string& out, std::string& error) {
    if (path.empty()) {
        out = path;
        return true;
    }
    static const std::regex kJson(R"(^\{\.?([^{}]+)\}$|^\.?([^{}]+)$)");
    std::smatch m;
    if (!std::regex_search(path, m, kJson)) {
        error =
            "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or "
            "'{.name1.name2}'";
        return false;
    }
    out = "{." + (m[1].length() ? m[1].str() : m[2].str()) + "}";
    return true;
}

bool parseCustomColumnsSpec(const std::string& spec, std::vector<CustomColumn>& columns, std::string& error) {
    if (spec.empty()) {
        error = "custom-columns format specified but no custom columns given";
        return false;
    }
    columns.clear();
    size_t start = 0;
    while (true) {
        const size_t comma = spec.find(',', start);
        const std::string part = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        const size_t colon = part.find(':');
        if (colon == std::string::npos) {
            error = "unexpected custom-columns spec: " + part + ", expected <header>:<json-path-expr>";
            return false;
        }
        CustomColumn c;
        c.header = part.substr(0, colon);
        if (!relaxedJsonPathExpression(part.substr(colon + 1), c.fieldSpec, error))
            return false;
        columns.push_back(std::move(c));
        if (comma == std::string::npos)
            return true;
        start = comma + 1;
    }
}

bool parseCustomColumnsTemplate(const std::string& text, std::vector<CustomColumn>& columns, std::string& error) {
    // bufio.Scanner lines: split on "\n", a final line without newline counts, "\r\n" trimmed.
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < text.size() && lines.size() < 2) {
        size_t nl = text.find('\n', start);
        std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        lines.push_back(line);
        if (nl == std::string::npos)
            break;
        start = nl + 1;
    }
    if (lines.empty()) {
        error =
            "invalid template, missing header line. Expected format is one line of space separated headers, one "
            "line of space separated column specs.";
        return false;
    }
    if (lines.size() < 2) {
        error =
            "invalid template, missing spec line. Expected format is one line of space separated headers, one line "
            "of space separated column specs.";
        return false;
    }
    const std::vector<std::string> headers = splitOnWhitespace(lines[0]);
    const std::vector<std::string> specs = splitOnWhitespace(lines[1]);
    if (headers.size() != specs.size()) {
        error = "number of headers (" + std::to_string(headers.size()) + ") and field specifications (" +
                std::to_string(specs.size()) + ") don't match";
        return false;
    }
    columns.clear();
    for (size_t i = 0; i < headers.size(); ++i) {
        CustomColumn c;
        c.header = headers[i];
        if (!relaxedJsonPathExpression(specs[i], c.fieldSpec, error))
            return false;
        columns.push_back(std::move(c));
    }
    return true;
}

bool TemplatePrinter::make(const std::string& output, const std::string& templateArg, bool allowMissingKeys,
                           bool noHeaders, const FileSystem& fs, TemplatePrinter& printer, std::string& error) {
    std::string format, value;
    splitFormat(output, format, value);
    if (!templateArg.empty())
        value = templateArg;
    printer = TemplatePrinter{};
    printer.allowMissingKeys_ = allowMissingKeys;
    if (format == "custom-columns" || format == "custom-columns-file") {
        if (value.empty()) {
            error = "error: custom-columns format specified but no custom columns given\n";
            return false;
        }
        std::string err;
        if (format == "custom-columns-file") {
            std::optional<std::string> text = fs.readFile(value);
            if (!text) {
                error = "error: error reading template " + value + ", open " + value + ": no such file or directory\n";
                return false;
            }
            // kubectl ignores --no-headers for a columns file.
            if (!parseCustomColumnsTemplate(*text, printer.columns_, err)) {
                error = withErrorPrefix(err);
                return false;
            }
            return true;
        }
        if (!parseCustomColumnsSpec(value, printer.columns_, err)) {
            error = withErrorPrefix(err);
            return false;
        }
        printer.noHeaders_ = noHeaders;
        return true;
    }
    printer.goTemplate_ = true;
    if (value.empty()) {
        error = "error: template format specified but no template given\n";
        return false;
    }
    if (format == "templatefile" || format == "go-template-file") {
        std::optional<std::string> text = fs.readFile(value);
        if (!text) {
            error = "error: error reading --template " + value + ", open " + value + ": no such file or directory\n";
            return false;
        }
        value = *text;
    }
    api::GoTemplate parsed;
    std::string err;
    if (!parsed.parse(value, err)) {
        error = withErrorPrefix("error parsing template " + value + ", " + err);
        return false;
    }
    printer.templateText_ = value;
    return true;
}

std::string TemplatePrinter::print(const Json& object, std::string& out, const std::string& rawData) const {
    if (goTemplate_) {
        api::GoTemplate t;
        std::string err;
        t.parse(templateText_, err);
        t.setMissingKeyError(!allowMissingKeys_);
        err = t.execute(object, out);
        if (err.empty())
            return "";
        // GoTemplatePrinter.PrintObj: the report goes to the output stream, the error to stderr.
        out += "Error executing template: " + err + ". Printing more information for debugging the template:\n";
        out += "\ttemplate was:\n\t\t" + templateText_ + "\n";
        out += "\traw data was:\n\t\t" + (rawData.empty() ? codec::marshalJson(object) : rawData) + "\n";
        out += "\tobject given to template engine was:\n\t\t" + api::goSprint(object) + "\n\n";
        return withErrorPrefix("error executing template " + codec::quoteGo(templateText_) + ": " + err);
    }

    // Custom columns. The header is written before the column paths are parsed, so a bad path
    // still prints it (the tabwriter is flushed on the way out).
    TabWriter w(3, 6);
    if (!noHeaders_) {
        std::string line;
        for (size_t i = 0; i < columns_.size(); ++i)
            line += (i ? "\t" : "") + columns_[i].header;
        w.write(line + "\n");
    }
    for (const CustomColumn& c : columns_) {
        std::string err;
        api::selectJsonPath(c.fieldSpec, Json::object(), &err);
        if (!err.empty()) {
            out += w.str();
            return withErrorPrefix(err);
        }
    }
    std::vector<const Json*> items;
    const std::string kind = stringAt(object, "kind");
    if (object.contains("items") && object["items"].is_array() && kind.size() >= 4 &&
        kind.compare(kind.size() - 4, 4, "List") == 0) {
        for (const Json& item : object["items"])
            items.push_back(&item);
    } else {
        items.push_back(&object);
    }
    for (const Json* item : items) {
        std::string line;
        for (size_t i = 0; i < columns_.size(); ++i) {
            std::string err;
            std::vector<const Json*> values = api::selectJsonPath(columns_[i].fieldSpec, *item, &err);
            std::string cell;
            if (values.empty())
                cell = "<none>";
            for (size_t k = 0; k < values.size(); ++k)
                cell += (k ? "," : "") + escapeTerminal(api::goSprint(*values[k]));
            line += (i ? "\t" : "") + cell;
        }
        w.write(line + "\n");
    }
    out += w.str();
    return "";
}

}  // namespace kp::cli
