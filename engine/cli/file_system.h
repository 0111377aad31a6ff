// Where commands read manifests from (`kubectl apply -f x.yaml`): the learner's virtual home
// in the browser, the real disk in the native runner.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace kp::cli {

class FileSystem {
public:
    virtual ~FileSystem() = default;
    virtual std::optional<std::string> readFile(const std::string& path) const = 0;
    virtual bool isDirectory(const std::string& path) const = 0;
    // Files directly inside a directory, sorted by name.
    virtual std::vector<std::string> listDirectory(const std::string& path) const = 0;
    // Whether the files live in memory (the learner's virtual home) rather than on the real
    // disk. Files the simulation writes on its own (~/.kube/config) go only to a virtual one.
    virtual bool isVirtual() const { return false; }
    // `>` and `>>` redirections. Returns false when the file cannot be written.
    virtual bool writeFile(const std::string& path, const std::string& content) {
        (void)path;
        (void)content;
        return false;
    }
    // mkdir: one new directory whose parent exists. Returns false when it cannot be made.
    virtual bool makeDirectory(const std::string& path) {
        (void)path;
        return false;
    }
    // rm: a file, or a directory with everything in it. Returns false when nothing was removed.
    virtual bool removeFile(const std::string& path) {
        (void)path;
        return false;
    }
};

}  // namespace kp::cli
