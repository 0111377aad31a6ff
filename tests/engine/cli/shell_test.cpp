// The terminal's shell language: what tutorials type around kubectl must behave as in bash.
#include <catch2/catch.hpp>

#include "cli/memory_file_system.h"
#include "cli/shell.h"

using namespace kp;

namespace {

struct Term {
    Cluster cluster;
    cli::MemoryFileSystem fs;
    cli::Shell shell{cluster, fs};
    cli::CommandResult run(const std::string& s) { return shell.run(s); }
};

}  // namespace

TEST_CASE("Variables, export and command substitution expand as in bash", "[shell]") {
    Term t;
    CHECK(t.run("export NAME=\"hello   world\"").exitCode == 0);
    CHECK(t.run("echo $NAME").out == "hello world\n");      // unquoted: split, joined by one space
    CHECK(t.run("echo \"$NAME\"").out == "hello   world\n");  // quoted: kept
    CHECK(t.run("echo '$NAME'").out == "$NAME\n");
    CHECK(t.run("echo ${NAME}!").out == "hello world!\n");
    CHECK(t.run("echo ${MISSING:-fallback}").out == "fallback\n");
    CHECK(t.run("X=$(echo one two); echo \"[$X]\"").out == "[one two]\n");
    CHECK(t.run("printenv NAME").out == "hello   world\n");
    CHECK(t.run("export 1X=2").err == "bash: export: `1X=2': not a valid identifier\n");
}

TEST_CASE("Lists, pipes and exit statuses follow bash", "[shell]") {
    Term t;
    CHECK(t.run("false && echo no || echo yes").out == "yes\n");
    CHECK(t.run("true; echo $?").out == "0\n");
    auto r = t.run("nosuch");
    CHECK(r.exitCode == 127);
    CHECK(r.err == "bash: nosuch: command not found\n");
    CHECK(t.run("echo $?").out == "127\n");
    CHECK(t.run("printf '%s-%s\\n' a b c | cat").out == "a-b\nc-\n");
    CHECK(t.run("printf").err == "bash: printf: usage: printf [-v var] format [arguments]\n");
    CHECK(t.run("printf '%d' x").err == "bash: printf: x: invalid number\n");
    CHECK(t.run("echo a b c | wc -w").out == "3\n");
    CHECK(t.run("! false").exitCode == 0);
    CHECK(t.run("echo 'unterminated").err == "bash: unexpected EOF while looking for matching quote\n");
    CHECK(t.run("| grep x").err == "bash: syntax error near unexpected token `|'\n");
}

TEST_CASE("Here-documents feed kubectl apply -f - like the docs' cat <<EOF pattern", "[shell]") {
    Term t;
    std::string script =
        "cat <<EOF | kubectl apply -f -\n"
        "apiVersion: v1\n"
        "kind: ConfigMap\n"
        "metadata:\n"
        "  name: $NAME\n"
        "EOF\n";
    CHECK_FALSE(cli::Shell::isComplete("cat <<EOF | kubectl apply -f -\napiVersion: v1\n"));
    CHECK(cli::Shell::isComplete(script));
    t.run("NAME=settings");
    auto r = t.run(script);
    CHECK(r.err == "");
    CHECK(r.out == "configmap/settings created\n");
    // A quoted delimiter keeps $ literal.
    CHECK(t.run("cat <<'EOF'\n$NAME\nEOF\n").out == "$NAME\n");
}

TEST_CASE("Redirections write files and merge or drop streams", "[shell]") {
    Term t;
    t.run("echo first > notes.txt");
    t.run("echo second >> notes.txt");
    CHECK(t.fs.readFile("notes.txt").value() == "first\nsecond\n");
    CHECK(t.run("cat notes.txt | tail -1").out == "second\n");
    CHECK(t.run("cat missing.txt").err == "cat: missing.txt: No such file or directory\n");
    CHECK(t.run("cat missing.txt 2>/dev/null").err == "");
    CHECK(t.run("cat missing.txt 2>&1").out == "cat: missing.txt: No such file or directory\n");
    CHECK(t.run("wc -l < notes.txt").out == "2\n");
    SECTION("redirections apply left to right as in bash") {
        // >/dev/null 2>&1: both streams go where stdout points, nowhere.
        cli::CommandResult quiet = t.run("cat notes.txt missing.txt >/dev/null 2>&1");
        CHECK(quiet.out.empty());
        CHECK(quiet.err.empty());
        // 2>&1 >/dev/null: errors go to the old stdout, the output nowhere.
        cli::CommandResult errorsOnly = t.run("cat notes.txt missing.txt 2>&1 >/dev/null");
        CHECK(errorsOnly.out == "cat: missing.txt: No such file or directory\n");
        CHECK(errorsOnly.err.empty());
        t.run("cat notes.txt missing.txt >both.txt 2>&1");
        CHECK(t.fs.readFile("both.txt").value() == "first\nsecond\ncat: missing.txt: No such file or directory\n");
        // A file named in a redirection is created (emptied) even when nothing is written to it.
        t.run("cat notes.txt 2>errors.txt");
        CHECK(t.fs.readFile("errors.txt").value().empty());
        CHECK(t.run("echo x 1>&2").err == "x\n");
    }
}

