// Scenarios stored in the workspace: validated events, refusals that write nothing, and a
// writer killed mid-way leaving a log that still replays.
#include <chrono>
#include <csignal>
#include <iostream>
#include <thread>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include "tiny_workspace.hpp"
#include "zanplan/ledger.hpp"

using namespace zanplan;
using zanplan::testing::tiny_store;
using zanplan::testing::tiny_workspace;

namespace {

constexpr double eps = 1e-9;

// Runs f, which must throw a usage or config error naming key; returns the message.
template <typename F>
std::string expect_refused(F&& f, const std::string& key) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_TRUE(e.kind() == ErrorKind::usage || e.kind() == ErrorKind::config) << e.describe();
    EXPECT_EQ(e.context().key, key) << e.describe();
    return e.message();
  }
  ADD_FAILURE() << "not refused (expected an error on " << key << ")";
  return {};
}

Transfer transfer(const std::string& from, const std::string& to, double hectares) {
  return {parse_territory(from, "from"), to, hectares, "test", "tester", ""};
}

}  // namespace

TEST(ScenarioStore, CreateAddProjectAndReplay) {
  const auto path = tiny_workspace("store_create");
  auto store = tiny_store(path);
  EXPECT_TRUE(store.scenarios().empty());
  store.create("plan", "climat-resilience-2023", "first draft", "alice");
  // PENE is an input: a project is PENE only as listed or as an explicit, flagged assumption.
  expect_refused([&] { store.add_project("plan", {"giga", "99005", "", 20.0, 2026, true, "gigafactory"}, "a"); },
                 "pene");
  Project giga{"giga", "99005", "", 20.0, 2026, true, "gigafactory"};
  giga.pene_assumed = true;
  store.add_project("plan", giga, "alice");
  Project plant{"plant", "99001", "", 7.0, 2025, false, "gigafactory"};
  plant.industrial = true;
  store.add_project("plan", plant, "bob");
  EXPECT_EQ(store.scenarios(), (std::vector<std::string>{"plan"}));

  // A fresh store reads the same log back.
  const Scenario s = tiny_store(path).load("plan");
  EXPECT_EQ(s.regime_id, "climat-resilience-2023");
  EXPECT_EQ(s.description, "first draft");
  EXPECT_EQ(s.created_by, "alice");
  ASSERT_EQ(s.projects.size(), 2U);
  EXPECT_TRUE(s.projects[0].pene);
  EXPECT_TRUE(s.projects[0].pene_assumed);
  EXPECT_TRUE(s.projects[0].pene_listed_id.empty());
  EXPECT_FALSE(s.charge_level);  // the regime's
  EXPECT_DOUBLE_EQ(s.projects[1].enaf_ha, 7.0);
  EXPECT_TRUE(s.projects[1].industrial);
  EXPECT_FALSE(s.projects[0].industrial);
  const auto log = store.events("plan");
  ASSERT_EQ(log.size(), 3U);
  EXPECT_EQ(log[2].author, "bob");
  EXPECT_EQ(log[2].seq, 3);

  const Ledger ledger = store.ledger("plan");
  EXPECT_NEAR(ledger.find(Level::commune, "99001")->remaining_ha, 0.6, eps);  // 15.6 − 8 − 7
  EXPECT_DOUBLE_EQ(ledger.find(Level::commune, "99005")->committed_ha, 0.0);
  EXPECT_EQ(ledger.charge_level, ChargeLevel::scot);
  EXPECT_DOUBLE_EQ(ledger.pene_total_ha, 20.0);

  expect_refused([&] { store.create("plan", "climat-resilience-2023", "", "a"); }, "name");
  expect_refused([&] { store.add_project("plan", {"plant", "99002", "", 1.0, 2025, false, ""}, "a"); }, "id");
  expect_refused(
      [&] {
        store.add_project("nope", {"x", "99002", "", 1.0, 2025, false, ""}, "a");
      },
      "scenario");
  expect_refused(
      [&] {
        store.add_project("plan", {"x", "12345", "", 1.0, 2025, false, ""}, "a");
      },
      "commune");
  expect_refused(
      [&] {
        store.add_project("plan", {"x", "99002", "", -1.0, 2025, false, ""}, "a");
      },
      "enaf_ha");
  expect_refused([&] { store.add_project("plan", {"x", "99002", "", 1.0, 2019, false, ""}, "a"); }, "year");
  expect_refused([&] { store.add_project("plan", {"x", "99002", "", 1.0, 2031, false, ""}, "a"); }, "year");
  EXPECT_THROW(store.create("other", "no-such-regime", "", "a"), Error);
  EXPECT_EQ(store.events("plan").size(), 3U);
  EXPECT_EQ(store.scenarios().size(), 1U);
}

