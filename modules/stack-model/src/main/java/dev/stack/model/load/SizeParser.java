package dev.stack.model.load;

import dev.stack.model.ByteSize;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as written in stack files: bytes, or a binary unit {@code b}, {@code k}, {@code m}, {@code g} (also {@code kb}, {@code mb}, {@code gb}). */
public final class SizeParser {

  private static final Pattern SIZE = Pattern.compile("([0-9]{1,15})\\s*(b|k|kb|m|mb|g|gb)?");

  private SizeParser() {}

  public static ByteSize parse(String text) {
    Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw BadValueException.expected("a size like 256m or 1g", text, "sizes take b, k, m or g (binary: 1k = 1024 bytes)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).substring(0, 1);
    int shift = switch (unit) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      default -> 0;
    };
    if (n > (Long.MAX_VALUE >> shift)) {
      throw BadValueException.expected("a size like 256m or 1g", text, "that is more than any machine has");
    }
    return new ByteSize(n << shift);
  }
}
