// graphql-exec: runs one GraphQL request against a schema and a JSON document, resolving every
// field by property lookup (and abstract types by `__typename`), and prints the response.
#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "ecn/graphql/execution/execute.hpp"
#include "ecn/graphql/parser.hpp"
#include "ecn/graphql/validation/validate.hpp"

namespace {

namespace json = boost::json;
using namespace ecn::graphql;

constexpr std::string_view kUsage =
    "usage: graphql-exec --schema S.graphql --data root.json --query Q.graphql "
    "[--variables V.json] [--operation NAME] [--check-cached]\n"
    "  --check-cached  also execute the document as a cached one (field plans shared across\n"
    "                  requests, response in its own arena), twice, and exit 3 if any answer\n"
    "                  differs from the one-off execution's (the conformance suite uses it)\n";

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  out = text.str();
  return true;
}

int fail(const std::string& message) {
  std::fprintf(stderr, "graphql-exec: %s\n", message.c_str());
  return 2;
}

void print(const json::object& response) {
  std::printf("%s\n", json::serialize(response).c_str());
}

}  // namespace

int main(int argc, char** argv) {
  std::string schema_path, data_path, query_path, variables_path, operation;
  bool check_cached = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage.data(), stdout);
      return 0;
    }
    if (arg == "--check-cached") {
      check_cached = true;
      continue;
    }
    if (i + 1 >= argc) return fail("missing value for " + std::string(arg));
    std::string value = argv[++i];
    if (arg == "--schema") {
      schema_path = value;
    } else if (arg == "--data") {
      data_path = value;
    } else if (arg == "--query") {
      query_path = value;
    } else if (arg == "--variables") {
      variables_path = value;
    } else if (arg == "--operation") {
      operation = value;
    } else {
      return fail("unknown option " + std::string(arg) + "\n" + std::string(kUsage));
    }
  }
  if (schema_path.empty() || data_path.empty() || query_path.empty())
    return fail(std::string(kUsage));
  std::string sdl, data_text, query, variables_text = "{}";
  if (!read_file(schema_path, sdl)) return fail("cannot read " + schema_path);
  if (!read_file(data_path, data_text)) return fail("cannot read " + data_path);
  if (!read_file(query_path, query)) return fail("cannot read " + query_path);
  if (!variables_path.empty() && !read_file(variables_path, variables_text)) {
    return fail("cannot read " + variables_path);
  }
  auto schema = build_schema(sdl);
  if (!schema) return fail("invalid schema: " + schema.error().front().message);
  boost::system::error_code ec;
  json::value root = json::parse(data_text, ec);
  if (ec) return fail("invalid JSON in " + data_path);
  json::value variables = json::parse(variables_text, ec);
  if (ec || !variables.is_object()) return fail("invalid JSON object in " + variables_path);

  auto parsed = parse(query);
  if (!parsed) {
    const auto& error = parsed.error();
    print(json::object{
        {"errors",
         json::array{json::object{
             {"message", error.message},
             {"locations", json::array{json::object{{"line", error.location.line},
                                                    {"column", error.location.column}}}}}}}});
    return 0;
  }
  // The executor trusts its document, as the spec allows only for a validated one.
  const auto invalid = validation::validate(**schema, *parsed);
  if (!invalid.empty()) {
    json::array errors;
    for (const auto& error : invalid) {
      json::array locations;
      for (const auto& location : error.locations) {
        locations.push_back(json::object{{"line", location.line}, {"column", location.column}});
      }
      json::object out{{"message", error.message}};
      // As graphql-js: an error without nodes (e.g. "Too many validation errors") has no
      // `locations` at all.
      if (!locations.empty()) out["locations"] = std::move(locations);
      errors.push_back(std::move(out));
    }
    print(json::object{{"errors", std::move(errors)}});
    return 0;
  }
  const auto executable =
      std::make_shared<execution::ExecutableSchema>(std::move(*schema), execution::ResolverMap{});
  const auto root_value = std::make_shared<const json::value>(std::move(root));
  const auto request_for = [&](std::shared_ptr<const Document> document) {
    execution::ExecutionRequest request;
    request.schema = executable;
    request.document = std::move(document);
    request.operation_name = operation;
    request.variables = variables.as_object();
    request.root_value = root_value;
    return request;
  };
  const std::string answer = json::serialize(
      execution::execute_sync(request_for(std::make_shared<const Document>(std::move(*parsed)))));
  if (check_cached) {
    // Held here and by each request, as by a document cache: the executor shares its plans.
    const auto cached = std::make_shared<const Document>(parse(query).value());
    for (int round = 1; round <= 2; ++round) {
      const std::string again =
          json::serialize(execution::execute_in_arena_sync(request_for(cached)).json());
      if (again != answer) {
        std::fprintf(stderr, "graphql-exec: cached execution (round %d) differs:\n%s\n%s\n", round,
                     answer.c_str(), again.c_str());
        return 3;
      }
    }
  }
  std::printf("%s\n", answer.c_str());
  return 0;
}
