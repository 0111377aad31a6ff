#include "test_support.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace kp::test {
namespace {
bool gUpdateGolden = false;
}

std::string sourcePath(const std::string& relative) {
    if (const char* dir = std::getenv("KP_SOURCE_DIR"))
        return std::string(dir) + "/" + relative;
    return std::string(KP_SOURCE_DIR) + "/" + relative;
}

std::string corpusDir() {
    std::string dir = sourcePath("../shared/corpus/k8s-website-examples");
    if (const char* env = std::getenv("KP_CORPUS_DIR"))
        dir = env;
    return fileExists(dir + "/INDEX.md") ? dir : "";
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

bool fileExists(const std::string& path) {
    std::ifstream in(path);
    return in.good();
}

void setUpdateGolden(bool on) { gUpdateGolden = on; }
bool updateGolden() { return gUpdateGolden; }

bool matchesGolden(const std::string& name, const std::string& actual) {
    std::string path = sourcePath("tests/golden/" + name);
    if (gUpdateGolden) {
        std::ofstream(path, std::ios::binary) << actual;
        return true;
    }
    return fileExists(path) && readFile(path) == actual;
}

}  // namespace kp::test
