#include "header_codec.hpp"

#include <boost/json.hpp>
#include <stdexcept>

namespace ecn::kafka::detail {

std::string encode_headers(const Headers& headers) {
  boost::json::array pairs;
  pairs.reserve(headers.size());
  for (const auto& [name, value] : headers) pairs.push_back(boost::json::array{name, value});
  return boost::json::serialize(pairs);
}

Headers decode_headers(std::string_view json) {
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(json, ec);
  if (ec || !parsed.is_array()) {
    throw std::invalid_argument("outbox headers are not a JSON array: " + std::string(json));
  }
  Headers headers;
  for (const auto& item : parsed.get_array()) {
    const auto* pair = item.if_array();
    if (pair == nullptr || pair->size() != 2 || !(*pair)[0].is_string() ||
        !(*pair)[1].is_string()) {
      throw std::invalid_argument("outbox header is not a [name, value] pair: " +
                                  boost::json::serialize(item));
    }
    headers.emplace_back(std::string((*pair)[0].get_string()),
                         std::string((*pair)[1].get_string()));
  }
  return headers;
}

}  // namespace ecn::kafka::detail
