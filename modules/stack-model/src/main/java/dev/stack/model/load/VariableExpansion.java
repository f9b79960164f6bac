package dev.stack.model.load;

import dev.stack.model.ServiceRef;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Expands the variable references of one string; see {@link Interpolator} for the forms. A
 * default or message word may itself hold references; it is only evaluated when it is used, but
 * its syntax is always checked.
 */
final class VariableExpansion {

  /** Why a string cannot be expanded, and at which character (0-based) of it. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int offset;
    final String hint;
    /** For an unset variable, the reference written so that it is left to the service ($$NAME), else null. */
    final String escaped;

    Failure(int offset, String message, String hint) {
      this(offset, message, hint, null);
    }

    Failure(int offset, String message, String hint, String escaped) {
      super(message, null, false, false);
      this.offset = offset;
      this.hint = hint;
      this.escaped = escaped;
    }
  }

  static final String UNSET_HINT = "set it in the environment or in .env beside the stack file, or write ${%s:-default}";
  private static final String SYNTAX_HINT = "write ${NAME} or $NAME with letters, digits and _, not starting with a digit;"
      + " $$ is a literal '$'";

  private final String text;
  private final Map<String, String> variables;
  private int pos;
  private int topLevelReferences;
  private boolean topLevelLiteral;

  private VariableExpansion(String text, Map<String, String> variables) {
    this.text = text;
    this.variables = variables;
  }

  /** The expanded text; throws {@link Failure}. */
  static Result expand(String text, Map<String, String> variables) {
    VariableExpansion x = new VariableExpansion(text, variables);
    String out = x.parse(-1, true);
    return new Result(out, x.topLevelReferences == 1 && !x.topLevelLiteral);
  }

  /**
   * @param text the expanded text
   * @param onlyOneReference the whole string was one reference, like {@code ${PORT}}
   */
  record Result(String text, boolean onlyOneReference) {}

  /**
   * Parses text up to the end, or up to the '}' closing the reference opened at {@code open}
   * (left unconsumed); {@code open} is -1 at the top level.
   */
  private String parse(int open, boolean evaluate) {
    StringBuilder out = new StringBuilder();
    boolean top = open < 0;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (!top && c == '}') {
        return out.toString();
      }
      char next = pos + 1 < text.length() ? text.charAt(pos + 1) : 0;
      if (c == '$' && next == '{') {
        out.append(braced(evaluate));
        topLevelReferences += top ? 1 : 0;
      } else if (c == '$' && isNameStart(next)) {
        int start = pos++;
        String name = name();
        out.append(lookup(name, start, evaluate, "$$" + name));
        topLevelReferences += top ? 1 : 0;
      } else {
        // "$$" is one literal '$'; a '$' before anything else stays as written (a regex anchor, a price)
        pos += c == '$' && next == '$' ? 2 : 1;
        out.append(c);
        topLevelLiteral |= top;
      }
    }
    if (!top) {
      throw new Failure(open, "unclosed '${' in \"" + text + "\"", "add the closing '}'; write $$ for a literal '$'");
    }
    return out.toString();
  }

  /** {@code ${...}} at pos. */
  private String braced(boolean evaluate) {
    int open = pos;
    Matcher svc = ServiceRef.PATTERN.matcher(text).region(pos, text.length());
    if (svc.lookingAt()) {
      pos = svc.end();
      return svc.group(); // a service address: each backend resolves it
    }
    pos += 2;
    String name = name();
    char c = pos < text.length() ? text.charAt(pos) : 0;
    boolean colon = c == ':' && pos + 1 < text.length() && (text.charAt(pos + 1) == '-' || text.charAt(pos + 1) == '?');
    char op = colon ? text.charAt(pos + 1) : c;
    if (name.isEmpty() || !isNameStart(name.charAt(0)) || op != '}' && op != '-' && op != '?') {
      int close = text.indexOf('}', open);
      if (close < 0) {
        throw new Failure(open, "unclosed '${' in \"" + text + "\"", "add the closing '}'; write $$ for a literal '$'");
      }
      String token = text.substring(open + 2, close);
      if (token.startsWith("svc.")) {
        throw new Failure(open, "invalid service address '${" + token + "}'", "service addresses are ${svc.NAME.host} and ${svc.NAME.port}");
      }
      throw new Failure(open, token.isEmpty() ? "empty variable name in '${}'" : "invalid variable name '" + token + "'", SYNTAX_HINT);
    }
    if (op == '}') {
      pos++;
      return lookup(name, open, evaluate, "$${" + name + "}");
    }
    pos += colon ? 2 : 1;
    String value = variables.get(name);
    boolean missing = value == null || colon && value.isEmpty();
    String word = parse(open, evaluate && missing);
    pos++; // the closing '}'
    if (!evaluate || !missing) {
      return value == null ? "" : value;
    }
    if (op == '-') {
      return word;
    }
    String state = value == null ? "not set" : "empty";
    throw new Failure(open, word.isEmpty() ? "variable '" + name + "' is " + state : "variable '" + name + "' is " + state + ": " + word,
        "set it in the environment or in .env beside the stack file");
  }

  /** {@code escaped}: the reference as written to leave it to the service. */
  private String lookup(String name, int start, boolean evaluate, String escaped) {
    String value = variables.get(name);
    if (value == null && evaluate) {
      throw new Failure(start, "variable '" + name + "' is not set", String.format(UNSET_HINT, name), escaped);
    }
    return value == null ? "" : value;
  }

  /** Reads [A-Za-z0-9_]* at pos. */
  private String name() {
    int start = pos;
    while (pos < text.length() && (isNameStart(text.charAt(pos)) || Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128)) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private static boolean isNameStart(char c) {
    return c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
  }
}
