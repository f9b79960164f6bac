package dev.stack.nativ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.ExitStatus;
import dev.stack.core.spi.Handle;
import dev.stack.core.spi.InstanceId;
import dev.stack.core.spi.InstanceSpec;
import dev.stack.core.spi.LogSink;
import dev.stack.core.spi.LogSink.Stream;
import dev.stack.core.spi.Running;
import dev.stack.model.StopSpec;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutputIT extends ProcessTest {

  OutputIT() {
    super(new InJvmFifoHolder()); // keeps the FIFOs alive while no reader is attached
  }

  @org.junit.jupiter.api.AfterEach
  void releaseHeldFifos() {
    ((InJvmFifoHolder) holder).close();
  }

  @Test
  void aFloodArrivesEveryLineOnceInOrderAndWhole() throws Exception {
    CollectingSink sink = new CollectingSink();
    Running r = backend.start(new Specs(tmp).sh("seq 1 300000; seq 1 1000 >&2"), sink);
    started.add(r);
    assertEquals(0, r.exit().get(30, TimeUnit.SECONDS).code());
    drained(r);
    List<String> out = sink.lines(Stream.OUT);
    assertEquals(300000, out.size());
    for (int i = 0; i < out.size(); i++) {
      assertEquals(Integer.toString(i + 1), out.get(i));
    }
    assertEquals(1000, sink.count(Stream.ERR));
    assertEquals(0, sink.partialPieces());
  }

  @Test
  void aThreeMebibyteLineArrivesAsPiecesThatJoinToTheOriginal() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < 3 * 1024 * 1024 + 5; i++) {
      sb.append((char) ('a' + i % 26));
    }
    String line = sb.toString();
    Path file = tmp.resolve("long.txt");
    Files.writeString(file, "before\n" + line + "\nafter\n");
    CollectingSink sink = new CollectingSink();
    Running r = backend.start(new Specs(tmp).of(List.of("cat", file.toString())), sink);
    started.add(r);
    assertEquals(0, r.exit().get(30, TimeUnit.SECONDS).code());
    drained(r);
    assertEquals(List.of("before", line, "after"), sink.lines(Stream.OUT));
    assertEquals(3, sink.partialPieces(), "3 MiB + 5 bytes: three 1 MiB pieces marked partial, then the rest");
  }

  @Test
  void recoverContinuesExactlyWhereTheLastReaderStopped() throws Exception {
    Specs specs = new Specs(tmp);
    Path go = tmp.resolve("go");
    InstanceSpec spec = specs.sh("echo ready; while [ ! -e '" + go + "' ]; do sleep 0.01; done; seq 1 400000; exec sleep 300");
    CollectingSink first = new CollectingSink();
    NativeRunning r = (NativeRunning) backend.start(spec, first);
    started.add(r);
    await().atMost(Duration.ofSeconds(5)).until(() -> first.lines(Stream.OUT).equals(List.of("ready")));
    Handle handle = r.handle();

    r.detach(); // the agent dies: nobody reads, our FIFO ends are closed, the holder keeps the pipe
    Files.createFile(go);
    Path out = spec.runDir().resolve("out");
    // the service fills the pipe (never busy before: not enlarged) and waits: nothing is lost, nothing is killed
    await().atMost(Duration.ofSeconds(10)).until(() -> bufferedIn(out) >= Fifo.DEFAULT_SIZE - 4096);
    assertTrue(ProcStat.read(r.pid()).filter(p -> !p.ended()).isPresent());
    assertTrue(((InJvmFifoHolder) holder).holds(out));

    CollectingSink second = new CollectingSink();
    Running again = backend.recover(handle, spec, second).orElseThrow();
    started.add(again);
    assertEquals(r.pid(), again.pid());
    await().atMost(Duration.ofSeconds(20)).until(() -> second.count(Stream.OUT) == 400000);
    List<String> lines = second.lines(Stream.OUT);
    for (int i = 0; i < lines.size(); i++) {
      assertEquals(Integer.toString(i + 1), lines.get(i));
    }
    assertEquals(List.of("ready"), first.lines(Stream.OUT));

    again.signal("KILL");
    ExitStatus s = again.exit().get(5, TimeUnit.SECONDS);
    assertNull(s.code());
    assertNull(s.signal());
    assertEquals("re-adopted process", s.reason());
    assertEquals("exit unknown (re-adopted process)", s.describe());
    // released once the instance ended (in the background: a restart does not wait for it)
    await().atMost(Duration.ofSeconds(5)).until(() -> !((InJvmFifoHolder) holder).holds(out));
  }

  @Test
  void recoverNeverAdoptsAnotherProcessOrAGoneOne() throws Exception {
    InstanceSpec spec = new Specs(tmp).of(List.of("sleep", "300"));
    Running r = backend.start(spec, new CollectingSink());
    started.add(r);
    Map<String, String> wrongStart = new HashMap<>(r.handle().fields());
    wrongStart.put("start", Long.toString(Long.parseLong(wrongStart.get("start")) + 1));
    assertTrue(backend.recover(new Handle("native", wrongStart), spec, new CollectingSink()).isEmpty());

    Map<String, String> gone = new HashMap<>(r.handle().fields());
    r.stop(new StopSpec("TERM", Duration.ofSeconds(5)));
    assertTrue(backend.recover(new Handle("native", gone), spec, new CollectingSink()).isEmpty());
  }

  @Test
  void readsFortyOneByteLinesFast() throws Exception {
    AtomicLong bytes = new AtomicLong();
    AtomicLong lines = new AtomicLong();
    LogSink counting = new LogSink() {
      @Override
      public void line(InstanceId id, Stream stream, Instant time, byte[] buf, int off, int len, boolean partial) {
        bytes.addAndGet(len + 1);
        lines.incrementAndGet();
      }
    };
    InstanceSpec spec = new Specs(tmp).of(List.of("yes", "0123456789012345678901234567890123456789"));
    Running r = backend.start(spec, counting);
    started.add(r);
    await().atMost(Duration.ofSeconds(5)).until(() -> bytes.get() > 10_000_000);
    Thread reader = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("stack-io")).findFirst().orElseThrow();
    var mx = ManagementFactory.getThreadMXBean();
    long b0 = bytes.get();
    long c0 = mx.getThreadCpuTime(reader.getId());
    long t0 = System.nanoTime();
    Thread.sleep(3000); // a fixed measuring window, not a wait for a condition
    long b1 = bytes.get();
    long c1 = mx.getThreadCpuTime(reader.getId());
    long t1 = System.nanoTime();
    r.stop(new StopSpec("TERM", Duration.ofSeconds(5)));
    double mbs = (b1 - b0) / 1e6 / ((t1 - t0) / 1e9);
    double cpu = 100.0 * (c1 - c0) / (t1 - t0);
    // on a loaded machine the writer is starved first: judge the reader by what a core of it can read
    double perCore = mbs / Math.max(cpu, 1) * 100;
    System.out.printf("log read throughput: %.0f MB/s of 41-byte lines (%.1f M lines/s), reader thread CPU %.0f%%"
        + " (%.0f MB/s per core of reader)%n", mbs, mbs / 41, cpu, perCore);
    assertTrue(mbs > 5 && perCore > 200, "read " + mbs + " MB/s at " + cpu + "% CPU");
  }

  @Test
  void theReaderEnlargesTheOutputPipeOfABusyServiceAndNotOfAQuietOne() throws Exception {
    assertTrue(Fifo.PIPE_SIZE > Fifo.DEFAULT_SIZE, "this host allows pipes of " + Fifo.PIPE_SIZE + " bytes");
    CountDownLatch full = new CountDownLatch(1);
    CollectingSink lines = new CollectingSink();
    LogSink slowAtFirst = new LogSink() {
      @Override
      public void line(InstanceId id, Stream stream, Instant time, byte[] buf, int off, int len, boolean partial) {
        try {
          full.await(); // the first read is handed out once the service has filled its pipe
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        lines.line(id, stream, time, buf, off, len, partial);
      }
    };
    Path go = tmp.resolve("go-busy");
    // it writes once started (the sink holds up the one loop thread, which the start still needs)
    InstanceSpec spec = new Specs(tmp).sh("while [ ! -e '" + go + "' ]; do sleep 0.01; done; "
        + "echo first; seq 1 2000000; echo quiet >&2; exec sleep 300");
    Running r = backend.start(spec, slowAtFirst);
    started.add(r);
    Files.createFile(go);
    Path out = spec.runDir().resolve("out");
    Path err = spec.runDir().resolve("err");
    await().atMost(Duration.ofSeconds(10)).until(() -> bufferedIn(out) >= Fifo.DEFAULT_SIZE - 4096);
    assertEquals(Fifo.DEFAULT_SIZE, pipeSize(out), "not enlarged before it was found busy");
    full.countDown();
    await().atMost(Duration.ofSeconds(20)).until(() -> lines.count(Stream.OUT) == 2000001 && lines.count(Stream.ERR) == 1);
    assertEquals(Fifo.PIPE_SIZE, pipeSize(out));
    assertEquals(Fifo.DEFAULT_SIZE, pipeSize(err));
    List<String> got = lines.lines(Stream.OUT);
    assertEquals("first", got.get(0));
    for (int i = 1; i < got.size(); i++) {
      assertEquals(Integer.toString(i), got.get(i));
    }
  }

  /** The size of a FIFO's pipe. */
  static int pipeSize(Path fifo) throws Exception {
    return throughKeeper(fifo, fd -> LibC.INSTANCE.fcntl(fd, LibC.F_GETPIPE_SZ, 0));
  }

  /** Bytes waiting in a FIFO's pipe. */
  static int bufferedIn(Path fifo) throws Exception {
    return throughKeeper(fifo, fd -> {
      int[] n = new int[1];
      LibC.INSTANCE.ioctl(fd, LibC.FIONREAD, n);
      return n[0];
    });
  }

  /** {@code ask} of a fresh read-write end of {@code fifo} (which reads nothing), closed after. */
  private static int throughKeeper(Path fifo, java.util.function.IntUnaryOperator ask) throws Exception {
    int fd = Fifo.openKeeper(fifo);
    try {
      return ask.applyAsInt(fd);
    } finally {
      Fifo.close(fd);
    }
  }
}
