package dev.stack.model.load;

import dev.stack.model.Problem;
import dev.stack.model.StackFileException;
import dev.stack.model.yaml.Mark;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code --set path=value} argument, split into its keys and its value text.
 *
 * @param index the argument's position among the {@code --set}s, from 1
 * @param keys the path's keys, each with the column where it starts
 * @param value the text after the first {@code =} that is outside quotes
 * @param valueColumn the column where the value starts
 */
record SetArgument(int index, List<Key> keys, String value, int valueColumn) {

  /** A key of the path and where it starts in the argument (1-based, on the opening quote if quoted). */
  record Key(String name, int column) {}

  static SetArgument parse(String arg, int index) {
    List<Key> keys = new ArrayList<>();
    int i = 0;
    while (true) {
      int start = i;
      String name;
      if (i < arg.length() && arg.charAt(i) == '"') {
        int close = arg.indexOf('"', i + 1);
        if (close < 0) {
          throw error(index, start + 1, "unclosed quote in the path of '" + arg + "'",
              "quote a key that holds dots like this: services.api.env.\"a.b\"=value");
        }
        name = arg.substring(i + 1, close);
        i = close + 1;
        if (i < arg.length() && arg.charAt(i) != '.' && arg.charAt(i) != '=') {
          throw error(index, i + 1, "expected '.' or '=' after the quoted key \"" + name + "\"", SetOverrides.example());
        }
      } else {
        while (i < arg.length() && arg.charAt(i) != '.' && arg.charAt(i) != '=') {
          i++;
        }
        name = arg.substring(start, i).strip();
      }
      if (i >= arg.length()) {
        throw error(index, 1, "expected path=value, got '" + arg + "'", SetOverrides.example());
      }
      if (name.isEmpty()) {
        throw error(index, start + 1, arg.charAt(0) == '=' ? "empty path before '='" : "empty key in path '"
            + arg.substring(0, arg.indexOf('=') < 0 ? arg.length() : arg.indexOf('=')) + "'", SetOverrides.example());
      }
      keys.add(new Key(name, start + 1));
      if (arg.charAt(i) == '=') {
        return new SetArgument(index, keys, arg.substring(i + 1), i + 2);
      }
      i++;
    }
  }

  /** A mark at {@code column} of this argument. */
  Mark mark(int column) {
    return new Mark(SetOverrides.SOURCE, index, column);
  }

  /** The first {@code count} keys as a dotted path, quoting keys that hold a dot. */
  String path(int count) {
    List<String> parts = new ArrayList<>();
    for (Key k : keys.subList(0, count)) {
      parts.add(k.name().contains(".") ? "\"" + k.name() + "\"" : k.name());
    }
    return String.join(".", parts);
  }

  private static StackFileException error(int index, int column, String message, String hint) {
    return new StackFileException(new Problem(new Mark(SetOverrides.SOURCE, index, column), null, message, hint));
  }
}
