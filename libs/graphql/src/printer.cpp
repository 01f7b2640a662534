#include "ecn/graphql/printer.hpp"

#include <cstring>
#include <utility>
#include <vector>

#include "ecn/graphql/block_string.hpp"
#include "utf8.hpp"

namespace ecn::graphql {
namespace {

constexpr std::size_t kMaxLineLength = 80;

// Whether `definition` was printed without an optional `{ ... }` part that a following `{`
// would be read as. graphql-js prints a shorthand query after it, which parses back as that
// block; we print `query { ... }` there instead, so printed documents always read back the same.
bool takes_optional_block(const ast::Definition& definition) {
  using ast::Kind;
  switch (definition.kind) {
    case Kind::kObjectTypeDefinition:
      return ast::cast<ast::ObjectTypeDefinition>(definition).fields.empty();
    case Kind::kObjectTypeExtension:
      return ast::cast<ast::ObjectTypeExtension>(definition).fields.empty();
    case Kind::kInterfaceTypeDefinition:
      return ast::cast<ast::InterfaceTypeDefinition>(definition).fields.empty();
    case Kind::kInterfaceTypeExtension:
      return ast::cast<ast::InterfaceTypeExtension>(definition).fields.empty();
    case Kind::kEnumTypeDefinition:
      return ast::cast<ast::EnumTypeDefinition>(definition).values.empty();
    case Kind::kEnumTypeExtension:
      return ast::cast<ast::EnumTypeExtension>(definition).values.empty();
    case Kind::kInputObjectTypeDefinition:
      return ast::cast<ast::InputObjectTypeDefinition>(definition).fields.empty();
    case Kind::kInputObjectTypeExtension:
      return ast::cast<ast::InputObjectTypeExtension>(definition).fields.empty();
    case Kind::kSchemaExtension:
      return ast::cast<ast::SchemaExtension>(definition).operation_types.empty();
    default:
      return false;
  }
}

// Writes nodes as text. Indentation is applied to every line break written while a block is
// open, including breaks inside block strings, which is what graphql-js's indent() does.
class Printer {
 public:
  explicit Printer(std::string& out) : out_(out) {}

  void node(const ast::Node& node);

 private:
  // Appends text, indenting after each line break it contains.
  void put(std::string_view text) {
    if (indent_ == 0) {
      out_ += text;
      return;
    }
    for (;;) {
      const std::size_t at = text.find('\n');
      if (at == std::string_view::npos) break;
      out_ += text.substr(0, at);
      newline();
      text.remove_prefix(at + 1);
    }
    out_ += text;
  }
  void newline() {
    out_ += '\n';
    out_.append(indent_ * 2, ' ');
  }

