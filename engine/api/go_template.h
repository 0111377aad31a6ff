// Go's text/template, the subset kubectl's `-o go-template=` / `--template` users write, run over
// a JSON object the way kubectl's GoTemplatePrinter runs it (the object decoded into
// map[string]interface{}; integers are int64, other numbers float64):
//   {{.metadata.name}}  {{range .items}}...{{else}}...{{end}}  {{if}}/{{else if}}/{{else}}/{{end}}
//   {{with}}  {{"\n"}}  {{index .spec.ports 0}}  {{(index .spec.ports 0).nodePort}}  pipelines
//   {{$v := ...}} {{$v = ...}} {{$}} {{range $i, $e := ...}} {{break}} {{continue}} {{- trim -}}
//   functions: and or not len index slice print printf println eq ne lt le gt ge html js urlquery, and kubectl's
//   exists and base64decode (or, for the docker CLI's --format, docker's json split join title
//   lower upper pad truncate).
// Missing map keys print "<no value>" (missingkey=default) or fail (missingkey=error, kubectl's
// --allow-missing-template-keys=false). Errors carry Go's words and positions:
//   template: output:1: unexpected {{end}}
//   template: output:1:7: executing "output" at <.kind.x>: can't evaluate field x in type interface {}
// SIMPLIFICATION: no {{define}}/{{template}}/{{block}}, no call function, no
// complex numbers; printf knows the verbs v s d q x X o b c t e E f F g G and %%.
// Upstream: Go text/template (lex.go, parse/parse.go, exec.go, funcs.go), fmt (print.go),
// cli-runtime pkg/printers/template.go.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/json.h"

namespace kp::api {

// fmt.Sprint of a decoded JSON value: strings raw, maps as map[k:v ...] with sorted keys,
// arrays as [a b], null as <nil>, floats as %g with Go's shortest digits.
std::string goSprint(const Json& value);

// The functions a template may call besides Go's builtins: kubectl's (exists, base64decode) or
// the docker CLI's (json, split, join, title, lower, upper, pad, truncate; docker/cli
// templates/templates.go).
enum class TemplateFunctions { Kubectl, Docker };

class GoTemplate {
public:
    GoTemplate();
    ~GoTemplate();
    GoTemplate(GoTemplate&&) noexcept;
    GoTemplate& operator=(GoTemplate&&) noexcept;

    // Parses `text` as the template named `name` ("output" in kubectl). On failure returns false
    // with Go's message: `template: output:1: function "foo" not defined`.
    bool parse(std::string_view text, std::string& error, const std::string& name = "output");
    // Before parse(): the function set. `json` writes a value as docker's json function does
    // (Go marshals struct fields in declaration order, which only the caller knows); without
    // it, keys come sorted.
    void setFunctions(TemplateFunctions functions, std::function<std::string(const Json&)> json = {}) {
        functions_ = functions;
        json_ = std::move(json);
    }
    // missingkey=error instead of the default "<no value>".
    void setMissingKeyError(bool on) { missingKeyError_ = on; }

    // Runs the template over `data`, appending to `out` (also what was written before an error,
    // as Go writes straight to its writer). Returns "" or Go's execution error.
    std::string execute(const Json& data, std::string& out) const;

    struct Tree;

private:
    std::unique_ptr<Tree> tree_;
    bool missingKeyError_ = false;
    TemplateFunctions functions_ = TemplateFunctions::Kubectl;
    std::function<std::string(const Json&)> json_;
};

}  // namespace kp::api
