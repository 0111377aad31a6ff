#include "cli/kubectl/help.h"
#include "cli/kubectl/pod_commands.h"

#include <algorithm>
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
        {"kubectl completion",
         {"Print a script that completes kubectl commands in a shell",
          "Print a script that teaches a shell (bash, zsh, fish or powershell) to complete kubectl's\n"
          "commands, flags, resource types and object names with Tab. Load it in the current shell, or\n"
          "save it to a file your shell's profile loads at startup.",
          "kubectl completion SHELL [options]",
          {{"Complete kubectl in this bash", "source <(kubectl completion bash)"},
           {"Save the bash script to a file to source from ~/.bashrc", "kubectl completion bash > ~/.kube/completion.bash.inc"},
           {"Complete kubectl in zsh", "source <(kubectl completion zsh)"},
           {"Complete kubectl in fish", "kubectl completion fish | source"},
           {"Complete kubectl in powershell", "kubectl completion powershell | Out-String | Invoke-Expression"}}}},
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
        {"kubectl diff",
         {"Show what applying manifest files would change",
          "Compare the objects as they are in the cluster with what `kubectl apply -f` would make of them,\n"
          "using the server's dry run, and print the difference as `diff -u` does. Nothing is changed.\n"
          "The exit status is 0 when nothing would change, 1 when something would, and more than 1\n"
          "when kubectl or diff failed. Secret data is shown masked.",
          "kubectl diff -f FILENAME [options]",
          {{"See what applying web.yaml would change", "kubectl diff -f web.yaml"},
           {"Compare a manifest read from standard input", "cat web.yaml | kubectl diff -f -"}}}},
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
         {"Print the versions of kubectl and of the cluster",
          "Print the version of kubectl and, when the cluster answers, the version of its API server.",
          "kubectl version [flags] [options]",
          {{"Client and server versions", "kubectl version"}}}},
        {"kubectl create deployment",
         {"Create a deployment that runs an image", "", "kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]",
          {{"A deployment web running nginx with 3 replicas", "kubectl create deployment web --image=nginx --replicas=3"}, {"A command after -- becomes the container's command", "kubectl create deployment echo --image=registry.k8s.io/e2e-test-images/agnhost:2.39 -- /agnhost netexec --http-port=8080"}}}},
        {"kubectl create namespace",
         {"Create a namespace", "", "kubectl create namespace NAME [--dry-run=server|client|none] [options]",
          {{"A namespace for the demo", "kubectl create namespace demo"}}}},
        {"kubectl create configmap",
         {"Create a configmap from files, folders or literal values", "", "kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]",
          {{"A configmap with two keys", "kubectl create configmap cfg --from-literal=mode=dev --from-literal=level=3"}}}},
        {"kubectl create secret generic",
         {"Create a secret from files, folders or literal values", "", "kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]",
          {{"A secret holding a password", "kubectl create secret generic db --from-literal=password=s3cret"}}}},
        {"kubectl create service clusterip",
         {"Create a ClusterIP service", "", "kubectl create service clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]",
          {{"Port 80 sent to the pods' port 8080", "kubectl create service clusterip web --tcp=80:8080"}}}},
        {"kubectl create service nodeport",
         {"Create a NodePort service", "", "kubectl create service nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]",
          {{"Port 80 on every node's port 30080", "kubectl create service nodeport web --tcp=80:80 --node-port=30080"}}}},
        {"kubectl create service loadbalancer",
         {"Create a LoadBalancer service", "", "kubectl create service loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]",
          {{"A load balancer on port 80", "kubectl create service loadbalancer web --tcp=80:80"}}}},
        {"kubectl create job",
         {"Create a job that runs an image to completion", "", "kubectl create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]",
          {{"A job that prints the date", "kubectl create job once --image=busybox -- date"}}}},
        {"kubectl create cronjob",
         {"Create a cronjob that starts a job on a schedule", "", "kubectl create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]",
          {{"Print the date every five minutes", "kubectl create cronjob tick --image=busybox --schedule=\"*/5 * * * *\" -- date"}}}},
        {"kubectl create ingress",
         {"Create an ingress from host/path rules", "", "kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]",
          {{"Send hello.example/ to the service web", "kubectl create ingress web --rule=\"hello.example/=web:80\""}}}},
        {"kubectl create serviceaccount",
         {"Create a service account", "", "kubectl create serviceaccount NAME [--dry-run=server|client|none] [options]",
          {{"A service account for the builds", "kubectl create serviceaccount builder"}}}},
        {"kubectl set image",
         {"Change the image of containers", "", "kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]",
          {{"Run nginx:1.27 in the container nginx of web", "kubectl set image deployment/web nginx=nginx:1.27"}}}},
        {"kubectl set env",
         {"Set or remove environment variables of containers", "", "kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]",
          {{"Set MODE=dev in every container of web", "kubectl set env deployment/web MODE=dev"}}}},
        {"kubectl set resources",
         {"Set resource requests and limits of containers", "", "kubectl set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]",
          {{"Limit web's containers to half a CPU", "kubectl set resources deployment web --limits=cpu=500m"}}}},
        {"kubectl rollout status",
         {"Wait for a rollout to finish and report its progress", "", "kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]",
          {{"Follow the rollout of web", "kubectl rollout status deployment/web"}}}},
        {"kubectl rollout undo",
         {"Go back to an earlier revision", "", "kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]",
          {{"Back to the previous revision", "kubectl rollout undo deployment/web"}}}},
        {"kubectl rollout history",
         {"List the revisions of a rollout", "", "kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]",
          {{"The revisions of web", "kubectl rollout history deployment/web"}}}},
        {"kubectl rollout restart",
         {"Replace every pod of a workload, one batch after another", "", "kubectl rollout restart RESOURCE [options]",
          {{"New pods for web", "kubectl rollout restart deployment/web"}}}},
        {"kubectl rollout pause",
         {"Stop a rollout from going on", "", "kubectl rollout pause RESOURCE [options]",
          {{"Pause the rollout of web", "kubectl rollout pause deployment/web"}}}},
        {"kubectl rollout resume",
         {"Let a paused rollout go on", "", "kubectl rollout resume RESOURCE [options]",
          {{"Resume the rollout of web", "kubectl rollout resume deployment/web"}}}},
        {"kubectl top pod",
         {"Show CPU and memory use of pods", "", "kubectl top pod [NAME | -l label] [options]",
          {{"The pods of every namespace", "kubectl top pod -A"}}}},
        {"kubectl top node",
         {"Show CPU and memory use of nodes", "", "kubectl top node [NAME | -l label] [options]",
          {{"All nodes", "kubectl top node"}}}},
        {"kubectl taint",
         {"Add or remove taints on nodes", "", "kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]",
          {{"Keep pods without a toleration off minikube-m02", "kubectl taint nodes minikube-m02 dedicated=gpu:NoSchedule"}, {"Remove that taint", "kubectl taint nodes minikube-m02 dedicated=gpu:NoSchedule-"}}}},
        {"kubectl wait",
         {"Wait until objects reach a condition", "", "kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
          {{"Wait until the pods of web are ready", "kubectl wait --for=condition=Ready pod -l app=web --timeout=60s"}}}},
        {"kubectl explain",
         {"Describe the fields of a resource type", "", "kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]",
          {{"The fields of a pod's spec", "kubectl explain pods.spec"}}}},
        {"kubectl cluster-info",
         {"Show where the control plane and cluster services run", "", "kubectl cluster-info [flags] [options]",
          {{"Addresses of the control plane and services", "kubectl cluster-info"}}}},
        {"kubectl api-resources",
         {"List the resource types the server offers", "", "kubectl api-resources [flags] [options]",
          {{"Every type with its short names", "kubectl api-resources"}}}},
        {"kubectl api-versions",
         {"List the API group versions the server offers", "", "kubectl api-versions [options]",
          {{"Every group/version", "kubectl api-versions"}}}},
        {"kubectl config view",
         {"Show the kubeconfig", "", "kubectl config view [flags] [options]",
          {{"The settings of the current context only", "kubectl config view --minify"}}}},
        {"kubectl config current-context",
         {"Print the name of the current context", "", "kubectl config current-context [flags] [options]",
          {{"Which context kubectl uses now", "kubectl config current-context"}}}},
        {"kubectl config get-contexts",
         {"List the contexts of the kubeconfig, or some of them",
          "List the contexts of the kubeconfig with their cluster, user and namespace; a star marks the\n"
          "current one.",
          "kubectl config get-contexts [(-o|--output=)name)] [options]",
          {{"Every context", "kubectl config get-contexts"}, {"Only the context minikube", "kubectl config get-contexts minikube"}}}},
        {"kubectl config get-clusters",
         {"List the clusters of the kubeconfig", "", "kubectl config get-clusters [flags] [options]",
          {{"The names of the cluster entries", "kubectl config get-clusters"}}}},
        {"kubectl config get-users",
         {"List the users of the kubeconfig", "", "kubectl config get-users [flags] [options]",
          {{"The names of the user entries", "kubectl config get-users"}}}},
        {"kubectl config set-context",
         {"Create or change a context entry",
          "Create a context of the kubeconfig, or change one: the cluster, user and namespace given as\n"
          "flags replace those of an existing context, the others stay as they are.",
          "kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] "
          "[--namespace=namespace] [options]",
          {{"Make kube-system the default namespace of the current context",
            "kubectl config set-context --current --namespace=kube-system"},
           {"A context dev that pairs the cluster dev with the user alice",
            "kubectl config set-context dev --cluster=dev --user=alice"}}}},
        {"kubectl config use-context",
         {"Switch to another context",
          "Make another context of the kubeconfig the current one: the cluster, user and namespace kubectl\n"
          "uses from now on.",
          "kubectl config use-context CONTEXT_NAME [options]",
          {{"Talk to the minikube cluster again", "kubectl config use-context minikube"}}}},
        {"kubectl config rename-context",
         {"Give a context another name",
          "Give a context of the kubeconfig another name. When it is the current context, current-context\n"
          "follows the new name.",
          "kubectl config rename-context CONTEXT_NAME NEW_NAME [options]",
          {{"Call the context minikube local instead", "kubectl config rename-context minikube local"}}}},
        {"kubectl config delete-cluster",
         {"Remove a cluster entry from the kubeconfig", "", "kubectl config delete-cluster NAME [options]",
          {{"Remove the cluster entry dev", "kubectl config delete-cluster dev"}}}},
        {"kubectl config delete-context",
         {"Remove a context entry from the kubeconfig", "", "kubectl config delete-context NAME [options]",
          {{"Remove the context dev", "kubectl config delete-context dev"}}}},
        {"kubectl config delete-user",
         {"Remove a user entry from the kubeconfig", "", "kubectl config delete-user NAME [options]",
          {{"Remove the user entry alice", "kubectl config delete-user alice"}}}},
        {"kubectl config set-cluster",
         {"Create or change a cluster entry",
          "Create a cluster entry of the kubeconfig, or change one: the fields given as flags replace\n"
          "those of an existing entry, the others stay as they are.",
          "kubectl config set-cluster NAME [--server=server] [--certificate-authority=path/to/certificate/authority] "
          "[--insecure-skip-tls-verify=true] [--tls-server-name=example.com] [options]",
          {{"Point the cluster entry dev at another API server", "kubectl config set-cluster dev --server=https://10.0.0.1:6443"},
           {"Copy the CA certificate into the kubeconfig instead of naming its file",
            "kubectl config set-cluster dev --certificate-authority=ca.crt --embed-certs"},
           {"Skip checking the server's certificate (test clusters only)",
            "kubectl config set-cluster dev --insecure-skip-tls-verify"}}}},
        {"kubectl config set-credentials",
         {"Create or change a user entry",
          "Create a user entry of the kubeconfig, or change one: the fields given as flags replace those\n"
          "of an existing entry, the others stay as they are.\n"
          "\n"
          " A user signs in with one of:\n"
          "\n"
          "  a client certificate: --client-certificate=FILE --client-key=FILE\n"
          "  a bearer token:       --token=TOKEN\n"
          "  a name and password:  --username=NAME --password=PASSWORD\n"
          "  a credential plugin:  --exec-command=PROGRAM (with --exec-arg, --exec-env, --exec-api-version)\n"
          "\n"
          " A token and a name/password cannot be given together; setting one removes the other.",
          "kubectl config set-credentials NAME [--client-certificate=path/to/certfile] [--client-key=path/to/keyfile] "
          "[--token=bearer_token] [--username=basic_user] [--password=basic_password] [--auth-provider=provider_name] "
          "[--auth-provider-arg=key=value] [--exec-command=exec_command] [--exec-api-version=exec_api_version] "
          "[--exec-arg=arg] [--exec-env=key=value] [options]",
          {{"Sign in as dev with a client certificate and key",
            "kubectl config set-credentials dev --client-certificate=dev.crt --client-key=dev.key"},
           {"Sign in as ci with a bearer token", "kubectl config set-credentials ci --token=abc123"},
           {"Copy the certificate into the kubeconfig instead of naming its file",
            "kubectl config set-credentials dev --client-certificate=dev.crt --embed-certs"},
           {"Get the credentials from a program", "kubectl config set-credentials cloud --exec-command=get-token "
                                                  "--exec-api-version=client.authentication.k8s.io/v1 --exec-arg=--cluster=dev"},
           {"Remove one environment variable of that program", "kubectl config set-credentials cloud --exec-env=REGION-"}}}},
        {"kubectl config set",
         {"Set one value of the kubeconfig by its dotted path",
          "Set one value of the kubeconfig. PROPERTY_NAME is a path of field names and entry names\n"
          "separated by dots: clusters.NAME.server, contexts.NAME.namespace, users.NAME.token,\n"
          "current-context. Entries that do not exist yet are created.\n"
          "\n"
          " Fields that hold data (certificate-authority-data, client-certificate-data, client-key-data)\n"
          "take the value base64-encoded, or as it is with --set-raw-bytes.",
          "kubectl config set PROPERTY_NAME PROPERTY_VALUE [options]",
          {{"Point the cluster entry dev at another API server", "kubectl config set clusters.dev.server https://10.0.0.1:6443"},
           {"Give the context dev a default namespace", "kubectl config set contexts.dev.namespace team-a"},
           {"Switch to the context dev", "kubectl config set current-context dev"},
           {"Store a key without base64-encoding it first",
            "kubectl config set users.dev.client-key-data \"$(cat dev.key)\" --set-raw-bytes"}}}},
        {"kubectl config unset",
         {"Remove one value of the kubeconfig by its dotted path",
          "Remove one value of the kubeconfig. PROPERTY_NAME is a path of field names and entry names\n"
          "separated by dots, as for \"kubectl config set\"; naming an entry removes the whole entry.",
          "kubectl config unset PROPERTY_NAME [options]",
          {{"Leave no context selected", "kubectl config unset current-context"},
           {"Drop the default namespace of the context dev", "kubectl config unset contexts.dev.namespace"}}}},
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
        {"kubectl replace --wait", "With --force: wait until the deleted objects are gone before creating them again."},
        {"kubectl version --client", "Print only kubectl's version; the server is not asked."},
        {"kubectl version --output", "Print the versions as yaml or json."},
        {"kubectl top pod --sort-by", "Sort the pods by cpu or memory."},
        {"kubectl top node --sort-by", "Sort the nodes by cpu or memory."},
        {"kubectl top pod --containers", "Show the usage of each container."},
        {"kubectl top pod --selector", "Only the pods that match this label selector."},
        {"kubectl top node --selector", "Only the nodes that match this label selector."},
        {"kubectl patch --type", "The kind of patch: json, merge or strategic."},
        {"kubectl delete --output", "Print only \"name\" (kind/name) of each deleted object."},
        {"kubectl delete --wait", "Wait until the objects are gone (finalizers included) before returning."},
        {"kubectl delete --timeout", "How long to wait for the deletion before giving up; 0 picks one from the object's size."},
        {"kubectl apply --wait", "With --prune: wait until the pruned objects are gone."},
        {"kubectl apply --timeout", "With --force: how long to wait for the deletion; 0 picks one from the object's size."},
        {"kubectl apply --all", "With --prune: consider every object of the given types."},
        {"kubectl apply --force", "When an update is refused, delete the object and create it again."},
        {"kubectl exec --filename", "A manifest naming the pod to use."},
        {"kubectl logs --selector", "Print the logs of the pods that match this label selector."},
        {"kubectl describe --selector", "Describe the objects that match this label selector."},
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
        {"show-secrets", "Show the values of Secret data instead of masking them."},
        {"skip-wait-for-delete-timeout", "Do not wait for pods whose deletion started more than this many seconds ago; 0 always waits."},
        {"sort-by", "Sort the list by the value at this JSONPath, e.g. '{.metadata.name}' or .status.startTime."},
        {"subresource", "Work on this subresource of the object (status, scale) instead of the object itself."},
        {"template", "The template (or template file) for -o go-template, go-template-file, jsonpath or custom-columns."},
        {"validate", "\"strict\", \"warn\" or \"ignore\": how to treat fields the schema does not know."},
        {"watch", "After listing, keep printing the changes of the objects."},
        {"watch-only", "Print only the changes of the objects, not the current list."},
        {"all", "Act on every object of the given types in the namespace."},
        {"all-containers", "Print the logs of every container of the pod(s)."},
        {"all-pods", "Print the logs of every pod the selector or workload covers."},
        {"annotation", "An annotation (key=value) to put on the new object; repeat for several."},
        {"annotations", "Annotations (key=value) to put on the new object, separated by commas."},
        {"api-group", "Only list resources of this API group."},
        {"api-version", "The API version to use for the object."},
        {"append-hash", "Append a hash of the content to the name, so that a change makes a new object."},
        {"attach", "Wait for the pod to start and attach to it, as with 'kubectl attach'."},
        {"cached", "Use the cached list of resources, if there is one."},
        {"categories", "Only list resources in these categories."},
        {"cert", "Path to a PEM certificate file for the secret."},
        {"class", "The IngressClass the ingress belongs to."},
        {"cluster-ip", "The ClusterIP to give the service; \"None\" makes a headless service."},
        {"clusterip", "The ClusterIP to give the service; \"None\" makes a headless service."},
        {"command", "Treat the words after -- as the container's command rather than its arguments."},
        {"container", "The container to use; by default the pod's first (or default) container."},
        {"containers", "Only change the containers whose names match this pattern."},
        {"cpu-percent", "The average CPU use (percent of the requests) to aim for; -1 leaves the default."},
        {"current", "Change the current context."},
        {"current-replicas", "Only scale when the current number of replicas is this one."},
        {"default-backend", "The backend (service:port) for requests no rule matches."},
        {"docker-email", "Email for the Docker registry."},
        {"docker-password", "Password for the Docker registry."},
        {"docker-server", "Address of the Docker registry."},
        {"docker-username", "User name for the Docker registry."},
        {"concurrency", "How many objects to compare with their live version at once."},
        {"edit", "Open the object in the editor before creating it."},
        {"env", "Environment variables (NAME=value) to set in the container; repeat for several."},
        {"expose", "Also create a ClusterIP service in front of the pod, on --port."},
        {"external-ip", "An extra external IP address the service accepts traffic on."},
        {"external-name", "The DNS name an ExternalName service points to."},
        {"field-manager", "The name recorded as the owner of the fields this command sets."},
        {"filename", "Manifest files (a folder, or - for standard input) naming the objects."},
        {"flatten", "Put the contents of referenced files into the output instead of their paths."},
        {"follow", "Keep printing new log lines as they are written."},
        {"for", "The condition to wait for: delete, condition=NAME[=VALUE], jsonpath=..., or create."},
        {"force", "Delete at once, without waiting for a graceful shutdown; the object may live on where it runs."},
        {"force-conflicts", "With server-side apply, take over fields other managers own."},
        {"from", "Create the job from this cronjob (cronjob/NAME)."},
        {"from-env-file", "A file of KEY=value lines to read the data from."},
        {"from-file", "A file (or folder) whose content becomes a key; [key=]path picks the key name."},
        {"from-literal", "A key and literal value (key=value) to add; repeat for several."},
        {"grace-period", "Seconds the object gets to shut down; negative keeps its own default, 0 means now (with --force)."},
        {"image", "The container image to run."},
        {"image-pull-policy", "When the kubelet pulls the image: Always, IfNotPresent or Never; empty lets the server decide."},
        {"insecure-skip-tls-verify-backend", "Do not check the kubelet's serving certificate when reading logs."},
        {"interactive", "Ask before deleting each object."},
        {"key", "Path to a PEM private key file for the secret."},
        {"keys", "Only list the keys, not the values."},
        {"labels", "Labels (key=value) to put on the object, separated by commas."},
        {"leave-stdin-open", "Keep the container's standard input open after the first attach ends."},
        {"limit-bytes", "Stop after this many bytes of log; 0 means no limit."},
        {"limits", "Resource limits for the containers, e.g. cpu=200m,memory=512Mi."},
        {"list", "List the current values instead of changing them."},
        {"load-balancer-ip", "The IP address to ask the load balancer for."},
        {"local", "Work on the given files only, without contacting the server."},
        {"max", "The most replicas the autoscaler may run."},
        {"max-log-requests", "How many logs to follow at once with a selector."},
        {"merge", "Merge with the existing values instead of replacing them."},
        {"min", "The fewest replicas the autoscaler keeps; -1 leaves the server's default."},
        {"minify", "Show only what the current context uses."},
        {"name", "The name of the new object."},
        {"namespaced", "true lists only namespaced types, false only cluster-wide ones."},
        {"node-port", "The port on every node for a NodePort service."},
        {"now", "Give the object a one-second grace period (same as --grace-period=1)."},
        {"openapi-patch", "Compute the patch from the server's OpenAPI schema when the type is known."},
        {"override-type", "How --overrides are applied: json, merge or strategic."},
        {"overrides", "Inline JSON merged into the generated object before it is sent."},
        {"overwrite", "Allow replacing values that are already set."},
        {"patch", "The patch to send, in JSON or YAML."},
        {"patch-file", "A file holding the patch to send."},
        {"pod-running-timeout", "How long to wait for at least one pod to be running (e.g. 5s, 2m)."},
        {"port", "The port the container listens on or the service serves on."},
        {"prefix", "Start each log line with the pod and container it came from."},
        {"previous", "Print the logs of the container's previous run, if it restarted."},
        {"privileged", "Run the container privileged."},
        {"protocol", "The network protocol of the service port: TCP, UDP or SCTP."},
        {"prune", "Delete objects that were applied before but are no longer in the files (needs -l or --all)."},
        {"prune-allowlist", "Which types --prune may delete (group/version/kind)."},
        {"quiet", "Print only what the remote command prints."},
        {"record", "Record the command in the kubernetes.io/change-cause annotation (deprecated)."},
        {"replicas", "The number of replicas."},
        {"requests", "Resource requests for the containers, e.g. cpu=100m,memory=256Mi."},
        {"resolve", "Show the values of the references (secrets, configmaps) instead of the references."},
        {"resource-version", "Only change the object if its resourceVersion is still this one."},
        {"restart", "The pod's restart policy: Always, OnFailure or Never."},
        {"revision", "Show the pod template of this revision."},
        {"rm", "Delete the pod when the attached session ends."},
        {"rule", "A rule host/path=service:port[,tls[=secret]]; repeat for several."},
        {"schedule", "The cron schedule of the job, e.g. \"*/5 * * * *\"."},
        {"session-affinity", "\"None\" or \"ClientIP\": whether a client keeps going to the same pod."},
        {"show-capacity", "Also print the node capacity next to the usage."},
        {"show-events", "Also print the object's recent events."},
        {"since", "Only logs newer than this duration (e.g. 5s, 2m, 3h)."},
        {"since-time", "Only logs written after this RFC3339 time."},
        {"stdin", "Pass the terminal's input to the container."},
        {"sum", "Add a line with the totals."},
        {"tail", "Print only the last this many lines; -1 prints all (10 with a selector)."},
        {"target-port", "The container port (number or name) the service sends traffic to."},
        {"tcp", "Port pairs port:targetPort for the service; repeat for several."},
        {"timeout", "How long to wait before giving up (e.g. 30s); 0 waits as long as the command's default."},
        {"timestamps", "Start each log line with its timestamp."},
        {"to-revision", "The revision to go back to; 0 means the one before the current."},
        {"tty", "Give the container a terminal (use with -i)."},
        {"type", "The type of the object (for a service: ClusterIP, NodePort, LoadBalancer or ExternalName)."},
        {"use-protocol-buffers", "Ask the metrics API for protocol buffers."},
        {"verbs", "Only list resources that support these verbs."},
        {"wait", "Wait until the change has taken effect before returning."},
        {"server-side", "Let the server merge the configuration (server-side apply) instead of kubectl."},
        {"ignore-errors", "When following several logs, go on when one of them fails."},
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

