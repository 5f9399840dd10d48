// SandboxQuestions: each question answered once, by its own report or with
// null; a report nobody asked for is an error (the tab's bad message).
#include "browser/tab/sandbox_questions.h"

#include <gtest/gtest.h>

#include <vector>

namespace sandtab::browser {
namespace {

proto::SandboxReport Report(uint64_t id) {
  proto::SandboxReport report;
  report.set_request_id(id);
  return report;
}

TEST(SandboxQuestionsTest, EachReportAnswersItsOwnQuestionOnce) {
  SandboxQuestions questions;
  std::vector<uint64_t> answered;
  const uint64_t first =
      questions.Ask([&](const proto::SandboxReport* r) { answered.push_back(r ? r->request_id() : 0); });
  const uint64_t second =
      questions.Ask([&](const proto::SandboxReport* r) { answered.push_back(r ? r->request_id() : 0); });
  EXPECT_NE(first, second);
  EXPECT_TRUE(questions.OnReport(Report(second)));
  EXPECT_TRUE(questions.OnReport(Report(first)));
  EXPECT_EQ(answered, (std::vector<uint64_t>{second, first}));
  EXPECT_FALSE(questions.OnReport(Report(first)));  // answered already
  EXPECT_EQ(questions.outstanding(), 0u);
}

TEST(SandboxQuestionsTest, AReportNobodyAskedForIsAnError) {
  SandboxQuestions questions;
  Status status = questions.OnReport(Report(7));
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().find("nobody asked"), std::string::npos);
}

TEST(SandboxQuestionsTest, FailAllAnswersNullAndAQuestionAskedThenWaits) {
  SandboxQuestions questions;
  int nulls = 0;
  uint64_t asked_again = 0;
  questions.Ask([&](const proto::SandboxReport* r) {
    if (!r) ++nulls;
    asked_again = questions.Ask([&](const proto::SandboxReport* again) { nulls += again ? 0 : 10; });
  });
  questions.FailAll();
  EXPECT_EQ(nulls, 1);
  EXPECT_EQ(questions.outstanding(), 1u);  // the new question is not failed with the old
  EXPECT_TRUE(questions.OnReport(Report(asked_again)));
  EXPECT_EQ(nulls, 1);
}

}  // namespace
}  // namespace sandtab::browser
