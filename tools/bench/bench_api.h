#pragma once
#include <map>
#include <string>

// Store, apiserver and watch figures; quick = the short CI pass.
std::map<std::string, double> benchApi(bool quick);
