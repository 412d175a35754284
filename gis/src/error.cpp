#include "zanplan/error.hpp"

#include <sstream>

namespace zanplan {

ExitCode exit_code_for(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::usage: return ExitCode::usage;
    case ErrorKind::input: return ExitCode::input;
    case ErrorKind::config: return ExitCode::config;
    case ErrorKind::workspace: return ExitCode::workspace;
    case ErrorKind::output: return ExitCode::output;
    case ErrorKind::internal: break;
  }
  return ExitCode::internal;
}

namespace {
std::string compose(const std::string& message, const ErrorContext& c) {
  std::ostringstream out;
  bool any = false;
  auto sep = [&] { out << (any ? ", " : ""); any = true; };
  if (!c.file.empty()) { sep(); out << c.file; }
  if (!c.layer.empty()) { sep(); out << "layer " << c.layer; }
  if (c.feature) { sep(); out << "feature " << *c.feature; }
  if (c.line) { sep(); out << "line " << *c.line; }
  if (!c.key.empty()) { sep(); out << "key '" << c.key << "'"; }
  if (any) out << ": ";
  out << message;
  return out.str();
}
}  // namespace

Error::Error(ErrorKind kind, const std::string& message, ErrorContext context)
    : std::runtime_error(compose(message, context)),
      kind_(kind),
      message_(message),
      context_(std::move(context)) {}

Error& Error::add_context(const ErrorContext& outer) {
  if (context_.file.empty()) context_.file = outer.file;
  if (context_.layer.empty()) context_.layer = outer.layer;
  if (!context_.feature) context_.feature = outer.feature;
  if (!context_.line) context_.line = outer.line;
  if (context_.key.empty()) context_.key = outer.key;
  // runtime_error's what() is fixed at construction, so rebuild this error in place.
  *this = Error(kind_, message_, context_);
  return *this;
}

std::string Error::describe() const { return compose(message_, context_); }

void throw_input(const std::string& m, ErrorContext c) { throw Error(ErrorKind::input, m, std::move(c)); }
void throw_config(const std::string& m, ErrorContext c) { throw Error(ErrorKind::config, m, std::move(c)); }
void throw_workspace(const std::string& m, ErrorContext c) { throw Error(ErrorKind::workspace, m, std::move(c)); }
void throw_output(const std::string& m, ErrorContext c) { throw Error(ErrorKind::output, m, std::move(c)); }
void throw_usage(const std::string& m, ErrorContext c) { throw Error(ErrorKind::usage, m, std::move(c)); }

}  // namespace zanplan
