// bench_graphql: the engine on the benchmark workloads of the conformance corpus (workloads.json),
// cold (parse + validate + execute, as graphql-js's graphql()) and warm (the document cache's
// hit, then execute, as the gateway serves a repeated query; graphql-js's execute() of a document
// it parsed and validated beforehand). run.sh compares with graphql-js.
#include <benchmark/benchmark.h>

#include <boost/json.hpp>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

#include "ecn/graphql/execution/document_cache.hpp"
#include "ecn/graphql/execution/execute.hpp"
#include "ecn/graphql/parser.hpp"
#include "ecn/graphql/validation/validate.hpp"

namespace {

namespace json = boost::json;
using namespace ecn::graphql;

std::string read_text(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) throw std::runtime_error("cannot read " + path);
  std::string text;
  char buffer[1 << 16];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0;) {
    text.append(buffer, n);
  }
  return text;
}

bool exists(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  return file != nullptr;
}

// One benchmark query with everything it runs against, loaded once.
struct Workload {
  std::shared_ptr<const execution::ExecutableSchema> schema;
  std::string query;
  json::object variables;
  std::shared_ptr<const json::value> root;
};

Workload load(const std::string& corpus, const json::object& spec) {
  const auto file = [&](std::string_view key) {
    return corpus + "/" + std::string(spec.at(key).as_string());
  };
  auto schema = build_schema(read_text(file("schema")));
  if (!schema) throw std::runtime_error("invalid schema: " + schema.error().front().message);
  Workload workload;
  workload.schema =
      std::make_shared<execution::ExecutableSchema>(std::move(*schema), execution::ResolverMap{});
  const std::string case_dir = file("case");
  workload.query = read_text(case_dir + "/query.graphql");
  if (exists(case_dir + "/variables.json")) {
    workload.variables = json::parse(read_text(case_dir + "/variables.json")).as_object();
  }
  workload.root = std::make_shared<const json::value>(json::parse(read_text(file("data"))));
  return workload;
}

execution::ExecutionRequest request_for(const Workload& workload,
                                        std::shared_ptr<const Document> document) {
  execution::ExecutionRequest request;
  request.schema = workload.schema;
  request.document = std::move(document);
  // Variables arrive with each request (the gateway parses them from its body), so each run
  // copies them; the root value is shared, as graphql-js's rootValue.
  request.variables = workload.variables;
  request.root_value = workload.root;
  return request;
}

void check(const json::object& response, const std::string& name) {
  if (response.contains("errors")) {
    throw std::runtime_error(name + ": " + json::serialize(response.at("errors")));
  }
}

void cold(benchmark::State& state, const Workload& workload, const std::string& name) {
  for (auto _ : state) {
    auto parsed = parse(workload.query);
    if (!parsed) throw std::runtime_error(name + ": " + parsed.error().message);
    if (!validation::validate(workload.schema->schema(), *parsed).empty()) {
      throw std::runtime_error(name + ": invalid query");
    }
    auto response = execution::execute_in_arena_sync(
        request_for(workload, std::make_shared<const Document>(std::move(*parsed))));
    benchmark::DoNotOptimize(response);
  }
}

void warm(benchmark::State& state, const Workload& workload, const std::string& name) {
  execution::DocumentCache cache;
  const auto& schema = workload.schema->shared_schema();
  const execution::PreparedDocument first = cache.get(schema, workload.query);
  if (!first.ok()) throw std::runtime_error(name + ": invalid query");
  check(execution::execute_in_arena_sync(request_for(workload, first.document)).json(), name);
  for (auto _ : state) {
    execution::PreparedDocument prepared = cache.get(schema, workload.query);
    auto response =
        execution::execute_in_arena_sync(request_for(workload, std::move(prepared.document)));
    benchmark::DoNotOptimize(response);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string corpus = ECN_GRAPHQL_CORPUS_DIR;
  const json::object workloads = json::parse(read_text(ECN_GRAPHQL_WORKLOADS)).as_object();
  // Benchmarks keep references into this map, which lives until main returns.
  static std::vector<std::pair<std::string, Workload>> loaded;
  for (const auto& [name, spec] : workloads) {
    loaded.emplace_back(std::string(name), load(corpus, spec.as_object()));
  }
  for (const auto& [name, workload] : loaded) {
    benchmark::RegisterBenchmark(("cold/" + name).c_str(), cold, std::cref(workload), name)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("warm/" + name).c_str(), warm, std::cref(workload), name)
        ->Unit(benchmark::kMicrosecond);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
