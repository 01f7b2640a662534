#pragma once

#include <cstdint>
#include <memory>
#include <memory_resource>
#include <string_view>

#include "ecn/graphql/ast.hpp"

namespace ecn::graphql {

// A parsed GraphQL document: owns the source text and the arena holding every AST node, so
// the whole tree lives exactly as long as this object and is freed in one step. Movable (the
// nodes stay where they are), not copyable; share it with std::shared_ptr<const Document>.
class Document {
 public:
  // Made by parse(): `arena` holds `source` and every node reachable from `root`.
  Document(std::unique_ptr<std::pmr::monotonic_buffer_resource> arena, std::string_view source,
           const ast::DocumentNode* root, std::uint32_t token_count);
  Document(Document&&) noexcept;
  Document& operator=(Document&&) noexcept;
  ~Document();

  std::string_view source() const { return source_; }
  const ast::DocumentNode& root() const { return *root_; }
  ast::List<ast::Definition> definitions() const { return root_->definitions; }
  // Significant tokens read (comments excluded), as counted against ParseOptions::max_tokens.
  std::uint32_t token_count() const { return token_count_; }

 private:
  std::unique_ptr<std::pmr::monotonic_buffer_resource> arena_;
  std::string_view source_;
  const ast::DocumentNode* root_;
  std::uint32_t token_count_;
};

}  // namespace ecn::graphql
