package dev.stack.nativ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class QueuedFifoHolderTest {

  /** Records what reaches the holder behind the queue. */
  private static final class Recording implements FifoHolder {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void hold(Path fifo) {
      calls.add("hold " + fifo);
    }

    @Override
    public void release(Path fifo) {
      calls.add("release " + fifo);
    }
  }

  @Test
  void aRestartsReleaseOfAPathReachesTheHolderBeforeTheNewRunsHoldOfIt() {
    Recording target = new Recording();
    QueuedFifoHolder queued = new QueuedFifoHolder(target);
    Path out = Path.of("/run/s/out");
    queued.hold(out);
    queued.release(out);
    queued.hold(out);
    await().atMost(Duration.ofSeconds(5)).until(() -> target.calls.size() == 3);
    assertEquals(List.of("hold /run/s/out", "release /run/s/out", "hold /run/s/out"), target.calls);
  }

  @Test
  void workHeldBackByAStartRunsOnceItResumesInOrder() {
    Recording target = new Recording();
    QueuedFifoHolder queued = new QueuedFifoHolder(target);
    queued.pause();
    queued.pause(); // a restart inside an exit's callback
    queued.release(Path.of("/a"));
    queued.hold(Path.of("/b"));
    queued.resume();
    queued.resume();
    await().atMost(Duration.ofSeconds(5)).until(() -> target.calls.size() == 2);
    assertEquals(List.of("release /a", "hold /b"), target.calls);
  }

  @Test
  void aPauseNeverEndedHoldsWorkBackOnlyForAWhile() {
    Recording target = new Recording();
    QueuedFifoHolder queued = new QueuedFifoHolder(target);
    queued.pause();
    queued.hold(Path.of("/c"));
    await().atMost(Duration.ofSeconds(5)).until(() -> target.calls.equals(List.of("hold /c")));
  }

  @Test
  void closeFinishesWhatIsQueuedAndLaterWorkRunsAtOnce() {
    Recording target = new Recording();
    QueuedFifoHolder queued = new QueuedFifoHolder(target);
    queued.pause(); // a start on its way: the queue waits
    queued.hold(Path.of("/d"));
    queued.close(5000);
    assertEquals(List.of("hold /d"), target.calls, "the agent stops only after the watchdog holds the FIFO");
    queued.release(Path.of("/d"));
    assertEquals(List.of("hold /d", "release /d"), target.calls);
  }
}