  template <class T>
  void join(ast::List<T> items, std::string_view separator) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i != 0) put(separator);
      node(*items[i]);
    }
  }

  // `{`, one item per line one level deeper, `}`; nothing for an empty list.
  template <class T>
  void block(ast::List<T> items) {
    if (items.empty()) return;
    out_ += '{';
    ++indent_;
    for (const T* item : items) {
      newline();
      node(*item);
    }
    --indent_;
    newline();
    out_ += '}';
  }

  // Renders each item on its own, unindented, so the caller can measure them before choosing
  // a layout (as graphql-js does with the printed strings of the children).
  template <class T>
  static std::vector<std::string> render_each(ast::List<T> items) {
    std::vector<std::string> rendered;
    rendered.reserve(items.size());
    for (const T* item : items) {
      std::string text;
      Printer(text).node(*item);
      rendered.push_back(std::move(text));
    }
    return rendered;
  }

  void one_per_line(const std::vector<std::string>& items) {
    out_ += '(';
    ++indent_;
    for (const std::string& item : items) {
      newline();
      put(item);
    }
    --indent_;
    newline();
    out_ += ')';
  }

  void directives(ast::List<ast::Directive> list) {
    if (list.empty()) return;
    out_ += ' ';
    join(list, " ");
  }

  void description(const ast::StringValue* value) {
    if (value == nullptr) return;
    node(*value);
    newline();
  }

  void name(const ast::Name& name) { out_ += name.value; }

  void arguments(ast::List<ast::Argument> list) {
    if (list.empty()) return;
    out_ += '(';
    join(list, ", ");
    out_ += ')';
  }

  // Field and directive argument definitions: on one line unless one of them spans lines.
  void argument_definitions(ast::List<ast::InputValueDefinition> list) {
    if (list.empty()) return;
    const std::vector<std::string> rendered = render_each(list);
    bool multiline = false;
    for (const std::string& item : rendered)
      multiline = multiline || item.find('\n') != std::string::npos;
    if (multiline) {
      one_per_line(rendered);
      return;
    }
    out_ += '(';
    for (std::size_t i = 0; i < rendered.size(); ++i) {
      if (i != 0) out_ += ", ";
      out_ += rendered[i];
    }
    out_ += ')';
  }

  void field(const ast::Field& field) {
    std::string prefix;
    if (!field.alias.empty()) {
      prefix += field.alias.value;
      prefix += ": ";
    }
    prefix += field.name.value;
    out_ += prefix;
    if (!field.arguments.empty()) {
      const std::vector<std::string> rendered = render_each(field.arguments);
      std::size_t length = utf8::utf16_length(prefix) + 2;
      for (std::size_t i = 0; i < rendered.size(); ++i) {
        length += utf8::utf16_length(rendered[i]) + (i != 0 ? 2 : 0);
      }
      if (length > kMaxLineLength) {
        one_per_line(rendered);
      } else {
        out_ += '(';
        for (std::size_t i = 0; i < rendered.size(); ++i) {
          if (i != 0) out_ += ", ";
          put(rendered[i]);
        }
        out_ += ')';
      }
    }
    directives(field.directives);
    if (field.selection_set != nullptr) {
      out_ += ' ';
      node(*field.selection_set);
    }
  }

  void operation(const ast::OperationDefinition& op, bool allow_shorthand = true) {
    const bool shorthand = allow_shorthand && op.operation == ast::OperationType::kQuery &&
                           op.description == nullptr && op.name.empty() &&
                           op.variable_definitions.empty() && op.directives.empty();
    if (!shorthand) {
      description(op.description);
      out_ += ast::operation_type_name(op.operation);
      if (!op.name.empty() || !op.variable_definitions.empty()) {
        out_ += ' ';
        name(op.name);
        variable_definitions(op.variable_definitions);
      }
      directives(op.directives);
      out_ += ' ';
    }
    node(*op.selection_set);
  }

  // One line, or one per line (not indented, as graphql-js 16.15 prints them) when one of
  // them spans lines because of a description or a block string.
  void variable_definitions(ast::List<ast::VariableDefinition> list) {
    if (list.empty()) return;
    const std::vector<std::string> rendered = render_each(list);
    bool multiline = false;
    for (const std::string& item : rendered)
      multiline = multiline || item.find('\n') != std::string::npos;
    put(multiline ? "(\n" : "(");
    for (std::size_t i = 0; i < rendered.size(); ++i) {
      if (i != 0) put(multiline ? "\n" : ", ");
      put(rendered[i]);
    }
    put(multiline ? "\n)" : ")");
  }

  void named_members(std::string_view keyword, ast::List<ast::NamedType> types,
                     std::string_view separator) {
    if (types.empty()) return;
    out_ += keyword;
    join(types, separator);
  }

  template <class T>
  void object_like(std::string_view keyword, const T& type) {
    out_ += keyword;
    name(type.name);
    named_members(" implements ", type.interfaces, " & ");
    directives(type.directives);
    if (!type.fields.empty()) {
      out_ += ' ';
      block(type.fields);
    }
  }

  // union U @d = A | B, and its extension.
  template <typename T>
  void union_like(std::string_view keyword, const T& type) {
    out_ += keyword;
    name(type.name);
    directives(type.directives);
    named_members(" = ", type.types, " | ");
  }

  // enum E @d { ... } / input I @d { ... }, and their extensions.
  template <typename T, typename Members>
  void block_like(std::string_view keyword, const T& type, const Members& members) {
    out_ += keyword;
    name(type.name);
    directives(type.directives);
    if (!members.empty()) {
      out_ += ' ';
      block(members);
    }
  }

  std::string& out_;
  std::size_t indent_ = 0;
};

