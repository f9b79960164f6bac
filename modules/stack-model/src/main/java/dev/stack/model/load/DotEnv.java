package dev.stack.model.load;

import dev.stack.model.Problem;
import dev.stack.model.StackFileException;
import dev.stack.model.yaml.Mark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code .env} and {@code env_file} files: {@code KEY=VALUE} lines, {@code #} comments, blank
 * lines, an optional {@code export } prefix, and values in single quotes (literal) or double quotes
 * (with {@code \n}, {@code \t}, {@code \"} and {@code \\} escapes). Values are not interpolated.
 */
public final class DotEnv {

  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  private DotEnv() {}

  /** Reads {@code file}, or returns an empty map when it does not exist and {@code optional}. */
  public static Map<String, String> read(Path file, String source, boolean optional) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      if (optional) {
        return Map.of();
      }
      throw new StackFileException(new Problem(null, null, "env file not found: " + source,
          "create it, or remove it from env_file"));
    } catch (IOException e) {
      throw new StackFileException(new Problem(null, null, "cannot read env file " + source + ": " + e.getMessage(), null));
    }
    return parse(lines, source);
  }

  /** Parses lines; {@code source} names the file in errors. */
  public static Map<String, String> parse(List<String> lines, String source) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String raw = lines.get(i);
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring(7).strip();
      }
      int eq = line.indexOf('=');
      int col = raw.indexOf(line.isEmpty() ? "" : line.substring(0, 1)) + 1;
      if (eq <= 0) {
        throw new StackFileException(new Problem(new Mark(source, i + 1, Math.max(col, 1)), null,
            "expected KEY=VALUE, got \"" + line + "\"", "each line of an env file is KEY=VALUE or a # comment"));
      }
      String key = line.substring(0, eq).strip();
      if (!KEY.matcher(key).matches()) {
        throw new StackFileException(new Problem(new Mark(source, i + 1, Math.max(col, 1)), null,
            "invalid variable name \"" + key + "\"", "names take letters, digits and _, and do not start with a digit"));
      }
      out.put(key, value(line.substring(eq + 1).strip()));
    }
    return out;
  }

  private static String value(String v) {
    if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
      return v.substring(1, v.length() - 1);
    }
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      String s = v.substring(1, v.length() - 1);
      StringBuilder b = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\\' && i + 1 < s.length()) {
          char n = s.charAt(++i);
          switch (n) {
            case 'n' -> b.append('\n');
            case 't' -> b.append('\t');
            case 'r' -> b.append('\r');
            default -> b.append(n);
          }
        } else {
          b.append(c);
        }
      }
      return b.toString();
    }
    int hash = v.indexOf(" #");
    return hash >= 0 ? v.substring(0, hash).strip() : v;
  }
}