TEST(ScenarioStore, TransferWithinAnEpciMovesExactlyTheHectares) {
  const auto path = tiny_workspace("store_transfer");
  auto store = tiny_store(path);
  store.create("t", "climat-resilience-2023", "", "alice");
  const Ledger before = store.ledger("t");
  store.transfer("t", transfer("99002", "99001", 3.0));  // both in E1
  const Ledger after = store.ledger("t");
  EXPECT_NEAR(after.find(Level::commune, "99002")->remaining_ha, 3.8 - 3.0, eps);
  EXPECT_NEAR(after.find(Level::commune, "99001")->remaining_ha, 7.6 + 3.0, eps);
  EXPECT_DOUBLE_EQ(after.find(Level::commune, "99002")->transfers_out_ha, 3.0);
  EXPECT_DOUBLE_EQ(after.find(Level::commune, "99001")->transfers_in_ha, 3.0);
  // Inside E1 and the region nothing is created or lost.
  EXPECT_NEAR(after.find(Level::epci, "E1")->remaining_ha, before.find(Level::epci, "E1")->remaining_ha, eps);
  EXPECT_NEAR(after.find(Level::region, "99")->remaining_ha, 30.3, eps);
  // 99001 (E1) → 99003 (E2) is allowed: both are in SCoT S1.
  store.transfer("t", transfer("99001", "99003", 0.5));
  EXPECT_NEAR(store.ledger("t").find(Level::commune, "99003")->remaining_ha, 1.3, eps);
  const auto log = store.events("t");
  ASSERT_EQ(log.size(), 3U);
  EXPECT_EQ(log[1].kind, "transfer");
  EXPECT_EQ(log[1].author, "tester");
  const auto payload = nlohmann::json::parse(log[1].payload);
  EXPECT_EQ(payload["from"], "99002");
  EXPECT_EQ(payload["to"], "99001");
  EXPECT_DOUBLE_EQ(payload["hectares"].get<double>(), 3.0);
}

TEST(ScenarioStore, RefusedTransfersWriteNothing) {
  const auto path = tiny_workspace("store_refused");
  auto store = tiny_store(path);
  store.create("r", "climat-resilience-2023", "", "alice");
  const std::size_t length = store.events("r").size();
  // 99001 (E1, S1) and 99005 (E3, no SCoT) are unrelated.
  const std::string message =
      expect_refused([&] { store.transfer("r", transfer("99001", "99005", 1.0)); }, "to");
  EXPECT_NE(message.find("neither an EPCI nor a SCoT"), std::string::npos) << message;
  // 99004 and 99005 both have no SCoT: an empty SCoT id is no relation.
  expect_refused([&] { store.transfer("r", transfer("99004", "99005", 1.0)); }, "to");
  expect_refused([&] { store.transfer("r", transfer("99002", "99001", 4.5)); }, "hectares");  // 3.8 ha left
  expect_refused([&] { store.transfer("r", transfer("99002", "99001", -1.0)); }, "hectares");
  expect_refused([&] { store.transfer("r", transfer("99999", "99001", 1.0)); }, "from");
  expect_refused([&] { store.transfer("r", transfer("99002", "99998", 1.0)); }, "to");
  expect_refused([&] { store.transfer("r", transfer("epci:E1", "99001", 1.0)); }, "from");  // no reserve
  expect_refused([&] { store.set_reserve("r", {{Level::epci, "E9"}, 1.0}, "a"); }, "territory");
  expect_refused([&] { store.set_reserve("r", {{Level::commune, "99001"}, 1.0}, "a"); }, "territory");
  expect_refused([&] { store.set_reserve("r", {{Level::epci, "E1"}, -2.0}, "a"); }, "hectares");
  EXPECT_EQ(store.events("r").size(), length);
  const Ledger ledger = store.ledger("r");
  EXPECT_NEAR(ledger.find(Level::commune, "99001")->remaining_ha, 7.6, eps);
  EXPECT_NEAR(ledger.find(Level::commune, "99005")->remaining_ha, 9.0, eps);
}

