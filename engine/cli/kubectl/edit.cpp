// kubectl edit TYPE NAME: writes the object as YAML (under kubectl's comment header) to a temp
// file, starts $KUBE_EDITOR or $EDITOR (else vi) on it through the shell, and sends what changed
// as a patch:
//   deployment.apps/web edited              (stdout)
//   Edit cancelled, no changes made.        (stderr, file unchanged)
// An edit the server rejects is reported ("error: deployments.apps "web" is invalid"), the
// reasons are written into the header and the editor opens the file again; saving it unchanged
// ends with "A copy of your changes has been stored to ..." and "error: Edit cancelled, no valid
// changes were saved.". A scripted editor (KUBE_EDITOR="sed -i s/a/b/") works as a person would.
// SIMPLIFICATION: without an editor variable there is no vi to start (the page's YAML editor
// will take its place); the change is sent as a JSON merge patch (kubectl sends a strategic
// merge patch for built-in kinds: same result for an edit of the whole object, lists included).
// Upstream: kubectl pkg/cmd/edit/edit.go, pkg/cmd/util/editor/editoptions.go (Run, visitToPatch,
// editResults.addError, editHeader.writeTo, preservedFile), editor.go (defaultEnvEditor, args).
#include "api/codec/yaml_decode.h"
#include "api/codec/yaml_encode.h"
#include "cli/kubectl/cmd_util.h"
#include "cli/kubectl/kubectl.h"
#include "cli/kubectl/print_flags.h"
#include "cli/kubectl/resource_args.h"

namespace kp::cli {
namespace {

constexpr const char* kHeader =
    "# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
    "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
    "# reopened with the relevant failures.\n"
    "#\n";

struct EditReason {
    std::string head;
    std::vector<std::string> other;
};

std::string hashOnLineBreak(const std::string& s) {
    std::string out;
    for (char c : s)
        out += c == '\n' ? std::string("\n# ") : std::string(1, c);
    return out;
}

std::string headerText(const std::vector<EditReason>& reasons) {
    std::string out = kHeader;
    for (const EditReason& r : reasons) {
        out += "# " + hashOnLineBreak(r.head) + (r.other.empty() ? "\n" : ":\n");
        for (const std::string& o : r.other)
            out += "# * " + hashOnLineBreak(o) + "\n";
        out += "#\n";
    }
    return out;
}

// cmdutil.ManualStrip: drops comment lines (but not "#!").
std::string manualStrip(const std::string& text) {
    std::string out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t nl = text.find('\n', start);
        const bool last = nl == std::string::npos;
        std::string line = text.substr(start, last ? std::string::npos : nl - start);
        size_t b = line.find_first_not_of(" \t\r");
        const bool comment = b != std::string::npos && line[b] == '#' && line.compare(b, 2, "#!") != 0;
        if (!comment)
            out += line + (last ? "" : "\n");
        if (last)
            break;
        start = nl + 1;
    }
    return out;
}

bool hasLines(const std::string& text) {
    for (char c : text)
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return true;
    return false;
}

// jsonpatch.CreateMergePatch: what turns `original` into `modified` (null deletes a key,
// arrays and scalars are replaced whole).
Json createMergePatch(const Json& original, const Json& modified) {
    Json patch = Json::object();
    for (auto it = original.begin(); it != original.end(); ++it)
        if (!modified.contains(it.key()))
            patch[it.key()] = nullptr;
    for (auto it = modified.begin(); it != modified.end(); ++it) {
        auto old = original.find(it.key());
        if (old == original.end()) {
            patch[it.key()] = it.value();
            continue;
        }
        if (old->is_object() && it.value().is_object()) {
            Json sub = createMergePatch(*old, it.value());
            if (!sub.empty())
                patch[it.key()] = sub;
            continue;
        }
        if (*old != it.value())
            patch[it.key()] = it.value();
    }
    return patch;
}

// defaultEnvEditor: $KUBE_EDITOR, then $EDITOR, else vi.
std::string editorCommand(KubectlContext& ctx) {
    for (const char* env : {"KUBE_EDITOR", "EDITOR"}) {
        std::string v = ctx.getenv ? ctx.getenv(env) : "";
        if (!v.empty())
            return v;
    }
    return "vi";
}

}  // namespace

