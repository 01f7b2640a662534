#include "ecn/core/batch_ids.hpp"

#include <unordered_set>

#include "ecn/core/uuid.hpp"

namespace ecn::core {

Result<BatchIds> parse_batch_ids(const std::vector<std::string>& raw, std::size_t max_ids,
                                 std::string_view field) {
  if (raw.size() > max_ids) {
    return Error{ErrorCode::kInvalidArgument, std::string(field) + ": at most " +
                                                  std::to_string(max_ids) + " ids per call, got " +
                                                  std::to_string(raw.size())};
  }
  BatchIds batch;
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    auto id = parse_uuid(raw[i], std::string(field) + "[" + std::to_string(i) + "]");
    if (!id) return id.error();
    if (seen.insert(*id).second) {
      batch.ids.push_back(std::move(*id));
      batch.as_asked.push_back(raw[i]);
    }
  }
  return batch;
}

}  // namespace ecn::core
