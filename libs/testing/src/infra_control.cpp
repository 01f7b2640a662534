#include "ecn/testing/infra_control.hpp"

#include <array>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

#include "ecn/testing/environment.hpp"

namespace ecn::testing {

void infra(std::string_view action, std::string_view component) {
  // Arguments are fixed words chosen by tests, never user input.
  const std::string command = "env " + infra_environment() + " bash '" + infra_script() + "' " +
                              std::string(action) + " " + std::string(component) + " 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::string output;
  std::array<char, 512> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe.get()) != nullptr) output += buffer.data();
  const int status = pclose(pipe.release());
  if (status != 0) throw std::runtime_error("`" + command + "` failed:\n" + output);
}

}  // namespace ecn::testing
