package dev.stack.agent.daemon;

import dev.stack.agent.protocol.JsonLines;
import dev.stack.agent.protocol.Replies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The lines one request sends back: its events, then its result. Events come from many threads at
 * once (an {@code up} of 100 instances): an emitting thread queues its line and returns at once;
 * whichever thread finds nobody writing writes everything queued, in one write where it can. So a
 * worker never waits for a slow CLI (or for another worker blocked on the socket) before it
 * starts its service; the order of one thread's events is kept, and all events come before the
 * result.
 */
final class RequestOutput implements EventSink {

  private final String op;
  private final JsonLines lines;
  private final ConcurrentLinkedQueue<Map<String, Object>> queue = new ConcurrentLinkedQueue<>();
  /** Held by the one thread writing; never while waiting for it (tryLock-like, see drain). */
  private final Object writing = new Object();
  private boolean busy;
  private volatile boolean answered;
  /** The result is written: a line queued now would follow it, so it is dropped. */
  private boolean replied;
  private volatile IOException failed;

  RequestOutput(String op, JsonLines lines) {
    this.op = op;
    this.lines = lines;
  }

  @Override
  public void emit(String type, Map<String, ?> fields) {
    if (answered) {
      throw new IllegalStateException("event '" + type + "' after the result of '" + op + "'");
    }
    throwIfFailed();
    queue.add(Replies.event(type, fields));
    drain();
    throwIfFailed();
  }

  /** Writes what is still queued, then the final line; later events are refused. */
  void answer(Map<String, Object> reply) throws IOException {
    answered = true;
    synchronized (writing) {
      while (busy) {
        try {
          writing.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while answering '" + op + "'", e);
        }
      }
      busy = true;
    }
    try {
      List<Map<String, Object>> batch = takeQueued();
      if (failed == null) {
        batch.add(reply);
        lines.writeAll(batch);
      }
      replied = true;
    } finally {
      release();
    }
    if (failed != null) {
      throw failed;
    }
  }

  /** Writes queued lines unless another thread already does (it then writes ours too). */
  private void drain() {
    while (!queue.isEmpty()) {
      synchronized (writing) {
        if (busy) {
          return; // the writer re-checks the queue after it lets go
        }
        busy = true;
      }
      boolean late;
      try {
        List<Map<String, Object>> batch = takeQueued();
        late = replied && !batch.isEmpty();
        if (failed == null && !late && !batch.isEmpty()) {
          lines.writeAll(batch);
        }
      } catch (IOException e) {
        failed = e;
        late = false;
      } finally {
        release();
      }
      if (late) {
        throw new IllegalStateException("an event after the result of '" + op + "'");
      }
    }
  }

  private List<Map<String, Object>> takeQueued() {
    List<Map<String, Object>> batch = new ArrayList<>();
    Map<String, Object> m;
    while ((m = queue.poll()) != null) {
      batch.add(m);
    }
    return batch;
  }

  private void release() {
    synchronized (writing) {
      busy = false;
      writing.notifyAll();
    }
  }

  private void throwIfFailed() {
    IOException e = failed;
    if (e != null) {
      throw new UncheckedIOException(e);
    }
  }
}
