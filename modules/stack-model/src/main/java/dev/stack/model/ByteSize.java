package dev.stack.model;

/**
 * A size in bytes, written {@code 512}, {@code 256k}, {@code 256m}, {@code 1g} (binary units:
 * k = 1024). Printed back in the largest unit that divides it exactly.
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {

  public ByteSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("size must not be negative: " + bytes);
    }
  }

  public static ByteSize ofMegabytes(long mb) {
    return new ByteSize(mb * 1024 * 1024);
  }

  @Override
  public int compareTo(ByteSize o) {
    return Long.compare(bytes, o.bytes);
  }

  /** {@code 512m}, {@code 1g}, {@code 1536k}, {@code 100}. */
  @Override
  public String toString() {
    String[] units = {"g", "m", "k"};
    long[] factors = {1L << 30, 1L << 20, 1L << 10};
    for (int i = 0; i < units.length; i++) {
      if (bytes != 0 && bytes % factors[i] == 0) {
        return (bytes / factors[i]) + units[i];
      }
    }
    return Long.toString(bytes);
  }
}
