// The PENE list as data: layout checks with errors naming the line and column, and the rule
// that only an annex I entry charges the national forfait.
#include "zanplan/pene.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "support/temporary.hpp"
#include "zanplan/error.hpp"
#include "zanplan/scoring/profile.hpp"

using namespace zanplan;

namespace {

const char* header = "id,name,category,annex,communes,hectares,verified,source,notes\n";

std::filesystem::path list_file(const std::string& rows) {
  const auto path = zanplan::test_support::temporary("pene.csv");
  std::ofstream(path) << header << rows;
  return path;
}

Error error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected an error";
  return Error(ErrorKind::internal, "none");
}

}  // namespace

TEST(PeneList, TheRegionsListLoadsAndSaysWhatIsNotVerified) {
  const PeneList list = load_pene_list(ZANPLAN_DATA_DIR "/region-32/pene-annex-1.csv");
  ASSERT_FALSE(list.projects.empty());
  const PeneProject* canal = list.find("csne");
  ASSERT_NE(canal, nullptr);
  EXPECT_EQ(canal->name, "Canal Seine-Nord Europe");
  EXPECT_EQ(canal->communes, (std::vector<std::string>{"60159", "59023"}));
  EXPECT_DOUBLE_EQ(*canal->hectares, 855.0);
  for (const auto& p : list.projects) {
    EXPECT_FALSE(p.source.empty()) << p.id;
    // Nothing in the bundled list could be checked against the arrêté's own text.
    EXPECT_FALSE(p.verified) << p.id;
    EXPECT_EQ(p.annex, PeneAnnex::not_established) << p.id;
  }
}

TEST(PeneList, OnlyAnAnnexIEntryIsAcceptedAsListed) {
  const PeneList list = load_pene_list(list_file(
      "a,Port extension,Ports,I,59183,100,yes,JORF 9 June 2024,\n"
      "b,Candidate plant,Industry,II,59447,,yes,JORF 9 June 2024,\n"
      "c,Canal,Canal,I-or-II,60159 59023,855,no,press,annex not established\n"));
  EXPECT_EQ(require_annex_i(list, "a", "--pene").id, "a");
  for (const char* id : {"b", "c", "zz"}) {
    const Error e = error_of([&] { (void)require_annex_i(list, id, "--pene"); });
    EXPECT_EQ(e.kind(), ErrorKind::usage) << id;
    EXPECT_EQ(e.context().key, "--pene");
    EXPECT_NE(e.message().find("--assume-pene"), std::string::npos) << e.message();
  }
}

TEST(PeneList, BadRowsNameTheLineAndColumn) {
  Error e = error_of([] { (void)load_pene_list(list_file("a,x,y,III,59183,,no,s,\n")); });
  EXPECT_EQ(e.kind(), ErrorKind::input);
  EXPECT_EQ(e.context().line, 2);
  EXPECT_EQ(e.context().key, "annex");
  e = error_of([] { (void)load_pene_list(list_file("a,x,y,I,5918,,no,s,\n")); });
  EXPECT_EQ(e.context().key, "communes");
  e = error_of([] { (void)load_pene_list(list_file("a,x,y,I,59183,,no,,\n")); });
  EXPECT_EQ(e.context().key, "source");
  e = error_of([] { (void)load_pene_list(list_file("a,x,y,I,59183,,no,s,\na,x,y,I,59183,,no,s,\n")); });
  EXPECT_EQ(e.context().line, 3);
  EXPECT_EQ(e.context().key, "id");
  e = error_of([] { (void)load_pene_list(list_file("a,x,y,I,59183,-2,no,s,\n")); });
  EXPECT_EQ(e.context().key, "hectares");
}

// "PENE is an input, never a guess": no shipped profile makes a project PENE by default.
TEST(PeneList, NoShippedProfileDefaultsToPene) {
  std::size_t profiles = 0;
  for (const auto& entry : std::filesystem::directory_iterator(ZANPLAN_DATA_DIR "/profiles")) {
    if (entry.path().extension() != ".toml") continue;
    ++profiles;
    EXPECT_FALSE(scoring::load_profile(entry.path()).pene_by_default) << entry.path();
  }
  EXPECT_GE(profiles, 3U);
}
