#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ecn::core {

// What a `.env` file says: its assignments in file order (a later one for the same name wins)
// and the lines it could not read.
struct EnvFile {
  // A line that is not an assignment. The message describes the problem without repeating the
  // line, which may hold a secret.
  struct LineError {
    int line = 0;  // 1-based
    std::string message;
  };

  std::vector<std::pair<std::string, std::string>> assignments;
  std::vector<LineError> errors;
};

// Parses dotenv syntax: `KEY=value` lines, blank lines, `# comments`, an optional `export `
// prefix, values unquoted (trimmed; ` # ...` after the value is a comment), in single quotes
// (taken literally) or in double quotes (with \n \r \t \" \\ escapes). CRLF line ends and a
// leading UTF-8 byte-order mark are tolerated.
EnvFile parse_env_file(std::string_view content);

}  // namespace ecn::core