TEST_CASE("Text utilities behave like GNU coreutils for the flags tutorials use", "[shell]") {
    Term t;
    t.fs.write("env.txt", "KUBERNETES_SERVICE_HOST=10.96.0.1\nHOME=/root\nREDIS_MASTER_SERVICE_HOST=10.0.0.11\n");
    CHECK(t.run("grep SERVICE env.txt").out == "KUBERNETES_SERVICE_HOST=10.96.0.1\nREDIS_MASTER_SERVICE_HOST=10.0.0.11\n");
    CHECK(t.run("grep -v SERVICE env.txt").out == "HOME=/root\n");
    CHECK(t.run("grep -c -i service env.txt").out == "2\n");
    CHECK(t.run("grep -e HOME -e REDIS env.txt").out == "HOME=/root\nREDIS_MASTER_SERVICE_HOST=10.0.0.11\n");
    CHECK(t.run("grep -c -e HOME --regexp=KUBERNETES env.txt").out == "2\n");
    CHECK(t.run("grep nothing env.txt").exitCode == 1);
    CHECK(t.run("grep -E 'HOME|REDIS' env.txt | cut -d= -f1").out == "HOME\nREDIS_MASTER_SERVICE_HOST\n");
    CHECK(t.run("head -n 1 env.txt").out == "KUBERNETES_SERVICE_HOST=10.96.0.1\n");
    CHECK(t.run("head -2 env.txt | tail -n 1").out == "HOME=/root\n");
    CHECK(t.run("head -n x env.txt").err == "head: invalid number of lines: 'x'\n");
    CHECK(t.run("echo -n hello | base64").out == "aGVsbG8=\n");
    CHECK(t.run("echo aGVsbG8= | base64 --decode").out == "hello");
    CHECK(t.run("echo 'a b c' | awk '{print $2, $NF}'").out == "b c\n");
    CHECK(t.run("printf_missing 2>/dev/null; echo -e 'b\\na' | sort").exitCode == 0);
    CHECK(t.run("echo HELLO | tr A-Z a-z").out == "hello\n");
}

// Expected texts from GNU coreutils 9.1 cut.
TEST_CASE("cut selects bytes characters and fields from LIST ranges as GNU cut does", "[shell]") {
    Term t;
    t.fs.write("in.txt", "abcdef\na:b:c\nno delim here\n");
    CHECK(t.run("cut -c 1-3 in.txt").out == "abc\na:b\nno \n");
    CHECK(t.run("cut -c 3,1 in.txt").out == "ac\nab\nn \n");  // in input order, not list order
    CHECK(t.run("cut -b 5- in.txt").out == "ef\nc\nelim here\n");
    CHECK(t.run("echo abcdef | cut -c -2").out == "ab\n");
    CHECK(t.run("echo abcdef | cut -c 1-2,3-4 --output-delimiter=:").out == "ab:cd\n");
    CHECK(t.run("echo abcdef | cut -c 1-3,2-5 --output-delimiter=:").out == "abcde\n");
    CHECK(t.run("echo abcdef | cut -c 2,4 --complement --output-delimiter=:").out == "a:c:ef\n");
    CHECK(t.run("cut -d: -f2- in.txt").out == "abcdef\nb:c\nno delim here\n");
    CHECK(t.run("cut -d: -f2 -s in.txt").out == "b\n");
    CHECK(t.run("cut -d: -f1,3 --output-delimiter=, in.txt").out == "abcdef\na,c\nno delim here\n");
    CHECK(t.run("echo 'NAME READY' | cut -d ' ' -f 1").out == "NAME\n");
    auto err = [&t](const std::string& cmd) { return t.run(cmd).err; };
    const std::string tryHelp = "Try 'cut --help' for more information.\n";
    CHECK(err("cut in.txt") == "cut: you must specify a list of bytes, characters, or fields\n" + tryHelp);
    CHECK(err("cut -c") == "cut: option requires an argument -- 'c'\n" + tryHelp);
    CHECK(err("cut -c x in.txt") == "cut: invalid byte/character position \u2018x\u2019\n" + tryHelp);
    CHECK(err("cut -f 1,a,3 in.txt") == "cut: invalid field value \u2018a,3\u2019\n" + tryHelp);
    CHECK(err("cut -c 0 in.txt") == "cut: byte/character positions are numbered from 1\n" + tryHelp);
    CHECK(err("cut -f 1,,2 in.txt") == "cut: fields are numbered from 1\n" + tryHelp);
    CHECK(err("cut -c 3-1 in.txt") == "cut: invalid decreasing range\n" + tryHelp);
    CHECK(err("cut -c - in.txt") == "cut: invalid range with no endpoint: -\n" + tryHelp);
    CHECK(err("cut -f 1-2-3 in.txt") == "cut: invalid field range\n" + tryHelp);
    CHECK(err("cut -c 1 -f 1 in.txt") == "cut: only one list may be specified\n" + tryHelp);
    CHECK(err("cut -c 1 -d : in.txt") == "cut: an input delimiter may be specified only when operating on fields\n" + tryHelp);
    CHECK(err("cut -f 1 -d ab in.txt") == "cut: the delimiter must be a single character\n" + tryHelp);
    CHECK(err("cut -b 99999999999999999999 in.txt") ==
          "cut: byte/character offset \u201899999999999999999999\u2019 is too large\n" + tryHelp);
}

