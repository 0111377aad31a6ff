// Go's text/template, the subset kubectl's `-o go-template=` / `--template` users write, run over
// a JSON object the way kubectl's GoTemplatePrinter runs it (the object decoded into
// map[string]interface{}; integers are int64, other numbers float64):
//   {{.metadata.name}}  {{range .items}}...{{else}}...{{end}}  {{if}}/{{else if}}/{{else}}/{{end}}
//   {{with}}  {{"\n"}}  {{index .spec.ports 0}}  {{(index .spec.ports 0).nodePort}}  pipelines
//   {{$v := ...}} {{$v = ...}} {{$}} {{range $i, $e := ...}} {{break}} {{continue}} {{- trim -}}
//   functions: and or not len index slice print printf println eq ne lt le gt ge html js urlquery, and kubectl's
//   exists and base64decode.
// Missing map keys print "<no value>" (missingkey=default) or fail (missingkey=error, kubectl's
// --allow-missing-template-keys=false). Errors carry Go's words and positions:
//   template: output:1: unexpected {{end}}
//   template: output:1:7: executing "output" at <.kind.x>: can't evaluate field x in type interface {}
// SIMPLIFICATION: no {{define}}/{{template}}/{{block}}, no call function, no
// complex numbers; printf knows the verbs v s d q x X o b c t e E f F g G and %%.
// Upstream: Go text/template (lex.go, parse/parse.go, exec.go, funcs.go), fmt (print.go),
// cli-runtime pkg/printers/template.go.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "base/json.h"

namespace kp::api {

// fmt.Sprint of a decoded JSON value: strings raw, maps as map[k:v ...] with sorted keys,
// arrays as [a b], null as <nil>, floats as %g with Go's shortest digits.
std::string goSprint(const Json& value);

class GoTemplate {
public:
    GoTemplate();
    ~GoTemplate();
    GoTemplate(GoTemplate&&) noexcept;
    GoTemplate& operator=(GoTemplate&&) noexcept;

    // Parses `text` as the template named `name` ("output" in kubectl). On failure returns false
    // with Go's message: `template: output:1: function "foo" not defined`.
    bool parse(std::string_view text, std::string& error, const std::string& name = "output");
    // missingkey=error instead of the default "<no value>".
    void setMissingKeyError(bool on) { missingKeyError_ = on; }

    // Runs the template over `data`, appending to `out` (also what was written before an error,
    // as Go writes straight to its writer). Returns "" or Go's execution error.
    std::string execute(const Json& data, std::string& out) const;

    struct Tree;

private:
    std::unique_ptr<Tree> tree_;
    bool missingKeyError_ = false;
};

}  // namespace kp::api