namespace {

using SubcommandList = std::vector<std::pair<const char*, const char*>>;

// Commands made only of subcommands (cobra parents without a Run of their own).
struct ParentCommand {
    const char* description;
    const char* aliases;  // "service, svc" or ""
    const char* usage;
    SubcommandList subcommands;
    bool helpOnStdout;  // run without a subcommand: the help goes to stdout (rollout) or stderr
};

// SIMPLIFICATION: only the subcommands kubeplay has are listed.
const std::map<std::string, ParentCommand>& parentCommands() {
    static const std::map<std::string, ParentCommand> parents = {
        {"rollout",
         {"Manage the rollout of a Deployment, DaemonSet or StatefulSet: follow it, look at its history,\n"
          "pause and resume it, restart its pods or go back to an earlier revision.",
          "", "kubectl rollout SUBCOMMAND [options]",
          {{"history", "List the revisions of a rollout"},
           {"pause", "Stop a rollout from going on"},
           {"restart", "Replace every pod of a workload, one batch after another"},
           {"resume", "Let a paused rollout go on"},
           {"status", "Wait for a rollout to finish and report its progress"},
           {"undo", "Go back to an earlier revision"}},
          true}},
        {"set",
         {"Change one part of existing objects: container images, environment variables or resources.", "",
          "kubectl set SUBCOMMAND [options]",
          {{"env", "Set or remove environment variables of containers"},
           {"image", "Change the image of containers"},
           {"resources", "Set resource requests and limits of containers"}},
          false}},
        {"config",
         {"Read and change kubeconfig files: which clusters kubectl knows, the users it signs in as, and\n"
          "the contexts that pair them (with a default namespace), e.g. \"kubectl config set-context\n"
          "--current --namespace=dev\".\n"
          "\n"
          " Which files are read:\n"
          "\n"
          "  1.  --kubeconfig FILE: that file only.\n"
          "  2.  Else the files listed in $KUBECONFIG (separated by colons), merged: for an entry in\n"
          "several files the first one wins. A change goes back to the file the entry came from; a new\n"
          "entry goes to the first listed file that exists, or to the last one when none does.\n"
          "  3.  Else ${HOME}/.kube/config.",
          "", "kubectl config SUBCOMMAND [options]",
          {{"current-context", "Print the name of the current context"},
           {"delete-cluster", "Remove a cluster entry from the kubeconfig"},
           {"delete-context", "Remove a context entry from the kubeconfig"},
           {"delete-user", "Remove a user entry from the kubeconfig"},
           {"get-clusters", "List the clusters of the kubeconfig"},
           {"get-contexts", "List the contexts of the kubeconfig, or some of them"},
           {"get-users", "List the users of the kubeconfig"},
           {"rename-context", "Give a context another name"},
           {"set", "Set one value of the kubeconfig by its dotted path"},
           {"set-cluster", "Create or change a cluster entry"},
           {"set-context", "Create or change a context entry"},
           {"set-credentials", "Create or change a user entry"},
           {"unset", "Remove one value of the kubeconfig by its dotted path"},
           {"use-context", "Switch to another context"},
           {"view", "Print the merged kubeconfig, or one file of it"}},
          false}},
        {"create service",
         {"Create a Service of one of the four types.", "service, svc", "kubectl create service [flags] [options]",
          {{"clusterip", "Create a ClusterIP service"},
           {"externalname", "Create an ExternalName service"},
           {"loadbalancer", "Create a LoadBalancer service"},
           {"nodeport", "Create a NodePort service"}},
          false}},
        {"create secret",
         {"Create a Secret of one of three types: docker-registry holds credentials for pulling images from a\n"
          "registry, generic holds any data (type Opaque), tls holds a certificate and its key.",
          "", "kubectl create secret (docker-registry | generic | tls) [options]",
          {{"docker-registry", "Create a secret with credentials for a Docker registry"},
           {"generic", "Create a secret from files, folders or literal values"},
           {"tls", "Create a secret from a TLS certificate and key"}},
          false}},
    };
    return parents;
}

// `kubectl create`'s generators. SIMPLIFICATION: only the ones kubeplay has are listed.
const SubcommandList& createSubcommands() {
    static const SubcommandList list = {
        {"configmap", "Create a config map from files, folders or literal values"},
        {"cronjob", "Create a cron job with the given name"},
        {"deployment", "Create a deployment with the given name"},
        {"ingress", "Create an ingress with the given name"},
        {"job", "Create a job with the given name"},
        {"namespace", "Create a namespace with the given name"},
        {"secret", "Create a secret of one of three types"},
        {"service", "Create a service of one of four types"},
        {"serviceaccount", "Create a service account with the given name"},
    };
    return list;
}

// cobra's "Available Commands:" block: names padded to the longest (at least 11) plus three.
std::string availableCommands(const SubcommandList& subcommands) {
    size_t width = 11;
    for (const auto& sub : subcommands)
        width = std::max(width, std::string(sub.first).size());
    std::string out = "Available Commands:\n";
    for (const auto& [name, text] : subcommands) {
        std::string n = name;
        n.resize(width + 3, ' ');
        out += "  " + n + text + "\n";
    }
    return out;
}

std::string parentHelpPage(const std::string& path, const ParentCommand& parent) {
    std::string out = std::string(parent.description) + "\n\n";
    if (*parent.aliases)
        out += "Aliases:\n" + std::string(parent.aliases) + "\n\n";
    out += availableCommands(parent.subcommands);
    out += "\nUsage:\n  " + std::string(parent.usage) + "\n\n";
    out += "Use \"kubectl " + path + " <command> --help\" for more information about a given command.\n";
    out += "Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n";
    return out;
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
        if (path == "kubectl create")
            out += availableCommands(createSubcommands()) + "\n";
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
        {"Troubleshooting and Debugging Commands", {"describe", "logs", "exec", "port-forward", "proxy"}},
        {"Advanced Commands", {"diff", "apply", "patch", "replace", "wait"}},
        {"Settings Commands", {"label", "annotate", "completion"}},
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
        {"port-forward", "Forward one or more local ports to a pod"},
        {"proxy", "Run a proxy to the Kubernetes API server"},
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

bool parentCommandHelp(const std::vector<std::string>& args, std::string& out) {
    // The longest parent path the leading words name ("create service" before "create").
    size_t words = 0;
    const ParentCommand* parent = nullptr;
    std::string path;
    for (size_t n = 1; n <= std::min<size_t>(2, args.size()); ++n) {
        std::string p;
        for (size_t i = 0; i < n; ++i)
            p += (i ? " " : "") + args[i];
        if (p == "create svc")
            p = "create service";
        if (auto it = parentCommands().find(p); it != parentCommands().end()) {
            parent = &it->second;
            path = p;
            words = n;
        }
    }
    if (!parent)
        return false;
    bool help = false;
    for (size_t i = words; i < args.size(); ++i) {
        if (args[i] == "--")
            break;
        if (args[i].empty() || args[i][0] != '-')
            return false;  // a subcommand: it answers --help itself
        help = help || args[i] == "--help" || args[i] == "-h";
    }
    if (!help)
        return false;
    out = parentHelpPage(path, *parent);
    return true;
}

CommandResult missingSubcommand(const std::string& path) {
    const ParentCommand& parent = parentCommands().at(path);
    const std::string page = parentHelpPage(path, parent);
    return parent.helpOnStdout ? CommandResult{1, page, ""} : CommandResult::failure(page);
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
    if (command == "diff") {
        flags.integer("concurrency", "", 1)
            .string("field-manager", "", "kubectl-client-side-apply")
            .stringSlice("filename", "f")
            .boolean("force-conflicts")
            .string("kustomize", "k")
            .boolean("prune")
            .stringArray("prune-allowlist")
            .boolean("recursive", "R")
            .string("selector", "l")
            .boolean("server-side")
            .boolean("show-managed-fields")
            .boolean("show-secrets");
        return true;
    }
    if (command == "apply") {
        addPrintFlags(flags);
        addDryRunFlag(flags);
        flags.boolean("all")
            .string("cascade", "", "background")
            .string("field-manager", "", "kubectl-client-side-apply")
            .stringSlice("filename", "f")
            .boolean("force")
            .boolean("force-conflicts")
            .integer("grace-period", "", -1)
            .string("kustomize", "k")
            .boolean("openapi-patch", "", true)
            .boolean("overwrite", "", true)
            .boolean("prune")
            .stringArray("prune-allowlist")
            .boolean("recursive", "R")
            .string("selector", "l")
            .boolean("server-side")
            .string("subresource")
            .duration("timeout", "", "0s")
            .string("validate", "", "strict")
            .boolean("wait");
        return true;
    }
    if (command == "create") {
        addPrintFlags(flags);
        addDryRunFlag(flags);
        flags.boolean("edit")
            .string("field-manager", "", "kubectl-create")
            .stringSlice("filename", "f")
            .string("kustomize", "k")
            .string("raw")
            .boolean("recursive", "R")
            .boolean("save-config")
            .string("selector", "l")
            .string("validate", "", "strict")
            .boolean("windows-line-endings");
        return true;
    }
    if (command == "delete") {
        addDryRunFlag(flags);
        flags.boolean("all")
            .boolean("all-namespaces", "A")
            .string("cascade", "", "background")
            .string("field-selector")
            .stringSlice("filename", "f")
            .boolean("force")
            .integer("grace-period", "", -1)
            .boolean("ignore-not-found")
            .boolean("interactive", "i")
            .string("kustomize", "k")
            .boolean("now")
            .string("output", "o")
            .string("raw")
            .boolean("recursive", "R")
            .string("selector", "l")
            .duration("timeout", "", "0s")
            .boolean("wait", "", true);
        return true;
    }
    if (command == "patch") {
        addPrintFlags(flags);
        addDryRunFlag(flags);
        flags.string("field-manager", "", "kubectl-patch")
            .stringSlice("filename", "f")
            .string("kustomize", "k")
            .boolean("local")
            .string("patch", "p")
            .string("patch-file")
            .boolean("recursive", "R")
            .string("subresource")
            .string("type", "", "strategic");
        return true;
    }
    if (command == "describe") {
        flags.boolean("all-namespaces", "A")
            .integer("chunk-size", "", 500)
            .stringSlice("filename", "f")
            .string("kustomize", "k")
            .boolean("recursive", "R")
            .string("selector", "l")
            .boolean("show-events", "", true);
        return true;
    }
    if (command == "logs") {
        declareLogsFlags(flags);
        return true;
    }
    if (command == "version") {
        flags.boolean("client").string("output", "o");
        return true;
    }
    if (command == "exec") {
        declareExecFlags(flags);
        return true;
    }
    return false;
}

}  // namespace kp::cli