void Printer::node(const ast::Node& n) {
  using ast::cast;
  using ast::Kind;
  switch (n.kind) {
    case Kind::kDocument: {
      const auto& document = cast<ast::DocumentNode>(n);
      for (std::size_t i = 0; i < document.definitions.size(); ++i) {
        const ast::Definition& definition = *document.definitions[i];
        if (i != 0) out_ += "\n\n";
        if (i != 0 && takes_optional_block(*document.definitions[i - 1])) {
          if (const auto* op = ast::as<ast::OperationDefinition>(&definition)) {
            operation(*op, /*allow_shorthand=*/false);
            continue;
          }
        }
        node(definition);
      }
      return;
    }
    case Kind::kOperationDefinition:
      operation(cast<ast::OperationDefinition>(n));
      return;
    case Kind::kVariableDefinition: {
      const auto& definition = cast<ast::VariableDefinition>(n);
      description(definition.description);
      node(*definition.variable);
      out_ += ": ";
      node(*definition.type);
      if (definition.default_value != nullptr) {
        out_ += " = ";
        node(*definition.default_value);
      }
      directives(definition.directives);
      return;
    }
    case Kind::kSelectionSet:
      block(cast<ast::SelectionSet>(n).selections);
      return;
    case Kind::kField:
      field(cast<ast::Field>(n));
      return;
    case Kind::kArgument: {
      const auto& argument = cast<ast::Argument>(n);
      name(argument.name);
      out_ += ": ";
      node(*argument.value);
      return;
    }
    case Kind::kFragmentSpread: {
      const auto& spread = cast<ast::FragmentSpread>(n);
      out_ += "...";
      name(spread.name);
      directives(spread.directives);
      return;
    }
    case Kind::kInlineFragment: {
      const auto& fragment = cast<ast::InlineFragment>(n);
      out_ += "...";
      if (fragment.type_condition != nullptr) {
        out_ += " on ";
        node(*fragment.type_condition);
      }
      directives(fragment.directives);
      out_ += ' ';
      node(*fragment.selection_set);
      return;
    }
    case Kind::kFragmentDefinition: {
      const auto& fragment = cast<ast::FragmentDefinition>(n);
      description(fragment.description);
      out_ += "fragment ";
      name(fragment.name);
      out_ += " on ";
      node(*fragment.type_condition);
      directives(fragment.directives);
      out_ += ' ';
      node(*fragment.selection_set);
      return;
    }
    case Kind::kVariable:
      out_ += '$';
      name(cast<ast::Variable>(n).name);
      return;
    case Kind::kIntValue:
      out_ += cast<ast::IntValue>(n).value;
      return;
    case Kind::kFloatValue:
      out_ += cast<ast::FloatValue>(n).value;
      return;
    case Kind::kStringValue: {
      const auto& string = cast<ast::StringValue>(n);
      if (!string.block) {
        print_string(string.value, out_);
        return;
      }
      std::string text;
      print_block_string(string.value, text);
      put(text);
      return;
    }
    case Kind::kBooleanValue:
      out_ += cast<ast::BooleanValue>(n).value ? "true" : "false";
      return;
    case Kind::kNullValue:
      out_ += "null";
      return;
    case Kind::kEnumValue:
      out_ += cast<ast::EnumValue>(n).value;
      return;
    case Kind::kListValue:
      out_ += '[';
      join(cast<ast::ListValue>(n).values, ", ");
      out_ += ']';
      return;
    case Kind::kObjectValue:
      out_ += '{';
      join(cast<ast::ObjectValue>(n).fields, ", ");
      out_ += '}';
      return;
    case Kind::kObjectField: {
      const auto& object_field = cast<ast::ObjectField>(n);
      name(object_field.name);
      out_ += ": ";
      node(*object_field.value);
      return;
    }
    case Kind::kDirective: {
      const auto& directive = cast<ast::Directive>(n);
      out_ += '@';
      name(directive.name);
      arguments(directive.arguments);
      return;
    }
    case Kind::kNamedType:
      name(cast<ast::NamedType>(n).name);
      return;
    case Kind::kListType:
      out_ += '[';
      node(*cast<ast::ListType>(n).type);
      out_ += ']';
      return;
    case Kind::kNonNullType:
      node(*cast<ast::NonNullType>(n).type);
      out_ += '!';
      return;
    case Kind::kSchemaDefinition: {
      const auto& schema = cast<ast::SchemaDefinition>(n);
      description(schema.description);
      out_ += "schema";
      directives(schema.directives);
      out_ += ' ';
      block(schema.operation_types);
      return;
    }
    case Kind::kOperationTypeDefinition: {
      const auto& definition = cast<ast::OperationTypeDefinition>(n);
      out_ += ast::operation_type_name(definition.operation);
      out_ += ": ";
      node(*definition.type);
      return;
    }
    case Kind::kScalarTypeDefinition: {
      const auto& scalar = cast<ast::ScalarTypeDefinition>(n);
      description(scalar.description);
      out_ += "scalar ";
      name(scalar.name);
      directives(scalar.directives);
      return;
    }
    case Kind::kObjectTypeDefinition: {
      const auto& object = cast<ast::ObjectTypeDefinition>(n);
      description(object.description);
      object_like("type ", object);
      return;
    }
    case Kind::kFieldDefinition: {
      const auto& definition = cast<ast::FieldDefinition>(n);
      description(definition.description);
      name(definition.name);
      argument_definitions(definition.arguments);
      out_ += ": ";
      node(*definition.type);
      directives(definition.directives);
      return;
    }
    case Kind::kInputValueDefinition: {
      const auto& definition = cast<ast::InputValueDefinition>(n);
      description(definition.description);
      name(definition.name);
      out_ += ": ";
      node(*definition.type);
      if (definition.default_value != nullptr) {
        out_ += " = ";
        node(*definition.default_value);
      }
      directives(definition.directives);
      return;
    }
    case Kind::kInterfaceTypeDefinition: {
      const auto& interface = cast<ast::InterfaceTypeDefinition>(n);
      description(interface.description);
      object_like("interface ", interface);
      return;
    }
    case Kind::kUnionTypeDefinition: {
      const auto& union_type = cast<ast::UnionTypeDefinition>(n);
      description(union_type.description);
      union_like("union ", union_type);
      return;
    }
    case Kind::kEnumTypeDefinition: {
      const auto& enum_type = cast<ast::EnumTypeDefinition>(n);
      description(enum_type.description);
      block_like("enum ", enum_type, enum_type.values);
      return;
    }
    case Kind::kEnumValueDefinition: {
      const auto& value = cast<ast::EnumValueDefinition>(n);
      description(value.description);
      name(value.name);
      directives(value.directives);
      return;
    }
    case Kind::kInputObjectTypeDefinition: {
      const auto& input = cast<ast::InputObjectTypeDefinition>(n);
      description(input.description);
      block_like("input ", input, input.fields);
      return;
    }
    case Kind::kDirectiveDefinition: {
      const auto& directive = cast<ast::DirectiveDefinition>(n);
      description(directive.description);
      out_ += "directive @";
      name(directive.name);
      argument_definitions(directive.arguments);
      if (directive.repeatable) out_ += " repeatable";
      out_ += " on ";
      for (std::size_t i = 0; i < directive.locations.size(); ++i) {
        if (i != 0) out_ += " | ";
        name(directive.locations[i]);
      }
      return;
    }
    case Kind::kSchemaExtension: {
      const auto& extension = cast<ast::SchemaExtension>(n);
      out_ += "extend schema";
      directives(extension.directives);
      if (!extension.operation_types.empty()) {
        out_ += ' ';
        block(extension.operation_types);
      }
      return;
    }
    case Kind::kScalarTypeExtension: {
      const auto& extension = cast<ast::ScalarTypeExtension>(n);
      out_ += "extend scalar ";
      name(extension.name);
      directives(extension.directives);
      return;
    }
    case Kind::kObjectTypeExtension:
      object_like("extend type ", cast<ast::ObjectTypeExtension>(n));
      return;
    case Kind::kInterfaceTypeExtension:
      object_like("extend interface ", cast<ast::InterfaceTypeExtension>(n));
      return;
    case Kind::kUnionTypeExtension:
      union_like("extend union ", cast<ast::UnionTypeExtension>(n));
      return;
    case Kind::kEnumTypeExtension: {
      const auto& extension = cast<ast::EnumTypeExtension>(n);
      block_like("extend enum ", extension, extension.values);
      return;
    }
    case Kind::kInputObjectTypeExtension: {
      const auto& extension = cast<ast::InputObjectTypeExtension>(n);
      block_like("extend input ", extension, extension.fields);
      return;
    }
  }
}

}  // namespace

void print_string(std::string_view value, std::string& out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out.reserve(out.size() + value.size() + 2);
  out += '"';
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    unsigned escaped = 0x100;  // none
    if (c < 0x20 || c == 0x7F) {
      escaped = c;
    } else if (c == 0xC2 && i + 1 < value.size() &&
               static_cast<unsigned char>(value[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(value[i + 1]) <= 0x9F) {
      escaped = static_cast<unsigned char>(value[++i]);  // C1 control characters U+0080..U+009F
    }
    if (escaped == 0x100) {
      if (c == '"' || c == '\\') out += '\\';
      out += static_cast<char>(c);
      continue;
    }
    switch (escaped) {
      case '\b':
        out += "\\b";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += "\\u00";
        out += kHex[escaped >> 4];
        out += kHex[escaped & 0xF];
    }
  }
  out += '"';
}

std::string print(const ast::Node& node) {
  std::string out;
  Printer(out).node(node);
  return out;
}

std::string print(const Document& document) {
  return print(document.root());
}

}  // namespace ecn::graphql