CommandResult kubectlEdit(KubectlContext& ctx, const std::vector<std::string>& args) {
    CommandFlags flags("kubectl edit");
    addPrintFlags(flags);
    flags.stringSlice("filename", "f")
        .boolean("recursive", "R")
        .string("kustomize", "k")
        .boolean("windows-line-endings")
        .boolean("save-config")
        .string("validate", "", "strict")
        .noOptDefault("validate", "strict")
        .string("field-manager", "", "kubectl-edit")
        .string("subresource")
        .boolean("output-patch");
    CommandResult res;
    if (!parseCommandFlags(ctx, flags, args, res))
        return res;
    ResourceQuery q;
    q.args = flags.args();
    q.ns = commandNamespace(ctx, flags);
    if (q.args.empty())
        return res.append(CommandResult::failure(noResourcesError()));
    ResourceResult found = resolveResources(ctx, q);
    if (!found.ok())
        return res.append(CommandResult::failure(found.error));
    for (const std::string& e : found.itemErrors)
        res.err += e;
    if (!found.itemErrors.empty())
        res.exitCode = 1;
    if (found.targets.empty())
        return res;
    if (!ctx.runShell || !ctx.shellFs)
        return res.append(CommandResult::failure("error: unable to launch the editor \"vi\"\n"));

    // The objects as the editor sees them: one object, or a List of several.
    std::vector<Json> originals;
    for (ResourceTarget& t : found.targets) {
        Json obj = t.object;
        if (obj.contains("metadata"))
            obj["metadata"].erase("managedFields");
        originals.push_back(std::move(obj));
    }
    auto docOf = [](const std::vector<Json>& objs) {
        return objs.size() == 1 ? objs[0] : codec::kubectlList(objs);
    };
    const std::string objectYaml = codec::toYamlText(docOf(originals));
    const std::string editor = editorCommand(ctx);

    std::vector<EditReason> reasons;
    bool containsError = false;
    std::string original;  // the text the editor was given (header included)
    std::string edited;    // what the editor left
    std::string file;
    std::string resultsFile;  // the file of the last pass that got as far as parsing
    // preservedFile: points to the copy of the edits, if there is one.
    auto preserved = [&](const std::string& error, const std::string& path) {
        if (!path.empty() && ctx.shellFs->readFile(path))
            res.err += "A copy of your changes has been stored to \"" + path + "\"\n";
        return res.append(CommandResult::failure(error));
    };

    for (int pass = 0;; ++pass) {
        std::string buf = headerText(reasons);
        if (!containsError) {
            buf += objectYaml;
            original = buf;
        } else {
            buf += manualStrip(edited);
        }
        const std::string editedBefore = edited;
        // LaunchTempFile: a new temp file each time the editor opens.
        // SIMPLIFICATION: its random part comes from the virtual clock.
        file = "/tmp/kubectl-edit-" + std::to_string(100000000 + (ctx.cluster.now().ms + pass * 7919) % 900000000) +
               ".yaml";
        if (!ctx.shellFs->writeFile(file, buf))
            return res.append(CommandResult::failure("error: open " + file + ": permission denied\n"));
        CommandResult ran = ctx.runShell(editor + " " + file);
        res.out += ran.out;
        if (ran.exitCode != 0) {
            // exec.ErrNotFound (127 from our shell) vs. an editor that failed.
            if (ran.exitCode == 127)
                return preserved("error: unable to launch the editor \"" + editor + "\"\n", resultsFile);
            return preserved("error: there was a problem with the editor \"" + editor + "\"\n", resultsFile);
        }
        edited = ctx.shellFs->readFile(file).value_or("");
        if (containsError && manualStrip(editedBefore) == manualStrip(edited))
            return preserved("error: Edit cancelled, no valid changes were saved.\n", file);
        if (manualStrip(original) == manualStrip(edited)) {
            res.err += "Edit cancelled, no changes made.\n";
            return res;
        }
        if (!hasLines(manualStrip(edited))) {
            res.err += "Edit cancelled, saved file was empty.\n";
            return res;
        }
        reasons.clear();
        resultsFile = file;
        codec::DecodeResult decoded = codec::decodeYamlStream(manualStrip(edited));
        if (!decoded.ok() || decoded.documents.empty()) {
            containsError = true;
            reasons.push_back({"The edited file had a syntax error: " + decoded.error, {}});
            continue;
        }
        containsError = false;
        std::vector<Json> updated;
        for (const codec::YamlDocument& d : decoded.documents)
            for (Json& o : codec::flattenList(d.value))
                updated.push_back(std::move(o));

        // visitToPatch: each edited object against its original.
        bool retryable = false, notFound = false;
        for (const Json& obj : updated) {
            size_t idx = found.targets.size();
            for (size_t i = 0; i < found.targets.size(); ++i)
                if (stringAt(originals[i], "metadata.name") == stringAt(obj, "metadata.name") &&
                    stringAt(originals[i], "kind") == stringAt(obj, "kind") &&
                    stringAt(originals[i], "apiVersion") == stringAt(obj, "apiVersion"))
                    idx = i;
            if (idx == found.targets.size())
                return preserved("error: At least one of apiVersion, kind and name was changed\n", resultsFile);
            const ResourceTarget& t = found.targets[idx];
            const Json& orig = originals[idx];
            const std::string resourceString =
                t.resource->resource + (t.resource->group.empty() ? "" : "." + t.resource->group);
            Printer printer;
            std::string perr;
            if (orig == obj) {
                if (!Printer::make(flags, "skipped", DryRunStrategy::None, printer, perr))
                    return res.append(CommandResult::failure(perr));
                res.out += printer.print(obj, false);
                continue;
            }
            WriteOptions opts;
            opts.actor = opts.fieldManager = flags.str("field-manager");
            ApiResponse resp = ctx.cluster.apiServer().patch(*t.resource, t.ns, t.name, PatchType::MergePatch,
                                                             createMergePatch(orig, obj).dump(), opts);
            if (!resp.ok()) {
                // editResults.addError.
                if (resp.status.isInvalid()) {
                    EditReason r{resourceString + " \"" + t.name + "\" was not valid", {}};
                    for (const StatusCause& c : resp.status.details().causes)
                        r.other.push_back(c.field + ": " + c.message);
                    reasons.push_back(r);
                    res.err += "error: " + resourceString + " \"" + t.name + "\" is invalid\n";
                } else if (resp.status.isNotFound()) {
                    notFound = true;
                    res.err += "error: " + resourceString + " \"" + t.name + "\" could not be found on the server\n";
                } else {
                    retryable = true;
                    res.err += "error: " + resourceString + " \"" + t.name + "\" could not be patched: " +
                               resp.status.message() + "\n";
                }
                continue;
            }
            if (!Printer::make(flags, "edited", DryRunStrategy::None, printer, perr))
                return res.append(CommandResult::failure(perr));
            res.out += printer.print(resp.object, false);
        }
        ctx.cluster.runUntilIdle();
        if (retryable) {
            res.err += "You can run `kubectl replace -f " + file + "` to try this update again.\n";
            res.exitCode = 1;
            return res;
        }
        if (notFound) {
            res.err += "The edits you made on deleted resources have been saved to \"" + file + "\"\n";
            res.exitCode = 1;
            return res;
        }
        if (reasons.empty())
            return res;
        containsError = true;
    }
}

}  // namespace kp::cli
