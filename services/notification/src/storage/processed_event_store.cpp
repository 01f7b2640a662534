#include "storage/processed_event_store.hpp"

#include <pqxx/pqxx>

namespace ecn::notification::storage {
namespace {

// processed_events_processed_at_idx (migration 000006) finds the oldest rows without a scan.
const std::string kPurge =
    "WITH doomed AS ("
    "  SELECT event_id FROM processed_events "
    "  WHERE processed_at < now() - $1::bigint * interval '1 second' "
    "  ORDER BY processed_at LIMIT $2 FOR UPDATE SKIP LOCKED), "
    "gone AS ("
    "  DELETE FROM processed_events p USING doomed d WHERE p.event_id = d.event_id RETURNING 1) "
    "SELECT count(*) FROM gone";

}  // namespace

std::int64_t purge_processed_events(pqxx::transaction_base& tx, std::chrono::seconds older_than,
                                    std::int64_t limit) {
  return tx.exec_params1(kPurge, static_cast<std::int64_t>(older_than.count()), limit)[0]
      .as<std::int64_t>();
}

}  // namespace ecn::notification::storage
