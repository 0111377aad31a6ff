// Undo and the timeline's scrub carry on from checkpoints (laptops replayed to earlier points of
// the journal) instead of replaying the whole session. What they give must be byte for byte what
// a replay from the start gives: the cluster's store, its event log, the virtual time, the files,
// what each terminal tab showed, and the journal itself.
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>

#include "cli/laptop.h"
#include "laptop.h"

using namespace kp;

namespace {

using Checkpoints = cli::ReplayCheckpoints;

// Everything a replay rebuilds, as text.
struct Rebuilt {
    Time now;
    std::string store;
    uint64_t logHash = 0;
    std::vector<std::string> screens;
    std::string journal;
    std::string notes;
    bool operator==(const Rebuilt&) const = default;
};

Rebuilt rebuilt(cli::Laptop& laptop, std::vector<std::string> screens) {
    while (!screens.empty() && screens.back().empty())
        screens.pop_back();
    return {laptop.cluster().now(), laptop.cluster().store().snapshot().dump(), laptop.cluster().eventLog().hash(),
            screens, laptop.journal().dump(), laptop.files().readFile("notes.txt").value_or("")};
}

// A replay from the start into a fresh laptop, whole or up to `until`.
Rebuilt fromStart(const Json& journal, Time until = Time{std::numeric_limits<int64_t>::max()}) {
    cli::Laptop fresh{test::laptopConfig()};
    std::vector<std::string> screens;
    auto echo = [&](int tab, const std::string& text) {
        if (screens.size() <= static_cast<size_t>(tab))
            screens.resize(static_cast<size_t>(tab) + 1);
        screens[static_cast<size_t>(tab)] += text;
    };
    REQUIRE(fresh.replayUntil(journal, until, echo));
    return rebuilt(fresh, screens);
}

// The page: a command, then frames of wall time while the learner reads; the checkpoints follow
// while the page is idle (`idleSteps` calls of step() after each command, or until done).
struct Page {
    std::unique_ptr<cli::Laptop> live = std::make_unique<cli::Laptop>(test::laptopConfig());
    Checkpoints checkpoints{test::laptopConfig(), {.recentCommands = 3, .spread = 3}};
    int idleSteps = 1 << 30;
    // Laptops the page holds besides the live one (the scrub's, the one undo replaced).
    Checkpoints::Held held;
    // The most the kept laptops held after any step (estimate), and the steps taken in all.
    int64_t worstKeptBytes = 0;
    int steps = 0;

    void type(int tab, const std::string& line, int waitSeconds) {
        live->run(tab, line);
        for (int frame = 0; frame < waitSeconds * 60; ++frame) {
            live->advance(Duration::millis(frame % 3 == 0 ? 16 : 17));
            live->poll(0);
            live->poll(1);
        }
        for (int i = 0; i < idleSteps && checkpoints.step(*live, held); ++i) {
            worstKeptBytes = std::max(worstKeptBytes, checkpoints.keptBytes() + held.bytes);
            REQUIRE(++steps < 100000);  // following the session settles (no laptop made and freed in turn)
        }
    }
    void session() {
        type(0, "minikube start", 3);
        type(1, "kubectl get pods -w", 0);
        type(0, "kubectl create deployment web --image=nginx:1.26 --replicas=3", 4);
        type(0, "kubectl expose deployment web --port=80", 2);
        type(0, "cat <<EOF > notes.txt\nfirst\nEOF", 1);
        type(0, "kubectl set image deployment/web nginx=nginx:1.27", 6);
        type(0, "kubectl scale deployment web --replicas=5", 3);
        type(0, "cat <<EOF > notes.txt\nsecond\nEOF", 2);
        type(0, "kubectl delete service web", 2);
    }
    // Undo as the page does it: the laptop the journal before the last command rebuilds.
    Rebuilt undo() {
        const Json before = live->journalBeforeLastCommand();
        REQUIRE(before.is_object());
        Checkpoints::Replayed r = checkpoints.take(before);
        Rebuilt got = rebuilt(*r.laptop, r.screens);
        live = std::move(r.laptop);
        return got;
    }
};

// Lets `seconds` of virtual time pass as the page does: small steps, polling between them.
void waitSeconds(cli::Laptop& laptop, int seconds) {
    for (int i = 0; i < seconds * 4; ++i) {
        laptop.advance(Duration::millis(250));
        laptop.poll(0);
    }
}

}  // namespace

