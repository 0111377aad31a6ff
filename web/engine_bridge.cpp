// The engine's JavaScript interface (embind). The page calls, on the module object:
//   kp_version()  -> "kubeplay 0.1.0 (Kubernetes v1.32.0)"
//   kp_eval(script)     -> what the commands print in terminal tab 0 (stdout, then stderr)
//   kp_run(tab, script) -> {"out", "busy", "prompt"}: runs a command line in a terminal tab;
//                          busy while it keeps running (kubectl get -w, minikube tunnel)
//   kp_poll(tab)        -> {"out", "ended", "busy"}: what the tab's running command printed since
//   kp_interrupt(tab)   -> Ctrl+C in a tab: what the stopped command prints on the way out
//   kp_prompt(tab)      -> the tab's prompt ("$ ", or a container shell's inside kubectl exec -it)
//   kp_journal()        -> the journal of everything done so far (engine/cli/laptop.h), as JSON
//   kp_journal_undo()   -> the journal without the last command (JSON), or "null"
//   kp_undo()           -> {"ok", "tabs": [text, ...], "ms"}: undo in place: the session goes on
//                          from the laptop replayed to just before the last command (carried on
//                          from the nearest checkpoint); tabs is what each tab showed then
//   kp_checkpoints_work(ms) -> keeps the undo/scrub checkpoints up with the session for at most
//                          ms of wall time, after freeing the laptop an undo replaced (the page
//                          calls it while idle); true while work is left
//   kp_checkpoints_state() -> {"kept", "timesMs": [...], "wanted", "keptBytes", "liveBytes",
//                          "peakBytes", "heldBytes", "budgetBytes", "slots", "freed", "pageBytes"}:
//                          the checkpoints held and their memory (estimates; a slot counted at the
//                          live laptop or a larger held one; heldBytes: the scrub's laptop and
//                          the one undo replaced, which take their part of the budget, as the
//                          last step saw them); pageBytes: every laptop the page holds now, the
//                          live one included (the budget bounds what is beyond the live one:
//                          ReplayCheckpoints::Limits in engine/cli/laptop.h)
//   kp_checkpoints_budget(bytes) -> sets the checkpoints' memory budget (256 MiB at start)
//   kp_restore(journal) -> {"ok", "tabs": [text, ...]}: replays a journal into the fresh session
//                          and returns what each tab showed
//   kp_export_manifests() -> the learner's objects as clean multi-document YAML
//   kp_is_complete(text) -> false while a quote or here-document is still open
//   kp_complete(line)   -> {"word", "candidates": [...]}: Tab completion of the line typed up to
//                          the cursor (completion.h); reads only, runs nothing
//   kp_advance(ms)      -> moves the cluster's virtual time (the page's clock loop, time.js)
//   kp_now_ms()         -> virtual time, milliseconds since the Unix epoch
//   kp_next_timer_ms()  -> how far away the cluster's next timer is (ms), -1 when none
//   kp_view()           -> the visualizer's view of the cluster as JSON (view::snapshot)
//   kp_explain(kind, namespace, name) -> the inspector's explanation of one object as JSON, with
//                          "writes": [{"timeMs", "actor", "verb", "detail"}] (who changed it)
//   kp_selection()      -> what the visualizer has selected, {"kind", "namespace", "name"}
//   kp_select(kind, namespace, name) -> selects an object (or a "component") as a click on the map does
//   kp_inspector_actions() -> the inspector's buttons for the selection, [{"label", "command"}]
//   kp_inspector_act(label) -> does what that button does: types its command into the terminal
//   kp_map_state()      -> {"zoom", "pan": [x, y], "userMoved", "cards", "aggregated", "chips", "pods"}:
//                          the map's view and how its node cards are drawn (chips, or counts per
//                          status); pods: what the last frame that drew the map drew per pod chip,
//                          [{"pod": "ns/name", "color": "running"|"progressing"|"failing"|
//                          "terminating"|"completed", "restartBadge": null (none) or its text ("3",
//                          "9+", "" when zoomed out too far for it), "readiness": "ready"|"not-ready",
//                          "readyFill": 0..1 (the readiness strip)}]
//   kp_timeline_rows(tab) -> what the timeline's "writes", "scheduling" or "traffic" tab lists (its
//                          newest 300 records of the live cluster, before any text filter),
//                          [{"time", "who", "verb", "object", "detail"}]
//   kp_map_pod_position(namespace, name) -> {"x", "y"} of the pod's chip on the canvas (CSS pixels), or null
//   kp_bench_view(pods) -> the visualizer draws a made-up cluster of that many pods (0: the real one)
//   kp_frame_stats()    -> {"meanMs", "maxMs", "frames"}: CPU time of the last 60 frames
//   kp_scrub(ms)        -> the timeline's scrub: the panels show the cluster as it was at virtual
//                          time ms (ms < 0: back to live); returns kp_scrub_state()
//   kp_scrub_step(dir)  -> to the next (dir > 0) or previous moment something happened
//   kp_scrub_state()    -> {"past", "atMs", "liveMs", "replayMs"}
//   kp_shown_view()     -> the view of the cluster the panels show (the past one while scrubbed)
//   kp_set_theme(light) -> the canvas follows the page's light or dark theme
//   kp_set_language(lang) -> the canvas's own words in "zh" or "en" (visualizer/strings.h)
//   kp_add_canvas_font(bytes) -> merges the CJK font subset (a Uint8Array of kp-cjk.ttf) into
//                          the canvas font for the Chinese words
//   kp_canvas_has_glyph(codepoint) -> whether the canvas font can draw that character
//   kp_map_hubs()       -> {"services": ["ns/name"...], "ingresses": [{"name": "ns/name", "routes":
//                          ["service"...]}], "trafficFlows": N, "apiWriteFlows": N, "schedulingFlows": N,
//                          "dnsFlows": N, "lastDnsClient": "ns/name" or "kubectl", "activeFlows": N}:
//                          the hubs the map laid out, how many traffic/DNS records, API writes,
//                          scheduler bindings and DNS lookups it animated, and the comets on it now
//   kp_dashboard_state() -> {"visible", "rows": ["table | cell | ..."]}: what the Dashboard view
//                          drew in the last frame (visible: it was drawn in it)
//   kp_timeline_state() -> {"filter", "filterBox": {"x", "y", "w", "h"} (CSS pixels), "tab",
//                          "shownRows", "matchedRows", "rows": ["who verb object detail"...]}: the
//                          timeline's text filter and what its front tab listed (a log tab: the
//                          newest 300 of the matchedRows records of the whole log that passed it);
//                          "scrub": {"box" (CSS pixels), "disabled", "tooltip"}: the scrub's slider,
//                          whether it and its arrows were disabled (too big to replay), and the
//                          tooltip it showed ("" unless hovered)
//   kp_timeline_show(tab, filter) -> brings that timeline tab to the front with that filter text
//   kp_inspector_state() -> {"headers": [...], "labels": [...]}: the inspector's section headers
//                          and fixed words as the last frame drew them (in the page's language)
#include <emscripten/bind.h>

