package dev.stack.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.ExitStatus;
import dev.stack.core.spi.LogSink.Stream;
import dev.stack.core.spi.Running;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every stream of every instance read by one event loop thread. */
class EventLoopIT extends ProcessTest {

  @Test
  void manyStreamsAtOnceDeliverEveryLineOnceAndInOrder() throws Exception {
    int services = 40;
    int lines = 20_000;
    List<Running> runs = new ArrayList<>();
    List<CollectingSink> sinks = new ArrayList<>();
    Specs specs = new Specs(tmp);
    for (int i = 0; i < services; i++) {
      CollectingSink sink = new CollectingSink();
      sinks.add(sink);
      // both streams at once, lines of different lengths
      runs.add(started.add(backend.start(specs.sh("seq 1 " + lines + " & seq -f 'err %08g' 1 " + lines + " >&2; wait"), sink)));
    }
    for (int i = 0; i < services; i++) {
      assertEquals(0, runs.get(i).exit().get(60, TimeUnit.SECONDS).code());
      drained(runs.get(i));
      List<String> out = sinks.get(i).lines(Stream.OUT);
      List<String> err = sinks.get(i).lines(Stream.ERR);
      assertEquals(lines, out.size(), "service " + i);
      assertEquals(lines, err.size(), "service " + i);
      for (int n = 0; n < lines; n++) {
        assertEquals(Integer.toString(n + 1), out.get(n));
        assertEquals(String.format("err %08d", n + 1), err.get(n));
      }
      assertEquals(0, sinks.get(i).partialPieces());
    }
    assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("stack-read-")));
  }

  @Test
  void theEndIsToldAtOnceWhileADescendantStillWritesAndDrainedWaitsForIt() throws Exception {
    Path go = tmp.resolve("go");
    CollectingSink sink = new CollectingSink();
    NativeRunning r = (NativeRunning) started.add(backend.start(new Specs(tmp).sh(
        "echo main; (while [ ! -e '" + go + "' ]; do sleep 0.01; done; echo child; echo child-err >&2) & exit 3"), sink));
    ExitStatus s = r.exit().get(10, TimeUnit.SECONDS);
    assertEquals(3, s.code());
    assertFalse(r.drained().isDone(), "the background child still holds the pipes");
    Files.createFile(go);
    r.drained().get(10, TimeUnit.SECONDS);
    assertEquals(List.of("main", "child"), sink.lines(Stream.OUT));
    assertEquals(List.of("child-err"), sink.lines(Stream.ERR));
  }

  @Test
  void aScriptWithoutShebangRunsThroughTheShellAsExecvpWould() throws Exception {
    Path script = tmp.resolve("plain-script");
    Files.writeString(script, "echo \"ran with $1\"\n");
    script.toFile().setExecutable(true);
    CollectingSink sink = new CollectingSink();
    Running r = started.add(backend.start(new Specs(tmp).of(List.of(script.toString(), "arg")), sink));
    assertEquals(0, r.exit().get(10, TimeUnit.SECONDS).code());
    drained(r);
    assertEquals(List.of("ran with arg"), sink.lines(Stream.OUT));
  }
}