TEST_CASE("undo from a checkpoint rebuilds what a replay from the start rebuilds", "[laptop][checkpoints]") {
    Page page;
    SECTION("checkpoints caught up while idle") {
        page.session();
        const Json journal = page.live->journal();
        // Wanted: before each of the last 3 commands, and 3 points spread over the session.
        const std::vector<Checkpoints::Point> wanted = page.checkpoints.wanted(journal);
        CHECK(wanted.size() == 6);
        const std::vector<Checkpoints::Point> held = page.checkpoints.points();
        CHECK(std::includes(held.begin(), held.end(), wanted.begin(), wanted.end()));
        CHECK(page.checkpoints.size() <= 3 + 3 + 1);
        const size_t lastCommand = journal["entries"].size() - 2;  // then the frames after it
        CHECK(wanted.back() == Checkpoints::Point{lastCommand, 0});
        // Undo three times in a row, each from the checkpoint just before the command.
        for (int i = 0; i < 3; ++i) {
            INFO("undo " << i + 1);
            const Json before = page.live->journalBeforeLastCommand();
            const Rebuilt expected = fromStart(before);
            CHECK(page.undo() == expected);
        }
        CHECK(page.live->files().readFile("notes.txt") == std::optional<std::string>("first\n"));
        // The session goes on from the undone laptop, and undo works again.
        page.type(0, "kubectl scale deployment web --replicas=1", 3);
        page.type(0, "kubectl delete deployment web", 2);
        const Rebuilt expected = fromStart(page.live->journalBeforeLastCommand());
        CHECK(page.undo() == expected);
        CHECK(page.live->cluster().store().get("deployments.apps", "default", "web") != nullptr);
    }
    SECTION("checkpoints half-way (little idle time)") {
        page.idleSteps = 3;
        page.session();
        for (int i = 0; i < 4; ++i) {
            INFO("undo " << i + 1);
            const Rebuilt expected = fromStart(page.live->journalBeforeLastCommand());
            CHECK(page.undo() == expected);
            for (int s = 0; s < 5; ++s)
                page.checkpoints.step(*page.live);
        }
    }
}

TEST_CASE("a scrub from a checkpoint shows what a replay from the start shows", "[laptop][checkpoints]") {
    Page page;
    page.session();
    const Json journal = page.live->journal();
    const Time start = test::laptopConfig().startTime;
    const int64_t length = (page.live->cluster().now() - start).ms;
    // Back and forth over the session; each scrub's laptop is given back when it is done.
    for (int64_t permille : {500, 250, 900, 100, 640, 999, 0}) {
        INFO("at " << permille << "/1000 of the session");
        const Time at = start + Duration::millis(length * permille / 1000);
        Checkpoints::Replayed r = page.checkpoints.takeNearest(journal, at);
        CHECK(r.laptop->cluster().now() <= at);
        r.carryOn(journal, at);
        CHECK(rebuilt(*r.laptop, r.screens) == fromStart(journal, at));
        page.checkpoints.give(std::move(r));
        for (int s = 0; s < 50; ++s)
            page.checkpoints.step(journal, page.live->estimatedBytes());
    }
    CHECK(page.checkpoints.size() <= 3 + 3 + 1);
}

TEST_CASE("replaying step by step gives what replay gives at once", "[laptop][checkpoints]") {
    Page page;
    page.idleSteps = 0;
    page.session();
    const Json journal = page.live->journal();
    cli::Laptop stepped{test::laptopConfig()};
    std::vector<std::string> screens;
    auto echo = [&](int tab, const std::string& text) {
        if (screens.size() <= static_cast<size_t>(tab))
            screens.resize(static_cast<size_t>(tab) + 1);
        screens[static_cast<size_t>(tab)] += text;
    };
    int steps = 0;
    while (stepped.replayStep(journal, Duration::millis(700), echo))
        ++steps;
    CHECK(steps > static_cast<int>(journal["entries"].size()));
    CHECK(stepped.replayedEntries() == journal["entries"].size());
    CHECK(rebuilt(stepped, screens) == fromStart(journal));
    // A journal that does not continue it: nothing runs.
    Json other = journal;
    other["entries"][0] = Json::array({"run", 0, "echo other"});
    CHECK_FALSE(stepped.replayStep(other, Duration::seconds(1)));
    CHECK_FALSE(stepped.canContinue(other));
}

