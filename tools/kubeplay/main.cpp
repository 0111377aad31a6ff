// kubeplay: the native front door.
//   kubeplay                        interactive prompt ("$ ") running the shell
//   kubeplay run [--seed N] [--echo] FILE|-   runs a script and prints what a terminal shows
//   kubeplay lesson list            the lessons (tutorials/*.yaml) in order
//   kubeplay lesson check ID|--all [--verbose]   runs lesson solutions headlessly, reports each step
//   kubeplay --version
// Virtual time moves only through commands that wait (sleep), never by itself.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "base/version.h"
#include "cli/file_system.h"
#include "cli/shell.h"
#include "cluster/cluster.h"
#include "lesson/catalog.h"
#include "lesson/checker.h"

namespace {

// The learner's files on this machine's disk. The shell's home, /root ($HOME, ~), is the
// folder the runner was started in: a script's ~/x and /root/x land next to its other files,
// never in this machine's real /root.
class DiskFileSystem final : public kp::cli::FileSystem {
public:
    static std::string onDisk(const std::string& path) {
        if (path == "/root")
            return ".";
        if (path.rfind("/root/", 0) == 0)
            return path.substr(6).empty() ? "." : path.substr(6);
        return path;
    }
    std::optional<std::string> readFile(const std::string& virtualPath) const override {
        const std::string path = onDisk(virtualPath);
        std::ifstream in(path, std::ios::binary);
        if (!in)
            return std::nullopt;
        std::ostringstream out;
        out << in.rdbuf();
        return out.str();
    }
    bool isDirectory(const std::string& path) const override { return std::filesystem::is_directory(onDisk(path)); }
    std::vector<std::string> listDirectory(const std::string& path) const override {
        std::vector<std::string> out;
        for (const auto& e : std::filesystem::directory_iterator(onDisk(path)))
            if (e.is_regular_file() || e.is_directory())
                out.push_back(e.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    }
    bool writeFile(const std::string& path, const std::string& content) override {
        std::ofstream out(onDisk(path), std::ios::binary);
        out << content;
        return static_cast<bool>(out);
    }
    bool makeDirectory(const std::string& path) override {
        std::error_code ec;
        return std::filesystem::create_directory(onDisk(path), ec) && !ec;
    }
    bool removeFile(const std::string& path) override {
        std::error_code ec;
        return std::filesystem::remove_all(onDisk(path), ec) > 0 && !ec;
    }
};

int usage() {
    std::cerr << "Usage:\n  kubeplay                         interactive shell\n"
                 "  kubeplay run [--seed N] [--echo] FILE|-\n"
                 "  kubeplay lesson list\n  kubeplay lesson check ID|--all [--verbose]\n  kubeplay --version\n";
    return 2;
}

// Both streams in the order the command wrote them, each to its own descriptor.
void print(const kp::cli::CommandResult& r) {
    const size_t lead = r.errLead();
    std::cerr << r.err.substr(0, lead) << std::flush;
    std::cout << r.out << std::flush;
    std::cerr << r.err.substr(lead) << std::flush;
}

int runLines(std::istream& in, kp::cli::Shell& shell, bool echo, bool interactive) {
    std::string line, pending;
    if (interactive)
        std::cout << "$ " << std::flush;
    while (std::getline(in, line)) {
        if (echo)
            std::cout << (pending.empty() ? "$ " : "> ") << line << "\n";
        pending += line + "\n";
        // A here-document or an open quote continues on the next line, as in bash.
        if (!kp::cli::Shell::isComplete(pending)) {
            if (interactive)
                std::cout << "> " << std::flush;
            continue;
        }
        kp::cli::CommandResult r = shell.run(pending);
        pending.clear();
        print(r);
        if (interactive)
            std::cout << "$ " << std::flush;
    }
    if (!pending.empty()) {
        kp::cli::CommandResult r = shell.run(pending);
        print(r);
    }
    return 0;
}

// `kubeplay lesson list|check`: exit status 1 when any checked lesson fails.
int lessonCommand(const std::vector<std::string>& args) {
    const kp::lesson::Catalog& catalog = kp::lesson::catalog();
    for (const std::string& error : catalog.errors)
        std::cerr << "kubeplay: " << error << "\n";
    if (args.size() == 1 && args[0] == "list") {
        for (const kp::lesson::Lesson& l : catalog.lessons)
            std::cout << l.order << "\t" << l.id << "\t" << l.title.zh << " / " << l.title.en << "\t"
                      << l.steps.size() << " steps\n";
        return catalog.errors.empty() ? 0 : 1;
    }
    if (args.empty() || args[0] != "check" || args.size() < 2)
        return usage();
    bool verbose = false;
    std::vector<const kp::lesson::Lesson*> chosen;
    for (size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--verbose" || args[i] == "-v") {
            verbose = true;
        } else if (args[i] == "--all") {
            for (const kp::lesson::Lesson& l : catalog.lessons)
                chosen.push_back(&l);
        } else if (const kp::lesson::Lesson* l = catalog.find(args[i])) {
            chosen.push_back(l);
        } else {
            std::cerr << "kubeplay: no lesson \"" << args[i] << "\" (see kubeplay lesson list)\n";
            return 1;
        }
    }
    bool ok = catalog.errors.empty();
    for (const kp::lesson::Lesson* l : chosen) {
        if (l->sandbox) {
            std::cout << "lesson " << l->id << ": sandbox, nothing to check\n";
            continue;
        }
        kp::lesson::LessonReport report = kp::lesson::checkLesson(*l);
        std::cout << "lesson " << l->id << ": " << (report.ok() ? "ok" : "FAILED") << "\n" << report.summary();
        if (verbose)
            for (const kp::lesson::StepReport& s : report.steps)
                std::cout << "--- " << s.id << "\n" << s.transcript;
        ok = ok && report.ok();
    }
    return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && (args[0] == "--version" || args[0] == "version")) {
        std::cout << kp::engineBanner() << "\n";
        return 0;
    }
    if (!args.empty() && args[0] == "lesson")
        return lessonCommand(std::vector<std::string>(args.begin() + 1, args.end()));
    // Like the page: a laptop with minikube and no cluster until `minikube start`.
    kp::ClusterConfig config = kp::ClusterConfig::fullCluster();
    config.startRunning = false;
    DiskFileSystem fs;
    if (args.empty()) {
        kp::Cluster cluster(config);
        kp::cli::Shell shell(cluster, fs);
        return runLines(std::cin, shell, false, true);
    }
    if (args[0] != "run")
        return usage();
    bool echo = false;
    std::string file;
    for (size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--echo")
            echo = true;
        else if (args[i] == "--seed" && i + 1 < args.size())
            config.seed = std::stoull(args[++i]);
        else if (file.empty())
            file = args[i];
        else
            return usage();
    }
    if (file.empty())
        return usage();
    kp::Cluster cluster(config);
    kp::cli::Shell shell(cluster, fs);
    if (file == "-")
        return runLines(std::cin, shell, echo, false);
    std::ifstream in(file);
    if (!in) {
        std::cerr << "kubeplay: cannot open " << file << "\n";
        return 1;
    }
    return runLines(in, shell, echo, false);
}
