package dev.stack.model.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command string into argv like a POSIX shell, without any expansion: whitespace separates
 * words, single quotes keep everything literally, double quotes keep everything but {@code \"},
 * {@code \\}, {@code \$} and {@code \`}, and a backslash outside quotes keeps the next character.
 */
public final class CommandLine {

  private CommandLine() {}

  public static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '\'') {
        int end = text.indexOf('\'', i + 1);
        if (end < 0) {
          throw unclosed(text, "'");
        }
        word.append(text, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i = doubleQuoted(text, i + 1, word);
        inWord = true;
      } else if (c == '\\' && i + 1 < text.length()) {
        word.append(text.charAt(i + 1));
        inWord = true;
        i += 2;
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** Appends a double-quoted part starting after its opening quote; returns the index after the closing one. */
  private static int doubleQuoted(String text, int from, StringBuilder word) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
        word.append(text.charAt(i + 1));
        i += 2;
      } else {
        word.append(c);
        i++;
      }
    }
    throw unclosed(text, "\"");
  }

  private static BadValueException unclosed(String text, String quote) {
    return new BadValueException("unclosed " + quote + " in command " + BadValueException.quote(text),
        "close the quote, or write the command as a list: [prog, arg1, arg2]");
  }
}