TEST_CASE("checkpoints stay within their memory budget and undo still rebuilds what a replay does",
          "[laptop][checkpoints]") {
    // How big this session's laptop gets, by the estimate the budget counts with.
    Page probe;
    probe.idleSteps = 0;
    probe.session();
    const int64_t laptopBytes = probe.live->estimatedBytes();
    SECTION("room for two laptops: the points just before the last two commands (of three wanted)") {
        Page page;
        const int64_t budget = laptopBytes * 5 / 2;
        page.checkpoints.setMemoryBudget(budget);
        page.session();
        CHECK(page.checkpoints.slots() == 2);
        CHECK(page.worstKeptBytes <= budget);
        CHECK(page.checkpoints.keptBytes() <= budget);
        const Json journal = page.live->journal();
        const size_t lastCommand = journal["entries"].size() - 2;  // then the frames after it
        const std::vector<Checkpoints::Point> wanted = page.checkpoints.wanted(journal);
        REQUIRE(wanted.size() == 2);
        CHECK(wanted.back() == Checkpoints::Point{lastCommand, 0});
        CHECK(wanted.front() == Checkpoints::Point{lastCommand - 2, 0});
        CHECK(page.checkpoints.points() == wanted);
        CHECK_FALSE(page.checkpoints.step(*page.live));  // settled
        for (int i = 0; i < 3; ++i) {
            INFO("undo " << i + 1);
            const Rebuilt expected = fromStart(page.live->journalBeforeLastCommand());
            CHECK(page.undo() == expected);
        }
    }
    SECTION("room for four laptops: the last three commands' points and the middle of the session") {
        Page page;
        page.checkpoints.setMemoryBudget(laptopBytes * 9 / 2);
        page.session();
        CHECK(page.checkpoints.slots() == 4);
        CHECK(page.worstKeptBytes <= laptopBytes * 9 / 2);
        const Json journal = page.live->journal();
        const std::vector<Checkpoints::Point> wanted = page.checkpoints.wanted(journal);
        REQUIRE(wanted.size() == 4);
        CHECK(page.checkpoints.points() == wanted);
        // The first is where half of the time the journal lets pass has passed.
        int64_t total = 0, before = wanted.front().intoNextMs;
        for (size_t i = 0; i < journal["entries"].size(); ++i) {
            const Json& e = journal["entries"][i];
            const int64_t ms = e[0] == "advance" ? e[1].get<int64_t>() : 0;
            total += ms;
            if (i < wanted.front().entries)
                before += ms;
        }
        CHECK(before == total / 2);
        const Time middle = page.checkpoints.times().front();
        const Checkpoints::Point lastCommand{journal["entries"].size() - 2, 0};
        CHECK(wanted.back() == lastCommand);
        // A scrub back to the middle carries on from there.
        Checkpoints::Replayed r = page.checkpoints.takeNearest(journal, middle + Duration::seconds(1));
        CHECK(r.laptop->cluster().now() == middle);
        r.carryOn(journal, middle + Duration::seconds(1));
        CHECK(rebuilt(*r.laptop, r.screens) == fromStart(journal, middle + Duration::seconds(1)));
    }
    SECTION("no room for one laptop: none is kept and undo replays from the start") {
        Page page;
        page.session();
        CHECK(page.checkpoints.size() >= 6);
        page.checkpoints.setMemoryBudget(laptopBytes / 2);
        while (page.checkpoints.step(*page.live)) {
        }
        CHECK(page.checkpoints.slots() == 0);
        CHECK(page.checkpoints.size() == 0);
        CHECK(page.checkpoints.wanted(page.live->journal()).empty());
        CHECK(page.checkpoints.stats().freed >= 6);
        for (int i = 0; i < 2; ++i) {
            INFO("undo " << i + 1);
            const Rebuilt expected = fromStart(page.live->journalBeforeLastCommand());
            CHECK(page.undo() == expected);
        }
        // A scrub's laptop given back is not kept either.
        Checkpoints::Replayed r = page.checkpoints.takeNearest(page.live->journal());
        r.carryOn(page.live->journal());
        page.checkpoints.give(std::move(r));
        CHECK(page.checkpoints.size() == 0);
    }
}

TEST_CASE("a laptop's memory estimate grows with its cluster", "[laptop][checkpoints]") {
    cli::Laptop laptop{test::laptopConfig()};
    const int64_t empty = laptop.estimatedBytes();
    laptop.run(0, "minikube start");
    waitSeconds(laptop, 30);
    const int64_t started = laptop.estimatedBytes();
    laptop.run(0, "kubectl create deployment web --image=nginx:1.26 --replicas=40");
    waitSeconds(laptop, 60);
    const int64_t withPods = laptop.estimatedBytes();
    CHECK(empty < started);
    CHECK(started < withPods);
    // 40 pods, their Events and the writes that made them: some hundreds of kilobytes at least.
    CHECK(withPods - started > 40 * 8000);
    CHECK(laptop.estimatedBytes() == withPods);  // nothing changed: the same (cached) figure
}

TEST_CASE("a laptop's memory estimate goes down when its cluster does", "[laptop][checkpoints]") {
    cli::Laptop laptop{test::laptopConfig()};
    laptop.run(0, "minikube start");
    waitSeconds(laptop, 30);
    const int64_t started = laptop.estimatedBytes();
    laptop.run(0, "kubectl create deployment web --image=nginx:1.26 --replicas=40");
    waitSeconds(laptop, 60);
    const int64_t withPods = laptop.estimatedBytes();
    // The cluster goes with its store and the writes the store kept; the laptop's event log stays.
    laptop.run(0, "minikube delete");
    waitSeconds(laptop, 5);
    const int64_t noCluster = laptop.estimatedBytes();
    laptop.run(0, "minikube start");
    waitSeconds(laptop, 30);
    const int64_t again = laptop.estimatedBytes();
    INFO("started " << started << ", with pods " << withPods << ", deleted " << noCluster << ", started again " << again);
    CHECK(noCluster < withPods / 3);
    CHECK(noCluster < started);
    CHECK(again < withPods * 2 / 3);
}

