package dev.stack.nativ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class QueuedFifoHolderTest {

  /** Records what reaches the holder behind the queue. */
  private static class Recording implements FifoHolder {
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
  void whatIsQueuedMeanwhileReachesTheHolderInOneCallInOrder() {
    List<List<FifoHolder.Change>> batches = new CopyOnWriteArrayList<>();
    QueuedFifoHolder queued = new QueuedFifoHolder(new Recording() {
      @Override
      public void apply(List<FifoHolder.Change> changes) {
        batches.add(List.copyOf(changes));
      }
    });
    queued.pause(); // starts on their way: the queue waits, and fills
    queued.hold(Path.of("/e1"));
    queued.hold(Path.of("/e2"));
    queued.release(Path.of("/e1"));
    queued.resume();
    await().atMost(Duration.ofSeconds(5)).until(() -> !batches.isEmpty());
    assertEquals(List.of(List.of(new FifoHolder.Change(Path.of("/e1"), true), new FifoHolder.Change(Path.of("/e2"), true),
        new FifoHolder.Change(Path.of("/e1"), false))), batches);
  }

  @Test
  void oneFailedChangeOfABatchLeavesTheOthersMade() {
    List<String> calls = new CopyOnWriteArrayList<>();
    FifoHolder failing = new FifoHolder() {
      @Override
      public void hold(Path fifo) {
        if (fifo.toString().equals("/bad")) {
          throw new IllegalStateException("cannot hold /bad");
        }
        calls.add("hold " + fifo);
      }

      @Override
      public void release(Path fifo) {
        calls.add("release " + fifo);
      }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> failing.apply(List.of(new FifoHolder.Change(Path.of("/bad"), true), new FifoHolder.Change(Path.of("/f"), true),
            new FifoHolder.Change(Path.of("/g"), false))));
    assertEquals("cannot hold /bad", e.getMessage());
    assertEquals(List.of("hold /f", "release /g"), calls);
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
