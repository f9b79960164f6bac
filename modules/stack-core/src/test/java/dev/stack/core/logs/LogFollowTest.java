package dev.stack.core.logs;

import static dev.stack.core.logs.LogFixture.API_1;
import static dev.stack.core.logs.LogFixture.API_2;
import static dev.stack.core.logs.LogFixture.out;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stack.model.ByteSize;
import dev.stack.model.LogSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFollowTest {

  @TempDir Path root;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private Future<?> following;

  private void follow(LogQuery query) {
    following = executor.submit(() -> new LogReader(root).follow(query, r -> seen.add(LogFixture.show(r)), stop::get));
  }

  @AfterEach
  void tearDown() throws Exception {
    stop.set(true);
    if (following != null) {
      following.get(5, TimeUnit.SECONDS); // also fails the test if following threw
    }
    executor.shutdownNow();
  }

  @Test
  void aLineWrittenAfterFollowingStartedIsShown() {
    try (LogStore store = new LogStore(root)) {
      out(store, API_1, 0, "before");
      store.flush(API_1);
      follow(LogQuery.all("shop").tail(10));
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.equals(List.of("api out +0 before")));
      out(store, API_1, 0, "same header as before");
      // How fast (within 100 ms) is measured in bench/, not asserted here: a loaded CI machine is no clock.
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
          .until(() -> seen.equals(List.of("api out +0 before", "api out +0 same header as before")));
    }
  }

  @Test
  void newInstancesAndRestartsAreFollowed() {
    follow(LogQuery.all("shop"));
    try (LogStore store = new LogStore(root)) {
      out(store, API_1, 1, "first instance");
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
      out(store, API_2, 2, "scaled up");
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
      store.flush(API_1); // stopped
      out(store, API_1, 3, "restarted");
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 3);
    }
    assertEquals(List.of("api out +1 first instance", "api-2 out +2 scaled up", "api out +3 restarted"), seen);
  }

  @Test
  void followingCarriesOnAcrossRotation() {
    follow(LogQuery.all("shop"));
    List<String> expected = new ArrayList<>();
    try (LogStore store = new LogStore(root)) {
      store.configure(API_1, new LogSpec(new ByteSize(1024), 3));
      for (int i = 0; i < 100; i++) {
        String line = String.format("line %03d %s", i, "z".repeat(60));
        out(store, API_1, i, line);
        expected.add("api out +" + i + " " + line);
        if (i % 10 == 9) {
          store.flush(API_1);
          int n = i + 1;
          await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == n);
        }
      }
    }
    assertEquals(expected, seen);
  }

  @Test
  void linesRotatedAwayBetweenTwoPollsAreNotLost() {
    follow(LogQuery.all("shop"));
    List<String> expected = new ArrayList<>();
    try (LogStore store = new LogStore(root)) {
      store.configure(API_1, new LogSpec(new ByteSize(1024), 5));
      out(store, API_1, 0, "start");
      expected.add("api out +0 start");
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
      for (int i = 1; i < 30; i++) { // about three files at once
        String line = String.format("burst %03d %s", i, "z".repeat(60));
        out(store, API_1, i, line);
        expected.add("api out +" + i + " " + line);
      }
      store.flush(API_1);
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() >= 30);
    }
    assertEquals(expected, seen);
  }
}
