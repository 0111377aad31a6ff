#include "cli/kubectl/help.h"

#include <map>
#include <vector>

#include "cli/kubectl/print_flags.h"

namespace kp::cli {
namespace {

struct Example {
    const char* comment;
    const char* command;
};

struct CommandText {
    const char* shortText;  // the line in `kubectl`'s command list
    const char* longText;   // the top of the --help page ("" = shortText + ".")
    const char* usage;      // after "Usage:\n  "
    std::vector<Example> examples;
};

// kubeplay's words for each command; layout and usage lines follow kubectl.
const std::map<std::string, CommandText>& commandTexts() {
    static const std::map<std::string, CommandText> texts = {
        {"kubectl annotate",
         {"Add or change annotations on objects", "", "kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
          {{"Note why a deployment changed", "kubectl annotate deployment web kubernetes.io/change-cause=\"new image\""}}}},
        {"kubectl apply",
         {"Create or update objects from manifest files or stdin",
          "Make the cluster match the objects described in manifest files (YAML or JSON), creating the\n"
          "ones that do not exist and updating the ones that do. kubectl remembers what it applied in\n"
          "an annotation, so that fields removed from the file are removed from the object too.",
          "kubectl apply (-f FILENAME | -k DIRECTORY) [options]",
          {{"Create or update everything described in web.yaml", "kubectl apply -f web.yaml"},
           {"Read the manifest from standard input", "cat web.yaml | kubectl apply -f -"}}}},
        {"kubectl autoscale",
         {"Scale a workload automatically with a HorizontalPodAutoscaler", "",
          "kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]",
          {{"Keep the web deployment between 2 and 5 pods at 80% CPU", "kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=80"}}}},
        {"kubectl cordon",
         {"Mark a node as unschedulable",
          "Mark a node as unschedulable: the scheduler stops placing new pods on it. Pods already\n"
          "running there keep running.",
          "kubectl cordon NODE [options]",
          {{"Stop scheduling new pods on node minikube-m02", "kubectl cordon minikube-m02"}}}},
        {"kubectl create",
         {"Create an object from a file, stdin or a generator", "", "kubectl create -f FILENAME [options]",
          {{"Create the objects in web.yaml (fails if they exist)", "kubectl create -f web.yaml"}}}},
        {"kubectl delete",
         {"Delete objects by file, type and name, or label selector", "",
          "kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]",
          {{"Delete the deployment web", "kubectl delete deployment web"},
           {"Delete the pods labelled app=web", "kubectl delete pods -l app=web"}}}},
        {"kubectl describe",
         {"Show the details of objects, with their recent events", "",
          "kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]",
          {{"Everything about the node minikube", "kubectl describe node minikube"}}}},
        {"kubectl drain",
         {"Empty a node before maintenance",
          "Prepare a node for maintenance: mark it unschedulable, then evict the pods running on it so\n"
          "that their controllers start replacements elsewhere.\n"
          "\n"
          " Evictions go through the API's eviction endpoint, so PodDisruptionBudgets are respected: an\n"
          "eviction a budget forbids is retried until it is allowed or --timeout passes. Without extra\n"
          "flags, drain refuses to touch pods no controller would replace (--force), pods of a DaemonSet\n"
          "(--ignore-daemonsets skips them) and pods with emptyDir data (--delete-emptydir-data).\n"
          "\n"
          " When the maintenance is over, make the node schedulable again with 'kubectl uncordon'.",
          "kubectl drain NODE [options]",
          {{"Evict the pods of minikube-m02, leaving the DaemonSet pods alone", "kubectl drain minikube-m02 --ignore-daemonsets"},
           {"Also delete pods without a controller, and give up after two minutes",
            "kubectl drain minikube-m02 --ignore-daemonsets --force --timeout=2m"}}}},
        {"kubectl edit",
         {"Edit an object in your editor",
          "Open an object in a text editor and send your changes to the server when you save and quit.\n"
          "\n"
          " The editor is the command in KUBE_EDITOR, else EDITOR, else vi. Saving the file unchanged\n"
          "cancels the edit. When the server rejects the change, the file is opened again with the\n"
          "reasons at the top; quitting without fixing it keeps a copy in a temporary file.",
          "kubectl edit (RESOURCE/NAME | -f FILENAME) [options]",
          {{"Edit the service web", "kubectl edit svc/web"},
           {"Change the image with a scripted editor", "KUBE_EDITOR='sed -i s/nginx:1.26/nginx:1.27/' kubectl edit deployment web"}}}},
        {"kubectl exec",
         {"Run a command in a container", "", "kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]",
          {{"Open a shell in the pod web", "kubectl exec -it web -- sh"}}}},
        {"kubectl expose",
         {"Put a Service in front of a deployment, pod or replica set", "",
          "kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]",
          {{"Expose the deployment web on a NodePort", "kubectl expose deployment web --type=NodePort --port=80"}}}},
        {"kubectl get",
         {"List objects or show one",
          "List objects of one or more types, or show single objects, as a table of their most useful\n"
          "fields. Narrow the list with a label selector (-l) or a field selector; namespaced types are\n"
          "listed in the current namespace unless you name one (-n) or ask for all (-A).\n"
          "\n"
          " Other output formats show whole objects (-o yaml, -o json), only some fields\n"
          "(-o jsonpath=..., -o custom-columns=...) or whatever a Go template prints (-o go-template=...).\n"
          "\n"
          "Use \"kubectl api-resources\" for a complete list of supported resources.",
          "kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]",
          {{"The pods of the current namespace", "kubectl get pods"},
           {"Nodes with their IP addresses and more", "kubectl get nodes -o wide"},
           {"One deployment as YAML", "kubectl get deployment web -o yaml"},
           {"Pods and services together", "kubectl get pods,services"},
           {"Pod names, one per line, with a Go template",
            "kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{\"\\n\"}}{{end}}'"},
           {"The node port of a service", "kubectl get service web -o go-template='{{(index .spec.ports 0).nodePort}}'"},
           {"Chosen fields as columns", "kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName"},
           {"Everything in every namespace", "kubectl get all -A"}}}},
        {"kubectl label",
         {"Add or change labels on objects", "", "kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
          {{"Label the pod web with version=v1", "kubectl label pods web version=v1"}}}},
        {"kubectl logs",
         {"Print what a container wrote to its output", "", "kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]",
          {{"The logs of the pod web", "kubectl logs web"}}}},
        {"kubectl patch",
         {"Change fields of an object with a patch", "", "kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]",
          {{"Set the replicas of web to 3", "kubectl patch deployment web -p '{\"spec\":{\"replicas\":3}}'"}}}},
        {"kubectl replace",
         {"Replace objects with the content of manifest files",
          "Replace objects with the ones a manifest describes: the whole object is sent, so fields the\n"
          "file leaves out are gone afterwards. The objects must exist. With --force they are deleted\n"
          "and created again.",
          "kubectl replace -f FILENAME [options]",
          {{"Replace the configmap described in cfg.yaml", "kubectl replace -f cfg.yaml"},
           {"Delete and create it again", "kubectl replace --force -f cfg.yaml"}}}},
        {"kubectl rollout",
         {"Follow, pause, resume, restart or undo a rollout", "", "kubectl rollout SUBCOMMAND [options]",
          {{"Wait until the deployment web has rolled out", "kubectl rollout status deployment/web"}}}},
        {"kubectl run",
         {"Start a pod from an image", "", "kubectl run NAME --image=image [--env=\"key=value\"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]",
          {{"Start an nginx pod", "kubectl run web --image=nginx"}}}},
        {"kubectl scale",
         {"Change the number of replicas of a workload", "",
          "kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]",
          {{"Run 4 replicas of web", "kubectl scale deployment/web --replicas=4"}}}},
        {"kubectl set",
         {"Change image, environment or resources of workloads", "", "kubectl set SUBCOMMAND [options]",
          {{"Use nginx:1.27 in the container nginx of web", "kubectl set image deployment/web nginx=nginx:1.27"}}}},
        {"kubectl top",
         {"Show CPU and memory use of nodes and pods", "", "kubectl top [flags] [options]",
          {{"Resource use of the nodes", "kubectl top nodes"}}}},
        {"kubectl uncordon",
         {"Mark a node as schedulable again",
          "Mark a node as schedulable again, so that the scheduler can place new pods on it.",
          "kubectl uncordon NODE [options]",
          {{"Allow pods on minikube-m02 again", "kubectl uncordon minikube-m02"}}}},
        {"kubectl version",
         {"Print the versions of kubectl and of the cluster", "", "kubectl version [flags] [options]",
          {{"Client and server versions", "kubectl version"}}}},
    };
    return texts;
}

// Flag usages in kubeplay's words, by flag name ("command flag" overrides for one command).
std::string flagUsage(const std::string& command, const std::string& flag) {
    static const std::map<std::string, std::string> byCommand = {
        {"kubectl drain --selector", "Drain the nodes that match this label selector instead of naming one."},
        {"kubectl cordon --selector", "Act on the nodes that match this label selector instead of naming one."},
        {"kubectl uncordon --selector", "Act on the nodes that match this label selector instead of naming one."},
        {"kubectl drain --force", "Also delete pods that no controller (ReplicaSet, Job, DaemonSet, StatefulSet) manages; nothing will recreate them."},
        {"kubectl drain --grace-period", "Seconds each pod gets to shut down; a negative value keeps the pod's own terminationGracePeriodSeconds."},
        {"kubectl drain --timeout", "How long to wait before giving up; 0 waits forever."},
        {"kubectl replace --force", "Delete the objects and create them again instead of updating them."},
        {"kubectl replace --grace-period", "With --force: seconds each deleted object gets to shut down; negative keeps its own default."},
        {"kubectl replace --timeout", "With --force: how long to wait for the deletion before creating again; 0 picks a timeout from the object's size."},
        {"kubectl replace --filename", "Manifest files (or a folder, or - for stdin) describing the objects to replace."},
        {"kubectl edit --filename", "Manifest files naming the objects to edit."},
        {"kubectl get --filename", "Manifest files naming the objects to show."},
        {"kubectl replace --field-manager", "The name recorded as the owner of the fields this command sets."},
        {"kubectl edit --field-manager", "The name recorded as the owner of the fields this command sets."},
    };
    static const std::map<std::string, std::string> common = {
        {"all-namespaces", "List objects of every namespace, not only the current one; the namespace flag is ignored."},
        {"allow-missing-template-keys", "When true, a template field or map key that does not exist prints nothing instead of failing. For go-template and jsonpath output."},
        {"cascade", "What happens to the dependents of a deleted object: \"background\", \"foreground\" or \"orphan\"."},
        {"chunk-size", "Read large lists in pages of this many objects; 0 reads them at once."},
        {"delete-emptydir-data", "Also evict pods that keep data in emptyDir volumes; that data is lost."},
        {"disable-eviction", "Delete pods directly instead of evicting them, ignoring PodDisruptionBudgets. Use with care."},
        {"dry-run", "\"none\", \"client\" or \"server\". With client, print the object that would be sent and send nothing; with server, the server checks the request but stores nothing."},
        {"field-selector", "Select objects by field values, e.g. status.phase=Running or spec.nodeName=minikube (=, == and != are supported)."},
        {"ignore-daemonsets", "Leave pods of DaemonSets on the node instead of refusing to drain it."},
        {"ignore-not-found", "Print nothing, instead of an error, when a named object does not exist."},
        {"kustomize", "Read the objects from a kustomization folder (cannot be combined with -f or -R)."},
        {"label-columns", "Extra columns showing the values of these labels (repeat the flag or separate keys with commas)."},
        {"no-headers", "Leave out the header line of tables and custom columns."},
        {"output", "The output format: json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file or wide."},
        {"output-patch", "Print the patch sent for the edit."},
        {"output-watch-events", "With --watch, print the type of each event (ADDED, MODIFIED, DELETED) too."},
        {"pod-selector", "Only evict the pods that match this label selector."},
        {"raw", "A raw URI to send the request to, with the transport of the kubeconfig."},
        {"recursive", "Also read manifests in the folders below the one given with -f."},
        {"save-config", "Record the new configuration in the object's last-applied annotation, for later kubectl apply."},
        {"selector", "A label selector (=, == and != are supported) that objects must match, e.g. -l app=web,tier!=db."},
        {"server-print", "Let the server choose the table columns; when false, only NAME and AGE are printed."},
        {"show-kind", "Prefix each name with its type, even when only one type is listed."},
        {"show-labels", "Add a LABELS column with every label of each object."},
        {"show-managed-fields", "Keep metadata.managedFields in JSON and YAML output."},
        {"skip-wait-for-delete-timeout", "Do not wait for pods whose deletion started more than this many seconds ago; 0 always waits."},
        {"sort-by", "Sort the list by the value at this JSONPath, e.g. '{.metadata.name}' or .status.startTime."},
        {"subresource", "Work on this subresource of the object (status, scale) instead of the object itself."},
        {"template", "The template (or template file) for -o go-template, go-template-file, jsonpath or custom-columns."},
        {"validate", "\"strict\", \"warn\" or \"ignore\": how to treat fields the schema does not know."},
        {"watch", "After listing, keep printing the changes of the objects."},
        {"watch-only", "Print only the changes of the objects, not the current list."},
        {"wait", "With --force: wait until the deleted objects are gone before creating them again."},
        {"windows-line-endings", "Give the editor a file with Windows line endings."},
    };
    if (auto it = byCommand.find(command + " --" + flag); it != byCommand.end())
        return it->second;
    if (auto it = common.find(flag); it != common.end())
        return it->second;
    return "";
}

std::string firstWordsAfterKubectl(const std::string& path) {
    return path.rfind("kubectl ", 0) == 0 ? path.substr(8) : path;
}

}  // namespace

std::string commandHelp(const CommandFlags& flags) {
    const std::string& path = flags.commandPath();
    auto it = commandTexts().find(path);
    std::string out;
    std::string usage = path + " [options]";
    if (it != commandTexts().end()) {
        const CommandText& t = it->second;
        out += (*t.longText ? std::string(t.longText) : std::string(t.shortText) + ".") + "\n\n";
        if (!t.examples.empty()) {
            out += "Examples:\n";
            for (size_t i = 0; i < t.examples.size(); ++i) {
                if (i)
                    out += "  \n";
                out += std::string("  # ") + t.examples[i].comment + "\n  " + t.examples[i].command + "\n";
            }
            out += "\n";
        }
        usage = t.usage;
    } else {
        // SIMPLIFICATION: commands without a description yet show their flags only.
        out += firstWordsAfterKubectl(path) + ": see \"Options\" below.\n\n";
    }
    const std::string options = flags.optionsHelp([&](const std::string& f) { return flagUsage(path, f); });
    if (!options.empty())
        out += "Options:\n" + options;
    out += "Usage:\n  " + usage + "\n\n";
    out += "Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n";
    return out;
}

std::string kubectlOverview() {
    // kubectl's groups. SIMPLIFICATION: only the commands kubeplay has are listed.
    struct Group {
        const char* title;
        std::vector<const char*> commands;
    };
    static const std::vector<Group> groups = {
        {"Basic Commands (Beginner)", {"create", "expose", "run", "set"}},
        {"Basic Commands (Intermediate)", {"explain", "get", "edit", "delete"}},
        {"Deploy Commands", {"rollout", "scale", "autoscale"}},
        {"Cluster Management Commands", {"cluster-info", "top", "cordon", "uncordon", "drain", "taint"}},
        {"Troubleshooting and Debugging Commands", {"describe", "logs", "exec"}},
        {"Advanced Commands", {"apply", "patch", "replace", "wait"}},
        {"Settings Commands", {"label", "annotate"}},
        {"Other Commands", {"api-resources", "api-versions", "config", "version"}},
    };
    static const std::map<std::string, std::string> others = {
        {"explain", "Describe the fields of a resource type"},
        {"cluster-info", "Show where the control plane and cluster services run"},
        {"taint", "Add or remove taints on nodes"},
        {"wait", "Wait until objects reach a condition"},
        {"api-resources", "List the resource types the server offers"},
        {"api-versions", "List the API group versions the server offers"},
        {"config", "Read and change kubeconfig files"},
    };
    std::string out =
        "kubectl controls the Kubernetes cluster manager.\n\n Find more information at: "
        "https://kubernetes.io/docs/reference/kubectl/\n\n";
    for (const Group& g : groups) {
        out += std::string(g.title) + ":\n";
        for (const char* c : g.commands) {
            std::string text;
            if (auto it = commandTexts().find(std::string("kubectl ") + c); it != commandTexts().end())
                text = it->second.shortText;
            else if (auto o = others.find(c); o != others.end())
                text = o->second;
            std::string name = c;
            name.resize(std::max<size_t>(name.size() + 1, 16), ' ');
            out += "  " + name + text + "\n";
        }
        out += "\n";
    }
    out += "Usage:\n  kubectl [flags] [options]\n\n";
    out += "Use \"kubectl <command> --help\" for more information about a given command.\n";
    out += "Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n";
    return out;
}

bool helpFlagsOf(const std::string& command, CommandFlags& flags) {
    // SIMPLIFICATION: these commands read their arguments with the older parser; the flags they
    // accept are declared here for --help.
    if (command == "get") {
        addPrintFlags(flags);
        flags.boolean("all-namespaces", "A")
            .integer("chunk-size", "", 500)
            .string("field-selector")
            .stringSlice("filename", "f")
            .boolean("ignore-not-found")
            .string("kustomize", "k")
            .stringSlice("label-columns", "L")
            .boolean("no-headers")
            .boolean("output-watch-events")
            .string("raw")
            .boolean("recursive", "R")
            .string("selector", "l")
            .boolean("server-print", "", true)
            .boolean("show-kind")
            .boolean("show-labels")
            .string("sort-by")
            .string("subresource")
            .boolean("watch", "w")
            .boolean("watch-only");
        return true;
    }
    return false;
}

}  // namespace kp::cli
