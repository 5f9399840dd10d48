#include "base/result.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace sandtab {
namespace {

Result<int> ParseDigit(char c) {
  if (c < '0' || c > '9') return Error{std::string("not a digit: ") + c};
  return c - '0';
}

Result<int> SumOfTwoDigits(const std::string& text) {
  ASSIGN_OR_RETURN(const int first, ParseDigit(text.at(0)));
  int second = 0;
  ASSIGN_OR_RETURN(second, ParseDigit(text.at(1)), "second digit");
  return first + second;
}

Status CheckSum(const std::string& text, int* checked) {
  TRY(SumOfTwoDigits(text), "sum of " + text);
  TRY(Status(OkStatus()));
  ++*checked;
  return OkStatus();
}

TEST(Result, AssignOrReturnPassesTheValueOn) {
  const Result<int> sum = SumOfTwoDigits("34");
  ASSERT_TRUE(sum.ok()) << sum.error();
  EXPECT_EQ(*sum, 7);
}

TEST(Result, AssignOrReturnForwardsTheErrorUnchanged) {
  const Result<int> sum = SumOfTwoDigits("x4");
  ASSERT_FALSE(sum.ok());
  EXPECT_EQ(sum.error(), "not a digit: x");
}

TEST(Result, AssignOrReturnAddsTheContextItIsGiven) {
  const Result<int> sum = SumOfTwoDigits("3y");
  ASSERT_FALSE(sum.ok());
  EXPECT_EQ(sum.error(), "second digit: not a digit: y");
}

TEST(Result, TryReturnsEarlyOnlyOnFailure) {
  int checked = 0;
  ASSERT_TRUE(CheckSum("12", &checked).ok());
  EXPECT_EQ(checked, 1);

  const Status failed = CheckSum("1z", &checked);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error(), "sum of 1z: second digit: not a digit: z");
  EXPECT_EQ(checked, 1) << "the step after a failed TRY must not run";
}

TEST(Result, TryIsOneStatementUnderAnIfWithoutBraces) {
  const auto run = [](bool check, const std::string& text) -> Status {
    if (check)
      TRY(SumOfTwoDigits(text));
    else
      return Error{"not checked"};
    return OkStatus();
  };
  EXPECT_TRUE(run(true, "11").ok());
  EXPECT_EQ(run(true, "a1").error(), "not a digit: a");
  EXPECT_EQ(run(false, "11").error(), "not checked");
}

Result<std::unique_ptr<int>> MakeBox(int value) {
  if (value < 0) return Error{"negative"};
  return std::make_unique<int>(value);
}

Result<int> Unbox(int value) {
  ASSIGN_OR_RETURN(std::unique_ptr<int> box, MakeBox(value));
  return *box;
}

TEST(Result, AssignOrReturnMovesAMoveOnlyValue) {
  EXPECT_EQ(*Unbox(5), 5);
  EXPECT_EQ(Unbox(-1).error(), "negative");
}

TEST(Result, TakeErrorGivesBackTheError) {
  Result<int> failed = Error{"disk full"};
  const Error error = std::move(failed).TakeError();
  EXPECT_EQ(error.message, "disk full");
  EXPECT_EQ(Error{"disk full"}.WithContext("saving").message, "saving: disk full");
}

}  // namespace
}  // namespace sandtab
