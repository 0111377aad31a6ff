// The learner's virtual home folder: files kept in memory (and in snapshots, later), used by
// the browser build and by tests. Paths are plain strings; "dir/file" lists under "dir".
#pragma once
#include <map>
#include <set>

#include "cli/file_system.h"

namespace kp::cli {

class MemoryFileSystem final : public FileSystem {
public:
    void write(const std::string& path, std::string content) { files_[local(path)] = std::move(content); }
    bool isVirtual() const override { return true; }
    bool writeFile(const std::string& pathIn, const std::string& content) override {
        files_[local(pathIn)] = content;
        return true;
    }
    std::optional<std::string> readFile(const std::string& pathIn) const override {
        auto it = files_.find(local(pathIn));
        if (it == files_.end())
            return std::nullopt;
        return it->second;
    }
    bool makeDirectory(const std::string& pathIn) override {
        const std::string path = local(pathIn);
        if (path.empty() || path == "." || files_.count(path) || isDirectory(path))
            return false;
        const size_t slash = path.rfind('/');
        if (slash != std::string::npos && slash > 0 && !isDirectory(path.substr(0, slash)))
            return false;
        directories_.insert(path);
        return true;
    }
    bool removeFile(const std::string& pathIn) override {
        const std::string path = local(pathIn);
        bool removed = files_.erase(path) + directories_.erase(path) > 0;
        const std::string prefix = path + "/";
        for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.rfind(prefix, 0) == 0;) {
            it = files_.erase(it);
            removed = true;
        }
        for (auto it = directories_.lower_bound(prefix);
             it != directories_.end() && it->rfind(prefix, 0) == 0;) {
            it = directories_.erase(it);
            removed = true;
        }
        return removed;
    }
    bool isDirectory(const std::string& pathIn) const override {
        const std::string path = local(pathIn);
        if (path == "." || directories_.count(path))
            return true;
        if (auto d = directories_.lower_bound(path + "/"); d != directories_.end() && d->rfind(path + "/", 0) == 0)
            return true;
        auto it = files_.lower_bound(path + "/");
        return it != files_.end() && it->first.rfind(path + "/", 0) == 0;
    }
    // "." (or "") is the home folder itself: its files and the first folder of deeper paths.
    std::vector<std::string> listDirectory(const std::string& pathIn) const override {
        const std::string path = local(pathIn);
        std::vector<std::string> out;
        if (path == "." || path.empty()) {
            std::set<std::string> tops;
            for (const auto& [name, content] : files_)
                tops.insert(name.substr(0, name.find('/')));
            for (const std::string& dir : directories_)
                tops.insert(dir.substr(0, dir.find('/')));
            return {tops.begin(), tops.end()};
        }
        const std::string prefix = path + "/";
        for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.rfind(prefix, 0) == 0; ++it)
            if (it->first.find('/', prefix.size()) == std::string::npos)
                out.push_back(it->first.substr(prefix.size()));
        return out;
    }

private:
    // The home folder is /root (the shell's $HOME, where ~ points): "/root/x" and "x" name the
    // same file, so `echo hi > ~/x` and `cat x` agree, and ~/.kube/config is .kube/config.
    // Trailing slashes name the same folder ("app/" is "app").
    static std::string local(const std::string& pathIn) {
        std::string path = pathIn;
        while (path.size() > 1 && path.back() == '/')
            path.pop_back();
        if (path == "/root")
            return ".";
        if (path.rfind("/root/", 0) == 0)
            return path.substr(6);
        return path;
    }

    std::map<std::string, std::string> files_;
    // Directories made by mkdir (others exist while they hold a file).
    // SIMPLIFICATION: a subdirectory lists its files only, not the directories in it.
    std::set<std::string> directories_;
};

}  // namespace kp::cli
