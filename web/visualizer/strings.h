// The visualizer's own words (panel titles, tabs, buttons, the legend) in the page's language.
// The English text is the key; tr() gives the Chinese one while the page is in Chinese (the page
// calls setLanguage through kp_set_language when the learner switches). Object names, kubectl
// words (Running, Pending) and the explanations from the engine stay as they are.
//
// The Chinese glyphs are drawn with a subset of a CJK font (WenQuanYi Micro Hei, Debian
// fonts-wqy-microhei) cut at build time to the characters of this table (web/fonts/).
#pragma once
#include <string>

namespace kp::web {

void setLanguage(const std::string& language);  // "zh" or "en"
bool chineseUi();
// The text in the current language ("Inspector" -> "检查器" in Chinese).
const char* tr(const char* english);
// A control-plane component's detail line ("serving", "2/2 pods ready", "machine Stopped"...;
// engine/view) in the current language.
std::string componentDetail(const std::string& detail);
// An ImGui label in the current language with a stable ID ("检查器###Inspector").
std::string trId(const char* english);
// Every Chinese text of the table, concatenated: the glyphs the canvas font needs.
std::string chineseGlyphs();

}  // namespace kp::web
