package dev.stack.nativ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.Backend;
import dev.stack.core.spi.BackendException;
import dev.stack.core.spi.ExitStatus;
import dev.stack.core.spi.LogSink.Stream;
import dev.stack.core.spi.Running;
import dev.stack.model.StopSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NativeBackendIT extends ProcessTest {


  private Running start(dev.stack.core.spi.InstanceSpec spec, CollectingSink sink) throws BackendException {
    Running r = backend.start(spec, sink);
    started.add(r);
    return r;
  }

  @Test
  void isFoundByServiceLoader() {
    assertTrue(ServiceLoader.load(Backend.class).stream().anyMatch(p -> p.get().name().equals("native")));
  }

  @Test
  void outputReachesTheSinkPerStreamAndTheExitCodeIsReal() throws Exception {
    CollectingSink sink = new CollectingSink();
    Running r = start(new Specs(tmp).sh("echo hi; echo oops >&2; printf 'no newline'; exit 3"), sink);
    ExitStatus status = r.exit().get(10, TimeUnit.SECONDS);
    assertEquals(3, status.code());
    assertNull(status.signal());
    assertNull(status.reason());
    drained(r);
    assertEquals(List.of("hi", "no newline"), sink.lines(Stream.OUT));
    assertEquals(List.of("oops"), sink.lines(Stream.ERR));
  }

  @Test
  void theServiceIsThePidInItsOwnSessionAndGroup() throws Exception {
    Running r = start(new Specs(tmp).of(List.of("sleep", "300")), new CollectingSink());
    await().atMost(Duration.ofSeconds(5)).until(() -> cmdline(r.pid()).startsWith("sleep\u0000300\u0000"));
    ProcStat p = ProcStat.read(r.pid()).orElseThrow();
    assertEquals(r.pid(), p.pgid());
    assertEquals(r.pid(), p.sid());
    assertEquals(Long.toString(r.pid()), r.displayId());
    assertEquals(Long.toString(r.pid()), r.handle().get("pid"));
    assertEquals(Long.toString(p.startTicks()), r.handle().get("start"));
    ExitStatus s = r.stop(new StopSpec("TERM", Duration.ofSeconds(5)));
    assertEquals("TERM", s.signal());
    assertNull(s.code());
    assertEquals("killed by TERM", s.describe());
  }

  @Test
  void envIsTheAgentsPlusTheSpecsAndCwdIsTheWorkdir() throws Exception {
    Path work = Files.createDirectory(tmp.resolve("work dir"));
    CollectingSink first = new CollectingSink();
    Running r1 = start(new Specs(tmp).workdir(work.toString()).env(Map.of("FOO", "bar baz", "HOME", "/elsewhere"))
        .sh("echo \"FOO=${FOO-unset}\"; echo \"HOME=$HOME\"; echo \"PATH=${PATH:+set}\"; pwd"), first);
    assertEquals(0, r1.exit().get(10, TimeUnit.SECONDS).code());
    drained(r1);
    assertEquals(List.of("FOO=bar baz", "HOME=/elsewhere", "PATH=set", work.toString()), first.lines(Stream.OUT));

    CollectingSink second = new CollectingSink();
    Running r2 = start(new Specs(tmp).sh("echo \"FOO=${FOO-unset}\""), second);
    assertEquals(0, r2.exit().get(10, TimeUnit.SECONDS).code());
    drained(r2);
    assertEquals(List.of("FOO=unset"), second.lines(Stream.OUT));
  }

  @Test
  void aMissingCommandOrWorkdirIsABadSpecNotWorthRetrying() {
    BackendException e = assertThrows(BackendException.class,
        () -> backend.start(new Specs(tmp).of(List.of("no-such-command-xyz")), new CollectingSink()));
    assertTrue(e.getMessage().endsWith(".command: command not found: no-such-command-xyz"), e.getMessage());
    assertFalse(e.retryable());
    BackendException w = assertThrows(BackendException.class,
        () -> backend.start(new Specs(tmp).workdir("/no/such/dir").sh("true"), new CollectingSink()));
    assertTrue(w.getMessage().endsWith(".workdir: no such folder: /no/such/dir"), w.getMessage());
  }

  @Test
  void runsAsAnotherUserWhenRoot() throws Exception {
    CollectingSink sink = new CollectingSink();
    Running r = start(new Specs(tmp).user("nobody").sh("id -u; id -g"), sink);
    assertEquals(0, r.exit().get(10, TimeUnit.SECONDS).code());
    drained(r);
    if (LibC.INSTANCE.geteuid() == 0) {
      assertEquals(List.of("65534", "65534"), sink.lines(Stream.OUT));
    }
  }

  @Test
  void stopLeavesNoProcessOfTheTreeEvenOnesThatIgnoreTermOrCalledSetsid() throws Exception {
    MarkedTree tree = new MarkedTree();
    CollectingSink sink = new CollectingSink();
    Running r = start(tree.spec(new Specs(tmp),
        "sh -c \"$0\" child &",
        "sh -c 'sh -c \"$0\" grandchild & wait' \"$0\" &",
        "setsid sh -c \"$0\" setsid &",
        "(setsid sh -c \"$0\" orphan &)"), sink);
    await().atMost(Duration.ofSeconds(10)).until(() -> sink.count(Stream.OUT) == 4);
    List<Long> pids = tree.pids();
    assertTrue(pids.size() >= 9, "parent, 4 ignoring shells, their sleeps and a subshell: " + pids);

    long t0 = System.nanoTime();
    ExitStatus s = r.stop(new StopSpec("TERM", Duration.ofSeconds(1)));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertEquals("KILL", s.signal());
    assertTrue(ms < 8000, "stop took " + ms + " ms (1 s grace, then SIGKILL; generous for a loaded machine)");
    tree.assertAllGone(pids);
  }

  @Test
  void signalsReachTheServiceByName() throws Exception {
    CollectingSink sink = new CollectingSink();
    Running r = start(new Specs(tmp).sh("trap 'echo got USR1' USR1; echo ready; while :; do sleep 0.05; done"), sink);
    await().atMost(Duration.ofSeconds(5)).until(() -> sink.lines(Stream.OUT).contains("ready"));
    r.signal("USR1");
    await().atMost(Duration.ofSeconds(5)).until(() -> sink.lines(Stream.OUT).contains("got USR1"));
    BackendException e = assertThrows(BackendException.class, () -> r.signal("BOGUS"));
    assertTrue(e.getMessage().startsWith("unknown signal \"BOGUS\""), e.getMessage());
  }

  @Test
  void usageCountsTheWholeTree() throws Exception {
    Running r = start(new Specs(tmp).sh("sh -c 'while :; do :; done' & sleep 300"), new CollectingSink());
    await().atMost(Duration.ofSeconds(5)).until(() -> r.usage().map(u -> u.processes() >= 3).orElse(false));
    r.usage();
    Thread.sleep(500); // a CPU percentage needs a stretch of time between two samples
    var u = r.usage().orElseThrow();
    assertTrue(u.cpuPercent() > 5, "busy child counted (2 shared cores): " + u);
    assertTrue(u.memoryBytes() > 100_000, "rss counted: " + u);
  }

  static String cmdline(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
