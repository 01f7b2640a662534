#include "ecn/core/batch_ids.hpp"

#include <gtest/gtest.h>

namespace {

using ecn::core::match_batch;
using ecn::core::parse_batch_ids;

constexpr const char* kA = "0192f0c1-7a2b-7c3d-8e4f-00112233445a";
constexpr const char* kB = "0192f0c1-7a2b-7c3d-8e4f-00112233445b";

TEST(BatchIdsTest, KeepsEachIdOnceInFirstAskedOrder) {
  const auto batch = parse_batch_ids({kB, "0192F0C1-7A2B-7C3D-8E4F-00112233445A", kB, kA}, 10);
  ASSERT_TRUE(batch) << batch.error();
  EXPECT_EQ(batch->ids, (std::vector<std::string>{kB, kA}));
  EXPECT_EQ(batch->as_asked,
            (std::vector<std::string>{kB, "0192F0C1-7A2B-7C3D-8E4F-00112233445A"}));
}

TEST(BatchIdsTest, RefusesTooManyAndNamesABadIdByIndex) {
  auto batch = parse_batch_ids({kA, kB, kA}, 2);
  ASSERT_FALSE(batch);
  EXPECT_EQ(batch.error().message, "ids: at most 2 ids per call, got 3");
  batch = parse_batch_ids({kA, "nope"}, 10);
  ASSERT_FALSE(batch);
  EXPECT_EQ(batch.error().message, "ids[1]: must be a UUID");
}

TEST(BatchIdsTest, MatchAnswersInRequestOrderAndReportsMissingAsAsked) {
  const auto batch = parse_batch_ids({kB, "0192F0C1-7A2B-7C3D-8E4F-00112233445A"}, 10);
  ASSERT_TRUE(batch);
  struct Row {
    std::string id;
    int value;
  };
  std::vector<int> found;
  std::vector<std::string> missing;
  match_batch(
      *batch, std::vector<Row>{{kB, 2}}, [](const Row& r) { return r.id; },
      [&](const Row& r) { found.push_back(r.value); },
      [&](const std::string& id) { missing.push_back(id); });
  EXPECT_EQ(found, (std::vector<int>{2}));
  EXPECT_EQ(missing, (std::vector<std::string>{"0192F0C1-7A2B-7C3D-8E4F-00112233445A"}));
}

}  // namespace
