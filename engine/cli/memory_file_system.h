// The learner's virtual home folder: files kept in memory (and in snapshots, later), used by
// the browser build and by tests. Paths are plain strings; "dir/file" lists under "dir".
#pragma once
#include <map>

#include "cli/file_system.h"

namespace kp::cli {

class MemoryFileSystem final : public FileSystem {
public:
    void write(const std::string& path, std::string content) { files_[path] = std::move(content); }
    bool isVirtual() const override { return true; }
    bool writeFile(const std::string& path, const std::string& content) override {
        files_[path] = content;
        return true;
    }
    std::optional<std::string> readFile(const std::string& path) const override {
        auto it = files_.find(path);
        if (it == files_.end())
            return std::nullopt;
        return it->second;
    }
    bool isDirectory(const std::string& path) const override {
        auto it = files_.lower_bound(path + "/");
        return it != files_.end() && it->first.rfind(path + "/", 0) == 0;
    }
    // "." (or "") is the home folder itself: its files and the first folder of deeper paths.
    std::vector<std::string> listDirectory(const std::string& path) const override {
        std::vector<std::string> out;
        if (path == "." || path.empty()) {
            for (const auto& [name, content] : files_) {
                std::string top = name.substr(0, name.find('/'));
                if (out.empty() || out.back() != top)
                    out.push_back(top);
            }
            return out;
        }
        const std::string prefix = path + "/";
        for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.rfind(prefix, 0) == 0; ++it)
            if (it->first.find('/', prefix.size()) == std::string::npos)
                out.push_back(it->first.substr(prefix.size()));
        return out;
    }

private:
    std::map<std::string, std::string> files_;
};

}  // namespace kp::cli
