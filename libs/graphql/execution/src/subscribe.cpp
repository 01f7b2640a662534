#include "ecn/graphql/execution/subscribe.hpp"

#include <boost/json.hpp>
#include <string>

#include "source_stream.hpp"

namespace ecn::graphql::execution {

namespace asio = boost::asio;
namespace json = boost::json;

struct ResponseStream::State {
  ExecutionRequest request;    // the template of each event's execution
  std::string operation_name;  // what request.operation_name points at
  std::shared_ptr<EventStream> source;
  std::optional<json::object> single;  // the one response of a query or mutation
  bool closed = false;

  void close() {
    if (closed) return;
    closed = true;
    if (source != nullptr) source->close();
  }
};

ResponseStream::ResponseStream(std::shared_ptr<State> state) : state_(std::move(state)) {}

ResponseStream& ResponseStream::operator=(ResponseStream&& other) noexcept {
  if (this != &other) {
    close();
    state_ = std::move(other.state_);
  }
  return *this;
}

ResponseStream::~ResponseStream() {
  close();
}

void ResponseStream::close() {
  if (state_ != nullptr) state_->close();
}

asio::awaitable<std::optional<json::object>> ResponseStream::next() {
  const std::shared_ptr<State> state = state_;  // close() or a move may happen while we wait
  if (state == nullptr || state->closed) co_return std::nullopt;
  if (state->source == nullptr) {
    state->closed = true;
    co_return std::exchange(state->single, std::nullopt);
  }
  std::optional<json::value> event;
  try {
    event = co_await state->source->next();
  } catch (const std::exception& e) {
    state->close();
    json::object response;
    response["errors"] = json::array{json::object{{"message", e.what()}}};
    co_return response;
  }
  if (!event || state->closed) {
    state->close();
    co_return std::nullopt;
  }
  ExecutionRequest request;
  request.schema = state->request.schema;
  request.document = state->request.document;
  request.operation_name = state->operation_name;
  request.variables = state->request.variables;
  request.root_value = std::make_shared<const boost::json::value>(std::move(*event));
  request.context = state->request.context;
  co_return co_await execute(std::move(request));
}

asio::awaitable<SubscribeResult> subscribe(ExecutionRequest request) {
  detail::SourceStream source = co_await detail::create_source_event_stream(request);
  auto state = std::make_shared<ResponseStream::State>();
  if (!source.subscription) {
    state->single = co_await execute(std::move(request));
    co_return ResponseStream(std::move(state));
  }
  if (source.stream == nullptr) co_return std::move(source.errors);
  state->operation_name = std::string(request.operation_name);
  state->request = std::move(request);
  state->request.operation_name = state->operation_name;
  state->source = std::move(source.stream);
  co_return ResponseStream(std::move(state));
}

}  // namespace ecn::graphql::execution