TEST_CASE("kubectl output can be captured and reused in later commands", "[shell]") {
    Term t;
    t.run("kubectl create namespace demo 2>/dev/null || kubectl apply -f - <<EOF\n"
          "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\nEOF\n");
    auto r = t.run("export NS=$(kubectl get ns demo -o name); echo $NS");
    CHECK(r.out == "namespace/demo\n");
}

TEST_CASE("Before minikube start kubectl cannot reach a server", "[shell]") {
    ClusterConfig cfg;
    cfg.startRunning = false;
    Cluster cluster(cfg);
    cli::MemoryFileSystem fs;
    cli::Shell shell(cluster, fs);
    auto r = shell.run("kubectl get pods");
    CHECK(r.exitCode == 1);
    CHECK(r.err == "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n");
    // A running cluster is not enough: without a kubeconfig kubectl tries its default server.
    cluster.start(MinikubeConfig{});
    CHECK(shell.run("kubectl get pods").err ==
          "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n");
    cluster.stop();
    // minikube start writes the kubeconfig; then the current context's server answers, and is the
    // one refused when the cluster is paused.
    shell.run("minikube start");
    CHECK(shell.run("kubectl get ns default -o name").out == "namespace/default\n");
    shell.run("minikube pause");
    CHECK(shell.run("kubectl get pods").err ==
          "The connection to the server 192.168.49.2:8443 was refused - did you specify the right host or port?\n");
}

// bash's history (each line typed, "%5d  %s", itself last) and coreutils touch (an empty file
// where none is; missing operand and an unwritable path get coreutils' texts).
TEST_CASE("history lists the lines typed and touch creates empty files", "[shell]") {
    Term t;
    CHECK(t.run("touch notes.txt").exitCode == 0);
    CHECK(t.run("cat notes.txt").out == "");
    CHECK(t.run("ls").out == "notes.txt\n");  // not the kubeconfig's absolute path, nor dotfiles
    CHECK(t.run("echo hi > notes.txt; touch notes.txt; cat notes.txt").out == "hi\n");
    CHECK(t.run("touch").err == "touch: missing file operand\nTry 'touch --help' for more information.\n");
    CHECK(t.run("history | tail -2").out == "    5  touch\n    6  history | tail -2\n");
    CHECK(t.run("history").out.rfind("    1  touch notes.txt\n    2  cat notes.txt\n", 0) == 0);
}

// coreutils mkdir (-p) and rm (-f, -r) on the learner's files, with coreutils' error texts.
TEST_CASE("mkdir and rm make and remove the learner's files and folders", "[shell]") {
    Term t;
    CHECK(t.run("mkdir app").exitCode == 0);
    CHECK(t.run("mkdir app").err == "mkdir: cannot create directory 'app': File exists\n");
    CHECK(t.run("mkdir a/b").err == "mkdir: cannot create directory 'a/b': No such file or directory\n");
    CHECK(t.run("mkdir -p a/b && touch a/b/x.yaml && ls").out == "a\napp\n");
    CHECK(t.run("ls a/b").out == "x.yaml\n");
    // -a lists dotfiles with . and .., -A without them.
    CHECK(t.run("touch a/b/.hidden && ls -a a/b").out == ".\n..\n.hidden\nx.yaml\n");
    CHECK(t.run("ls -A a/b").out == ".hidden\nx.yaml\n");
    CHECK(t.run("mkdir").err == "mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
    CHECK(t.run("rm a").err == "rm: cannot remove 'a': Is a directory\n");
    CHECK(t.run("rm nope").err == "rm: cannot remove 'nope': No such file or directory\n");
    CHECK(t.run("rm -f nope").exitCode == 0);
    CHECK(t.run("rm").err == "rm: missing operand\nTry 'rm --help' for more information.\n");
    CHECK(t.run("rm -rf a && rm -r app && ls").out == "");
    CHECK(t.run("echo x > f.txt; rm f.txt; cat f.txt").err == "cat: f.txt: No such file or directory\n");
}
