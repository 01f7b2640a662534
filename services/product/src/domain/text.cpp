#include "domain/text.hpp"

namespace ecn::product::domain {
namespace {

constexpr std::size_t kQuotedMax = 40;

}  // namespace

std::string quoted(std::string_view text) {
  if (text.size() <= kQuotedMax) return "\"" + std::string(text) + "\"";
  // Back off to a code point boundary so the message stays valid UTF-8.
  std::size_t cut = kQuotedMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return "\"" + std::string(text.substr(0, cut)) + "...\"";
}

}  // namespace ecn::product::domain