namespace {

// A session with a big deployment, then its cluster deleted and started afresh.
void bigThenSmall(Page& page, bool small = true) {
    page.type(0, "minikube start", 3);
    page.type(0, "kubectl create deployment big --image=nginx:1.26 --replicas=60", 60);
    if (!small)
        return;
    page.type(0, "minikube delete", 3);
    page.type(0, "minikube start", 30);
    page.type(0, "kubectl create configmap a --from-literal=k=v", 1);
    page.type(0, "kubectl create configmap b --from-literal=k=v", 1);
}

}  // namespace

// Each slot is counted at the largest laptop held now, so the figure comes down once no laptop
// holds the big cluster; the page's other laptops take their part of the budget.
TEST_CASE("checkpoints count each slot at the largest laptop held now and the page's other laptops against the budget",
          "[laptop][checkpoints]") {
    Page probe;
    probe.idleSteps = 0;
    bigThenSmall(probe, false);
    const int64_t big = probe.live->estimatedBytes();
    Page probe2;
    probe2.idleSteps = 0;
    bigThenSmall(probe2);
    const int64_t small = probe2.live->estimatedBytes();
    INFO("big " << big << ", small " << small);
    REQUIRE(small * 11 / 10 < big);

    SECTION("the figure follows the cluster down, and so the slots up") {
        Page page;
        page.checkpoints = Checkpoints{test::laptopConfig(), {.recentCommands = 2, .spread = 0}};
        // One big laptop (with a small one besides while a laptop replays through the big past),
        // or two small ones and more.
        const int64_t budget = big + small + small / 10;
        page.checkpoints.setMemoryBudget(budget);
        bigThenSmall(page, false);
        CHECK(page.checkpoints.peakBytes() >= big);
        CHECK(page.checkpoints.slots() == 1);
        page.type(0, "minikube delete", 3);
        page.type(0, "minikube start", 30);
        page.type(0, "kubectl create configmap a --from-literal=k=v", 1);
        page.type(0, "kubectl create configmap b --from-literal=k=v", 1);
        // The points before the last two commands hold the small cluster, as the live laptop does.
        CHECK(page.checkpoints.peakBytes() < big);
        CHECK(page.checkpoints.peakBytes() == small);
        CHECK(page.checkpoints.slots() >= 2);
        CHECK(page.checkpoints.size() == 2);
        CHECK(page.worstKeptBytes <= budget);
        const Rebuilt expected = fromStart(page.live->journalBeforeLastCommand());
        CHECK(page.undo() == expected);
    }
    SECTION("the laptops the page holds besides the live one take their part of the budget") {
        Page page;
        page.checkpoints = Checkpoints{test::laptopConfig(), {.recentCommands = 2, .spread = 0}};
        const int64_t budget = big + small * 5 / 2;
        page.checkpoints.setMemoryBudget(budget);
        bigThenSmall(page);
        const size_t before = page.checkpoints.slots();
        CHECK(before == 3);  // recentCommands + spread + 1
        CHECK(page.checkpoints.size() == 2);
        // The scrub's laptop and the one undo replaced: a small laptop each.
        page.held.add(small);
        page.held.add(small);
        while (page.checkpoints.step(*page.live, page.held)) {
        }
        CHECK(page.checkpoints.held().bytes == 2 * small);
        const auto expected = static_cast<size_t>((budget - 2 * small) / small);
        CHECK(expected < before);
        CHECK(page.checkpoints.slots() == expected);
        CHECK(page.checkpoints.size() == expected);
        CHECK(page.checkpoints.keptBytes() + page.held.bytes <= budget);
        // A held laptop bigger than the rest: each slot is counted at its size.
        page.held = {};
        page.held.add(big);
        while (page.checkpoints.step(*page.live, page.held)) {
        }
        CHECK(page.checkpoints.peakBytes() == big);
        CHECK(page.checkpoints.slots() == static_cast<size_t>((budget - big) / big));
        CHECK(page.checkpoints.keptBytes() + page.held.bytes <= budget);
        // Given back (the timeline went live): the slots come back.
        page.held = {};
        while (page.checkpoints.step(*page.live, page.held)) {
        }
        CHECK(page.checkpoints.slots() == before);
        CHECK(page.checkpoints.size() == page.checkpoints.wanted(page.live->journal()).size());
    }
}
