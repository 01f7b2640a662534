#include "ecn/graphql/document.hpp"

#include <utility>

namespace ecn::graphql {

Document::Document(std::unique_ptr<std::pmr::monotonic_buffer_resource> arena,
                   std::string_view source, const ast::DocumentNode* root,
                   std::uint32_t token_count)
    : arena_(std::move(arena)), source_(source), root_(root), token_count_(token_count) {}

Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&&) noexcept = default;
Document::~Document() = default;

}  // namespace ecn::graphql