#include <algorithm>
#include <chrono>  // undo and checkpoint work budgets (wall time, the page's; the engine never reads it)
#include <string>

#include "base/version.h"
#include "cli/manifest_export.h"
#include "completion.h"
#include "platform/platform.h"
#include "session.h"
#include "view/cluster_view.h"
#include "view/explain.h"
#include "visualizer/colors.h"
#include "visualizer/inspector.h"
#include "visualizer/strings.h"
#include "visualizer/visualizer.h"

namespace {

std::string kpVersion() { return kp::engineBanner(); }

kp::cli::Laptop& laptop() { return kp::web::session().laptop(); }

// Runs one command line; stdout then stderr, as a terminal shows them.
std::string kpEval(const std::string& line) {
    kp::cli::CommandResult r = laptop().run(0, line);
    return r.terminalText();
}

std::string kpRun(int tab, const std::string& line) {
    kp::cli::CommandResult r = laptop().run(tab, line);
    kp::cli::Shell& shell = laptop().terminal(tab);
    return kp::Json{{"out", r.terminalText()}, {"busy", shell.busy()}, {"prompt", shell.prompt()}}.dump();
}

std::string kpPoll(int tab) {
    kp::cli::Shell::Progress p = laptop().poll(tab);
    return kp::Json{{"out", p.out}, {"ended", p.ended}, {"busy", laptop().terminal(tab).busy()}}.dump();
}

std::string kpInterrupt(int tab) { return laptop().interrupt(tab); }

std::string kpPrompt(int tab) { return laptop().terminal(tab).prompt(); }

std::string kpJournal() { return laptop().journal().dump(); }

std::string kpJournalUndo() { return laptop().journalBeforeLastCommand().dump(); }

std::string kpUndo() {
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::string> tabs;
    const bool ok = kp::web::session().undo(tabs);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return kp::Json{{"ok", ok}, {"tabs", tabs}, {"ms", ms}}.dump();
}

bool kpCheckpointsWork(double budgetMs) {
    const auto started = std::chrono::steady_clock::now();
    kp::web::Session& s = kp::web::session();
    if (s.freeRetired())
        return true;  // that was this slice's work
    do {
        if (!s.checkpoints().step(s.laptop(), s.held(&kp::web::visualizer().timeTravel().past())))
            return false;
    } while (std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count() < budgetMs);
    return true;
}

// The checkpoints, with their memory: what the kept laptops hold and what the live one does
// (Laptop::estimatedBytes()), what a new slot is counted at, what the page's other laptops held
// (the scrub's, the one undo replaced) at the last step, the budget and how many laptops it
// leaves room for, and what all the page's laptops hold now. Bytes as JavaScript numbers.
std::string kpCheckpointsState() {
    kp::web::Session& s = kp::web::session();
    const kp::cli::ReplayCheckpoints& c = s.checkpoints();
    const int64_t liveBytes = s.laptop().estimatedBytes();
    const int64_t pageBytes = liveBytes + s.held(&kp::web::visualizer().timeTravel().past()).bytes + c.keptBytes();
    kp::Json times = kp::Json::array();
    for (kp::Time t : c.times())
        times.push_back(static_cast<double>(t.ms));
    return kp::Json{{"kept", c.size()},
                    {"timesMs", times},
                    {"wanted", c.wanted(s.laptop().journal()).size()},
                    {"keptBytes", static_cast<double>(c.keptBytes())},
                    {"liveBytes", static_cast<double>(liveBytes)},
                    {"peakBytes", static_cast<double>(c.peakBytes())},
                    {"heldBytes", static_cast<double>(c.held().bytes)},
                    {"budgetBytes", static_cast<double>(c.limits().memoryBudget)},
                    {"slots", c.slots()},
                    {"freed", c.stats().freed},
                    {"pageBytes", static_cast<double>(pageBytes)}}
        .dump();
}

// A new budget for the checkpoints' memory (bytes); what no longer fits is freed while idle.
void kpCheckpointsBudget(double bytes) {
    kp::web::session().checkpoints().setMemoryBudget(static_cast<int64_t>(std::max(0.0, bytes)));
}

std::string kpRestore(const std::string& text) {
    kp::Json journal = kp::Json::parse(text, nullptr, false);
    std::vector<std::string> tabs;
    const bool ok = laptop().replay(journal, [&](int tab, const std::string& out) {
        if (static_cast<int>(tabs.size()) <= tab)
            tabs.resize(static_cast<size_t>(tab) + 1);
        tabs[static_cast<size_t>(tab)] += out;
    });
    return kp::Json{{"ok", ok}, {"tabs", tabs}}.dump();
}

std::string kpExportManifests() { return kp::cli::exportManifests(kp::web::session().cluster()); }

bool kpIsComplete(const std::string& text) { return kp::cli::Shell::isComplete(text); }

std::string kpComplete(const std::string& line) {
    kp::web::Completion c = kp::web::complete(laptop(), line);
    return kp::Json{{"word", c.word}, {"candidates", c.candidates}}.dump();
}

// Milliseconds as a JavaScript number (double): embind has no int64.
void kpAdvance(double ms) {
    if (ms <= 0)
        return;
    laptop().advance(kp::Duration::millis(static_cast<int64_t>(ms)));
}

double kpNowMs() { return static_cast<double>(kp::web::session().cluster().now().ms); }

double kpNextTimerMs() {
    kp::Cluster& cluster = kp::web::session().cluster();
    kp::Time next;
    if (!cluster.nextTimerAt(next))
        return -1;
    const int64_t away = (next - cluster.now()).ms;
    return static_cast<double>(away < 0 ? 0 : away);
}

std::string kpView() { return kp::view::toJson(kp::view::snapshot(kp::web::session().cluster())).dump(); }

std::string kpExplain(const std::string& kind, const std::string& ns, const std::string& name) {
    const kp::Cluster& cluster = kp::web::session().cluster();
    const kp::view::Explanation x = kp::view::explain(cluster, kind, ns, name);
    kp::Json out = kp::view::toJson(x);
    kp::Json writes = kp::Json::array();
    for (const kp::web::ObjectWrite& w : kp::web::objectWrites(cluster, x.resource, x.namespace_, x.name))
        writes.push_back({{"timeMs", static_cast<double>(w.time.ms)}, {"actor", w.actor}, {"verb", w.verb}, {"detail", w.detail}});
    out["writes"] = writes;
    return out.dump();
}

std::string kpSelection() {
    const kp::web::Selection& s = kp::web::visualizer().selection();
    return kp::Json{{"kind", s.kind}, {"namespace", s.namespace_}, {"name", s.name}}.dump();
}

void kpSelect(const std::string& kind, const std::string& ns, const std::string& name) {
    kp::web::visualizer().select({kind, ns, name});
}

std::string kpInspectorActions() {
    kp::Json out = kp::Json::array();
    for (const kp::web::InspectorAction& a : kp::web::inspectorActions(kp::web::session().cluster(), kp::web::visualizer().selection()))
        out.push_back({{"label", a.label}, {"command", a.command}});
    return out.dump();
}

bool kpInspectorAct(const std::string& label) {
    for (const kp::web::InspectorAction& a : kp::web::inspectorActions(kp::web::session().cluster(), kp::web::visualizer().selection())) {
        if (a.label != label)
            continue;
        kp::web::platform::runInTerminal(a.command);
        return true;
    }
    return false;
}

std::string kpMapState() {
    const kp::web::ClusterMap& map = kp::web::visualizer().map();
    size_t aggregated = 0, chips = 0;
    for (const kp::web::MapLayout::NodeCard& card : map.layout().nodes) {
        aggregated += card.aggregated ? 1 : 0;
        chips += card.chips.size();
    }
    kp::Json pods = kp::Json::array();
    for (size_t i = 0; i < map.drawnChipCount(); ++i) {
        const kp::web::ClusterMap::DrawnChip& d = map.drawnChips()[i];
        kp::Json restart = nullptr;
        if (d.restartBadge)
            restart = d.badgeText;
        pods.push_back({{"pod", d.pod},
                        {"color", kp::web::colors::statusOfColor(d.fill)},
                        {"restartBadge", restart},
                        {"readiness", d.readyFill >= 1.0f ? "ready" : "not-ready"},
                        {"readyFill", d.readyFill}});
    }
    return kp::Json{{"zoom", map.zoom()},
                    {"pan", {map.pan().x, map.pan().y}},
                    {"userMoved", map.userMoved()},
                    {"cards", map.layout().nodes.size()},
                    {"aggregated", aggregated},
                    {"chips", chips},
                    {"pods", pods}}
        .dump();
}

std::string kpTimelineRows(const std::string& tab) {
    const kp::web::LogTab which = tab == "scheduling" ? kp::web::LogTab::Scheduling
                                  : tab == "traffic"  ? kp::web::LogTab::Traffic
                                                      : kp::web::LogTab::Writes;
    kp::Json out = kp::Json::array();
    for (const kp::LogRecord* r : kp::web::tabRecords(laptop().cluster().eventLog(), which, kp::web::Timeline::kMaxLogRows))
        out.push_back({{"time", kp::web::Timeline::clockTime(r->time)},
                       {"who", r->actor.str()},
                       {"verb", r->verb.str()},
                       {"object", kp::web::recordObject(*r)},
                       {"detail", r->detail.str()}});
    return out.dump();
}

std::string kpMapPodPosition(const std::string& ns, const std::string& name) {
    ImVec2 at;
    if (!kp::web::visualizer().map().podScreenPosition(ns, name, at))
        return "null";
    const double cssPerPixel = 1.0 / kp::web::platform::canvasPixelRatio();  // canvas pixels -> CSS pixels
    return kp::Json{{"x", at.x * cssPerPixel}, {"y", at.y * cssPerPixel}}.dump();
}

void kpBenchView(double pods) { kp::web::visualizer().useSyntheticView(static_cast<size_t>(pods)); }

std::string kpFrameStats() {
    const kp::web::platform::FrameStats s = kp::web::platform::frameStats();
    return kp::Json{{"meanMs", s.meanMs}, {"maxMs", s.maxMs}, {"frames", s.frames}, {"drawn", s.drawn}, {"skipped", s.skipped}}.dump();
}

std::string kpScrubState() {
    const kp::web::TimeTravel& t = kp::web::visualizer().timeTravel();
    return kp::Json{{"past", t.viewingPast()},
                    {"atMs", static_cast<double>(t.viewedAt().ms)},
                    {"liveMs", static_cast<double>(t.liveNow().ms)},
                    {"replayMs", t.lastReplayMs()}}
        .dump();
}

std::string kpScrub(double ms) {
    kp::web::TimeTravel& t = kp::web::visualizer().timeTravel();
    if (ms < 0)
        t.backToLive();
    else
        t.seek(kp::Time{static_cast<int64_t>(ms)});
    t.finish();
    return kpScrubState();
}

std::string kpScrubStep(int direction) {
    kp::web::TimeTravel& t = kp::web::visualizer().timeTravel();
    if (direction > 0)
        t.stepForward();
    else
        t.stepBack();
    t.finish();
    return kpScrubState();
}

std::string kpShownView() { return kp::view::toJson(kp::view::snapshot(kp::web::visualizer().timeTravel().shown())).dump(); }

void kpSetTheme(bool light) { kp::web::visualizer().setLightTheme(light); }

void kpSetLanguage(const std::string& language) { kp::web::setLanguage(language); }

void kpAddCanvasFont(const std::string& ttf) { kp::web::platform::mergeFont(ttf, kp::web::chineseGlyphs()); }

bool kpCanvasHasGlyph(int codepoint) {
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    return atlas->Fonts.Size > 0 && atlas->Fonts[0]->FindGlyphNoFallback(static_cast<ImWchar>(codepoint)) != nullptr;
}

std::string kpMapHubs() {
    const kp::web::MapLayout& l = kp::web::visualizer().map().layout();
    kp::Json services = kp::Json::array(), ingresses = kp::Json::array();
    for (const auto& [key, at] : l.serviceCenters)
        services.push_back(key);
    for (const kp::web::MapLayout::IngressHub& hub : l.ingresses) {
        kp::Json routes = kp::Json::array();
        for (const kp::web::IngressRoute& r : hub.ingress->routes)
            routes.push_back(r.service);
        ingresses.push_back({{"name", hub.ingress->namespace_ + "/" + hub.ingress->name}, {"routes", routes}});
    }
    const kp::web::ClusterMap& map = kp::web::visualizer().map();
    return kp::Json{{"services", services},
                    {"ingresses", ingresses},
                    {"trafficFlows", map.trafficFlows()},
                    {"apiWriteFlows", map.apiWriteFlows()},
                    {"schedulingFlows", map.schedulingFlows()},
                    {"dnsFlows", map.dnsFlows()},
                    {"lastDnsClient", map.lastDnsClient()},
                    {"activeFlows", map.activeFlows()}}
        .dump();
}

std::string kpDashboardState() {
    const kp::web::Dashboard& d = kp::web::visualizer().dashboard();
    return kp::Json{{"visible", d.drawnFrame() == ImGui::GetFrameCount()}, {"rows", d.drawnRows()}}.dump();
}

std::string kpTimelineState() {
    const kp::web::Timeline& t = kp::web::visualizer().timeline();
    const double css = 1.0 / kp::web::platform::canvasPixelRatio();  // canvas pixels -> CSS pixels
    const ImVec2 lo = t.filterMin(), hi = t.filterMax();
    const ImVec2 slo = t.scrubMin(), shi = t.scrubMax();
    return kp::Json{{"filter", t.filterText()},
                    {"filterBox", {{"x", lo.x * css}, {"y", lo.y * css}, {"w", (hi.x - lo.x) * css}, {"h", (hi.y - lo.y) * css}}},
                    {"tab", t.shownTab()},
                    {"shownRows", t.shownRows()},
                    {"matchedRows", t.matchedRows()},
                    {"rows", t.shownLines()},
                    {"scrub", {{"box", {{"x", slo.x * css}, {"y", slo.y * css}, {"w", (shi.x - slo.x) * css}, {"h", (shi.y - slo.y) * css}}},
                               {"disabled", t.scrubDisabled()},
                               {"tooltip", t.scrubTooltip()}}}}
        .dump();
}

void kpTimelineShow(const std::string& tab, const std::string& filter) { kp::web::visualizer().timeline().show(tab, filter); }

std::string kpInspectorState() {
    const kp::web::Inspector& i = kp::web::visualizer().inspector();
    return kp::Json{{"headers", i.drawnHeaders()}, {"labels", i.drawnLabels()}}.dump();
}

}  // namespace

