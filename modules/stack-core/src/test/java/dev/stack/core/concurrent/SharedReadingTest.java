package dev.stack.core.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedReadingTest {

  private final AtomicInteger reads = new AtomicInteger();
  private final SharedReading<String, Integer> shared = new SharedReading<>();

  private SharedReading.Reading<String, Integer> begunAfter(String key, long after) {
    return shared.begunAfter(key, after, k -> reads.incrementAndGet());
  }

  @Test
  void aReadingBegunAfterTheMomentAskedIsSharedAnOlderOneIsNot() {
    long before = System.nanoTime();
    SharedReading.Reading<String, Integer> first = begunAfter("a", before);
    assertSame(first, begunAfter("a", before));
    assertEquals(1, reads.get());
    SharedReading.Reading<String, Integer> second = begunAfter("a", first.began());
    assertEquals(2, second.value());
  }

  @Test
  void aReadingOfAnotherKeyNeverQualifies() {
    long before = System.nanoTime();
    begunAfter("a", before);
    assertEquals("b", begunAfter("b", before).key());
    assertEquals(2, reads.get());
  }
}
