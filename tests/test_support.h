// Shared helpers for tests: source paths and golden files.
#pragma once
#include <string>

namespace kp::test {

// Absolute path of a file in the repository ("tests/golden/x.txt").
std::string sourcePath(const std::string& relative);
// Path of the shared corpus folder (../shared/corpus/k8s-website-examples), or "" when absent.
std::string corpusDir();
std::string readFile(const std::string& path);
bool fileExists(const std::string& path);

void setUpdateGolden(bool on);
bool updateGolden();
// Compares `actual` to tests/golden/<name>; with --update-golden rewrites it. Returns true on match.
bool matchesGolden(const std::string& name, const std::string& actual);

}  // namespace kp::test
