// kubeplay: the native front door.
//   kubeplay                        interactive prompt ("$ ") running the shell
//   kubeplay run [--seed N] [--echo] FILE|-   runs a script and prints what a terminal shows
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

namespace {

class DiskFileSystem final : public kp::cli::FileSystem {
public:
    std::optional<std::string> readFile(const std::string& path) const override {
        std::ifstream in(path, std::ios::binary);
        if (!in)
            return std::nullopt;
        std::ostringstream out;
        out << in.rdbuf();
        return out.str();
    }
    bool isDirectory(const std::string& path) const override { return std::filesystem::is_directory(path); }
    std::vector<std::string> listDirectory(const std::string& path) const override {
        std::vector<std::string> out;
        for (const auto& e : std::filesystem::directory_iterator(path))
            if (e.is_regular_file())
                out.push_back(e.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    }
    bool writeFile(const std::string& path, const std::string& content) override {
        std::ofstream out(path, std::ios::binary);
        out << content;
        return static_cast<bool>(out);
    }
};

int usage() {
    std::cerr << "Usage:\n  kubeplay                         interactive shell\n"
                 "  kubeplay run [--seed N] [--echo] FILE|-\n  kubeplay --version\n";
    return 2;
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
        std::cout << r.out << std::flush;
        std::cerr << r.err << std::flush;
        if (interactive)
            std::cout << "$ " << std::flush;
    }
    if (!pending.empty()) {
        kp::cli::CommandResult r = shell.run(pending);
        std::cout << r.out << std::flush;
        std::cerr << r.err << std::flush;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && (args[0] == "--version" || args[0] == "version")) {
        std::cout << kp::engineBanner() << "\n";
        return 0;
    }
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
