#include "http/http_types.hpp"

namespace ecn::gateway::http {

std::string_view HttpRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

bool HttpRequest::has_header(std::string_view name) const {
  for (const auto& entry : headers) {
    if (entry.first == name) return true;
  }
  return false;
}

std::string_view HttpRequest::path() const {
  const std::string_view view = target;
  return view.substr(0, view.find('?'));
}

void HttpResponse::set_header(std::string name, std::string value) {
  for (auto& entry : headers) {
    if (entry.first == name) {
      entry.second = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string_view HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return {};
}

HttpResponse make_response(int status, std::string content_type, std::string body) {
  HttpResponse response;
  response.status = status;
  response.headers.emplace_back("content-type", std::move(content_type));
  response.body = std::move(body);
  return response;
}

}  // namespace ecn::gateway::http
