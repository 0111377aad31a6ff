// Shell: the learner's terminal. It runs command lines the way bash does for the part of the
// language tutorials use (engine/cli/sh: lists with ; && ||, pipes, variables and export,
// $(...) substitution, $((...)) arithmetic, brace expansion, quotes, redirections,
// here-documents, loops and if) and dispatches commands to kubectl,
// minikube, the builtins and the text utilities. Blocking commands move virtual time.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cli/command_result.h"
#include "cli/file_system.h"
#include "cli/kubectl/kubeconfig.h"
#include "cli/memory_file_system.h"
#include "cli/minikube/minikube.h"
#include "cli/sh/syntax.h"
#include "cluster/cluster.h"

namespace kp::cli {

namespace sh {
struct Expander;
}

class Shell {
public:
    // `sharedMinikube`: the laptop's ~/.minikube when several terminals share it (the page's
    // terminal tabs); null: this shell has its own.
    Shell(Cluster& cluster, FileSystem& fs, MinikubeState* sharedMinikube = nullptr);

    // Runs a script (one line or several). `stdinText` is what the first command's standard
    // input holds ("kubectl apply -f -").
    CommandResult run(const std::string& script, const std::string& stdinText = "");
    // Whether a typed text is a whole command; the terminal asks for more lines ("> ") if not.
    static bool isComplete(const std::string& text) { return sh::isComplete(text); }

    // What the terminal shows before the cursor: "$ " on the laptop; inside `kubectl exec -it`
    // the container shell's prompt ("root@hello-7d4b9c8f6d-x2k9p:/# ").
    std::string prompt() const;
    bool attached() const { return attached_.ok; }

    // Commands that keep running (kubectl get -w, minikube tunnel, minikube dashboard). In an
    // interactive shell (the page's terminal) the last one on a line keeps the terminal until it
    // ends or interrupt(); elsewhere (scripts, pipes, $(...)) it waits out its own deadline
    // (--request-timeout), or else goes on in the background like `cmd &`, printing with the
    // next command's output.
    void setInteractive(bool interactive) { interactive_ = interactive; }
    bool busy() const { return foreground_ != nullptr; }
    struct Progress {
        std::string out;     // printed since the last poll
        bool ended = false;  // the foreground process ended by itself
        int exitCode = 0;
    };
    Progress poll();
    // Ctrl+C: stops the foreground process; returns what it prints on the way out.
    std::string interrupt();
    // Called with the URL when a command opens the learner's browser (minikube dashboard).
    std::function<void(const std::string& url)> onOpenBrowser;

    std::string variable(const std::string& name) const;
    void setVariable(const std::string& name, const std::string& value, bool exported = false);
    // A variable the commands this shell starts see: an exported one ("" otherwise).
    std::string environment(const std::string& name) const;
    int lastStatus() const { return lastStatus_; }

private:
    CommandResult runAttached(const std::string& script);
    CommandResult runAttachedOnLaptop(const std::string& line);
    // Ends the session the terminal is in; it is back in the one it came from, if any.
    void leaveSession();
    CommandResult runScript(const sh::Script& script, const std::string& stdinText);
    CommandResult runPipeline(const sh::Pipeline& pipeline, const std::string& stdinText);
    CommandResult runCommand(const sh::SimpleCommand& command, const std::string& stdinText);
    // A loop or `if`. `stream` is its standard input; `read` in it consumes lines from it.
    CommandResult runCompound(const sh::CompoundCommand& compound, std::string& stream);
    CommandResult readBuiltin(const std::vector<std::string>& args, std::string& input);
    CommandResult dispatch(const std::vector<std::string>& argv, const std::string& stdinText);
    CommandResult kubectl(const std::vector<std::string>& args, const std::string& stdinText);
    CommandResult minikube(const std::vector<std::string>& args, bool stdoutIsTerminal);
    CommandResult builtin(const std::vector<std::string>& argv, const std::string& stdinText, bool& found);
    std::string substitute(const std::string& script);
    // $((...)): the value, or "" with expansionError_ set (bash's message).
    std::string arithmetic(const std::string& expression);
    void prepare(sh::Expander& ex);
    // After an expansion error: the command fails with the message and, as in interactive
    // bash, the rest of the command line is discarded (a $(...) subshell only ends itself).
    CommandResult expansionFailure();
    // A command that keeps running where it cannot keep the terminal (see setInteractive).
    void settle(CommandResult& r);
    void toBackground(CommandResult& r);
    std::string backgroundOutput();

    Cluster& cluster_;
    FileSystem& fs_;
    std::map<std::string, std::string> vars_;
    std::set<std::string> exported_;
    int lastStatus_ = 0;
    std::string expansionError_;  // set by a failed $((...)) until the command reports it
    bool aborted_ = false;         // the rest of the line is skipped
    bool outputPiped_ = false;     // the running command's output goes down a pipe
    int depth_ = 0;  // nested $(...) and eval
    // Loops and `if`: the input `read` consumes (the innermost compound's standard input), how
    // many loops enclose the running command, and the loops a `break N` / `continue N` still
    // has to leave.
    std::string* compoundInput_ = nullptr;
    int compoundDepth_ = 0;
    int loopDepth_ = 0;
    int breakLevels_ = 0;
    int continueLevels_ = 0;
    AttachRequest attached_;  // the container shell the terminal is in, if any
    std::vector<std::string> history_;  // the lines typed at the prompt, for `history`
    std::vector<AttachRequest> outerSessions_;  // the sessions it was entered from (the node's shell)
    std::unique_ptr<MinikubeState> ownMinikube_;
    MinikubeState& minikube_;  // ~/.minikube: addon toggles, `minikube config` settings
    // The kubeconfig files of a kubectl command line ($KUBECONFIG, --kubeconfig, $HOME).
    KubeconfigPaths kubeconfigPaths(const std::vector<std::string>& args) const;
    // Kubeconfig files live in fs_ when that is virtual. On the real disk (the native runner)
    // the default ~/.kube/config lives in a private folder instead, so that the simulation never
    // overwrites the machine's kubeconfig; other paths ($KUBECONFIG, --kubeconfig) are real files.
    class KubeconfigFiles final : public FileSystem {
    public:
        explicit KubeconfigFiles(Shell& shell) : shell_(shell) {}
        std::optional<std::string> readFile(const std::string& path) const override { return pick(path).readFile(path); }
        bool isDirectory(const std::string& path) const override { return pick(path).isDirectory(path); }
        std::vector<std::string> listDirectory(const std::string& path) const override {
            return pick(path).listDirectory(path);
        }
        bool isVirtual() const override { return pick("").isVirtual(); }
        bool writeFile(const std::string& path, const std::string& content) override {
            return pick(path).writeFile(path, content);
        }

    private:
        FileSystem& pick(const std::string& path) const;
        Shell& shell_;
    };
    KubeconfigFiles kubeconfigFiles_{*this};
    MemoryFileSystem privateKubeHome_;
    bool interactive_ = false;
    ForegroundPtr foreground_;
    std::vector<ForegroundPtr> background_;
    // What background jobs printed while a client connected to them (port-forward's "Handling
    // connection for N"): the terminal shows it before the client's own output.
    std::string connectionNotices_;
};

}  // namespace kp::cli