TEST(ScenarioStore, AScenarioChoosesItsChargeLevel) {
  const auto path = tiny_workspace("store_level");
  auto store = tiny_store(path);
  store.create("by-commune", "climat-resilience-2023", "", "alice", ChargeLevel::commune);
  store.create("by-regime", "climat-resilience-2023", "", "alice");
  EXPECT_EQ(store.load("by-commune").charge_level, ChargeLevel::commune);
  EXPECT_EQ(store.ledger("by-commune").charge_level, ChargeLevel::commune);
  EXPECT_EQ(store.ledger("by-regime").charge_level, ChargeLevel::scot);
  const auto payload = nlohmann::json::parse(store.events("by-commune")[0].payload);
  EXPECT_EQ(payload["charge_level"], "commune");
}

TEST(ScenarioStore, ReserveFeedsCommunesOfItsTerritoryOnly) {
  const auto path = tiny_workspace("store_reserve");
  auto store = tiny_store(path);
  store.create("r", "climat-resilience-2023", "", "alice");
  store.set_reserve("r", {{Level::epci, "E2"}, 2.0}, "alice");
  store.transfer("r", transfer("epci:E2", "99004", 1.5));
  expect_refused([&] { store.transfer("r", transfer("epci:E2", "99003", 0.6)); }, "hectares");   // 0.5 left
  expect_refused([&] { store.transfer("r", transfer("epci:E2", "99001", 0.1)); }, "to");         // not in E2
  expect_refused([&] { store.set_reserve("r", {{Level::epci, "E2"}, 1.0}, "a"); }, "hectares");  // 1.5 given
  const Ledger ledger = store.ledger("r");
  EXPECT_NEAR(ledger.find(Level::commune, "99004")->remaining_ha, 6.5, eps);
  const LedgerRow* e2 = ledger.find(Level::epci, "E2");
  EXPECT_NEAR(e2->reserve_ha, 2.0, eps);
  EXPECT_NEAR(e2->envelope_ha, 10.0, eps);
  EXPECT_NEAR(e2->remaining_ha, 5.8 + 2.0, eps);
  EXPECT_EQ(store.events("r").size(), 3U);
}

namespace {

// Forks a writer that appends projects to scenario "crash" in a loop, and kills it with
// SIGKILL once the log holds at least `events` events. Returns whether it left a rollback
// journal: the kill caught a transaction under way (a journal whose header was not yet
// written is not "hot" and is simply ignored, a hot one is rolled back by the next reader).
bool kill_writer_after(const std::filesystem::path& path, int round, std::size_t events) {
  const pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    try {
      auto store = tiny_store(path);
      for (int i = 0;; ++i) {
        const std::string id = "r" + std::to_string(round) + "p" + std::to_string(i);
        store.add_project("crash", {id, "99001", "", 0.001, 2025, false, "x"}, "child");
      }
    } catch (...) {
      ::_exit(1);
    }
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (read_all_events(path).size() < events && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(7 + 13 * round));
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status)) << "the writer stopped by itself: " << status;
  return std::filesystem::exists(path.string() + "-journal");
}

}  // namespace

// The log a killed writer leaves must replay: every event whole (its JSON parses) and seq
// contiguous. Three rounds, so that some kill usually lands inside a transaction.
TEST(ScenarioStore, KilledWriterLeavesAWholeLog) {
  const auto path = tiny_workspace("store_crash");
  tiny_store(path).create("crash", "climat-resilience-2023", "", "parent");
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const std::size_t before = read_all_events(path).size();
    const bool mid_transaction = kill_writer_after(path, round, before + 15);
    std::cout << "[          ] round " << round << ", writer left a journal: " << std::boolalpha
              << mid_transaction << '\n';
    auto store = tiny_store(path);
    const auto events = store.events("crash");
    ASSERT_GE(events.size(), before + 15);
    for (std::size_t i = 0; i < events.size(); ++i) {
      EXPECT_EQ(events[i].seq, static_cast<std::int64_t>(i) + 1);
      const auto payload =
          nlohmann::json::parse(events[i].payload, nullptr, false);  // no throw: discarded on error
      EXPECT_FALSE(payload.is_discarded()) << events[i].seq;
      EXPECT_EQ(payload.contains("id"), i > 0) << events[i].seq;  // every event after "create" is a project
    }
    EXPECT_EQ(store.load("crash").projects.size(), events.size() - 1);
  }
  // The workspace is still writable after the crashes.
  auto store = tiny_store(path);
  const std::size_t length = store.events("crash").size();
  store.add_project("crash", {"after", "99002", "", 1.0, 2025, false, "x"}, "parent");
  EXPECT_EQ(store.events("crash").size(), length + 1);
}
