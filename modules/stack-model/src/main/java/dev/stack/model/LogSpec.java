package dev.stack.model;

/** Log rotation: files of at most {@code maxSize}, {@code keep} rotated files kept. */
public record LogSpec(ByteSize maxSize, int keep) {

  public static final LogSpec DEFAULT = new LogSpec(ByteSize.ofMegabytes(10), 5);

  public LogSpec {
    if (maxSize == null || maxSize.bytes() < 1024 || keep < 0) {
      throw new IllegalArgumentException("logs.max_size must be at least 1k and keep not negative");
    }
  }
}
