// kubectl's template printers, shared by `get` and the commands that take PrintFlags:
//   -o go-template=TEMPLATE | -o go-template-file=FILE | -o template=... | -o templatefile=...
//   (or the format alone and the text in --template), run by api::GoTemplate;
//   -o custom-columns=HEADER:PATH,... | -o custom-columns-file=FILE (get only), a table whose
//   cells are JSONPath results: "<none>" when nothing matched, several matches joined by ",",
//   values as Go's fmt prints them (map[k:v], [a b]), columns spaced by kubectl's tabwriter.
// Errors are kubectl's: "error parsing template {{.a, template: output:1: unclosed action",
// "unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>", and a template
// that fails while running prints kubectl's "Error executing template: ..." report on stdout.
// Upstream: cli-runtime pkg/genericclioptions/template_flags.go, pkg/printers/template.go,
// kubectl pkg/cmd/get/customcolumn.go, customcolumn_flags.go.
#pragma once
#include <string>
#include <vector>

#include "base/json.h"
#include "cli/file_system.h"

namespace kp::cli {

// "go-template", "go-template-file", "template", "templatefile" (with or without "=...").
bool isGoTemplateFormat(const std::string& output);
// "custom-columns", "custom-columns-file" (with or without "=...").
bool isCustomColumnsFormat(const std::string& output);

// One custom column: its header and the JSONPath ("{.metadata.name}") of its cells.
struct CustomColumn {
    std::string header;
    std::string fieldSpec;
};

// kubectl's RelaxedJSONPathExpression: "metadata.name", ".metadata.name", "{metadata.name}" and
// "{.metadata.name}" all become "{.metadata.name}". Returns false with kubectl's error.
bool relaxedJsonPathExpression(const std::string& path, std::string& out, std::string& error);
// NewCustomColumnsPrinterFromSpec: "NAME:.metadata.name,IMAGE:.spec.containers[*].image".
bool parseCustomColumnsSpec(const std::string& spec, std::vector<CustomColumn>& columns, std::string& error);
// NewCustomColumnsPrinterFromTemplate: a header line and a spec line, split on white space.
bool parseCustomColumnsTemplate(const std::string& text, std::vector<CustomColumn>& columns, std::string& error);

class TemplatePrinter {
public:
    // Builds the printer for `output` (a go-template or custom-columns format) with the
    // --template argument, --allow-missing-template-keys and --no-headers. Files are read from
    // `fs`. On failure returns false with the whole stderr text ("error: ...\n").
    static bool make(const std::string& output, const std::string& templateArg, bool allowMissingKeys, bool noHeaders,
                     const FileSystem& fs, TemplatePrinter& printer, std::string& error);

    // Prints one object (a List prints each item, for custom columns). Appends stdout text to
    // `out`; returns "" or the stderr text of a failure.
    // `rawData` is the JSON kubectl's template printer reports when the template fails
    // (json.Marshal of the object); empty means sorted keys (unstructured objects).
    std::string print(const Json& object, std::string& out, const std::string& rawData = "") const;
    // Custom columns print their header once per type (kubectl's lastType): a watch calls this
    // after the first object.
    void skipHeaders() { noHeaders_ = true; }

private:
    bool goTemplate_ = false;
    std::string templateText_;
    bool allowMissingKeys_ = true;
    std::vector<CustomColumn> columns_;
    bool noHeaders_ = false;
};

}  // namespace kp::cli