EMSCRIPTEN_BINDINGS(kubeplay) {
    emscripten::function("kp_version", &kpVersion);
    emscripten::function("kp_eval", &kpEval);
    emscripten::function("kp_run", &kpRun);
    emscripten::function("kp_poll", &kpPoll);
    emscripten::function("kp_interrupt", &kpInterrupt);
    emscripten::function("kp_prompt", &kpPrompt);
    emscripten::function("kp_journal", &kpJournal);
    emscripten::function("kp_journal_undo", &kpJournalUndo);
    emscripten::function("kp_restore", &kpRestore);
    emscripten::function("kp_undo", &kpUndo);
    emscripten::function("kp_checkpoints_work", &kpCheckpointsWork);
    emscripten::function("kp_checkpoints_state", &kpCheckpointsState);
    emscripten::function("kp_checkpoints_budget", &kpCheckpointsBudget);
    emscripten::function("kp_export_manifests", &kpExportManifests);
    emscripten::function("kp_is_complete", &kpIsComplete);
    emscripten::function("kp_complete", &kpComplete);
    emscripten::function("kp_advance", &kpAdvance);
    emscripten::function("kp_now_ms", &kpNowMs);
    emscripten::function("kp_next_timer_ms", &kpNextTimerMs);
    emscripten::function("kp_view", &kpView);
    emscripten::function("kp_explain", &kpExplain);
    emscripten::function("kp_selection", &kpSelection);
    emscripten::function("kp_select", &kpSelect);
    emscripten::function("kp_inspector_actions", &kpInspectorActions);
    emscripten::function("kp_inspector_act", &kpInspectorAct);
    emscripten::function("kp_timeline_rows", &kpTimelineRows);
    emscripten::function("kp_map_state", &kpMapState);
    emscripten::function("kp_map_pod_position", &kpMapPodPosition);
    emscripten::function("kp_dashboard_state", &kpDashboardState);
    emscripten::function("kp_timeline_state", &kpTimelineState);
    emscripten::function("kp_timeline_show", &kpTimelineShow);
    emscripten::function("kp_inspector_state", &kpInspectorState);
    emscripten::function("kp_bench_view", &kpBenchView);
    emscripten::function("kp_frame_stats", &kpFrameStats);
    emscripten::function("kp_scrub", &kpScrub);
    emscripten::function("kp_scrub_step", &kpScrubStep);
    emscripten::function("kp_scrub_state", &kpScrubState);
    emscripten::function("kp_shown_view", &kpShownView);
    emscripten::function("kp_map_hubs", &kpMapHubs);
    emscripten::function("kp_set_theme", &kpSetTheme);
    emscripten::function("kp_set_language", &kpSetLanguage);
    emscripten::function("kp_add_canvas_font", &kpAddCanvasFont);
    emscripten::function("kp_canvas_has_glyph", &kpCanvasHasGlyph);
}
