package dev.stack.core.concurrent;

import java.util.Objects;

/**
 * One costly reading (all of {@code /proc}, a process's open files) shared by concurrent callers:
 * a caller asks for a reading begun after a moment of its choice (its own request, or "at most
 * this old"), and gets the latest one if it qualifies, else takes a new one that the callers
 * waiting meanwhile share. Readings are taken one at a time.
 *
 * @param <K> what is read (a reading of another key never qualifies)
 * @param <T> the reading
 */
public final class SharedReading<K, T> {

  /** How to take a reading of a key. */
  @FunctionalInterface
  public interface Reader<K, T, E extends Exception> {
    T read(K key) throws E;
  }

  /** A reading of {@code key}, begun at {@code began} ({@link System#nanoTime()}). */
  public record Reading<K, T>(K key, long began, T value) {}

  private Reading<K, T> latest;

  /** The latest reading of {@code key} if it began after {@code afterNanos}, else a new one. */
  public synchronized <E extends Exception> Reading<K, T> begunAfter(K key, long afterNanos, Reader<K, T, E> reader)
      throws E {
    Reading<K, T> r = latest;
    if (r == null || !Objects.equals(r.key(), key) || r.began() - afterNanos <= 0) {
      long began = System.nanoTime();
      r = new Reading<>(key, began, reader.read(key));
      latest = r;
    }
    return r;
  }
}
