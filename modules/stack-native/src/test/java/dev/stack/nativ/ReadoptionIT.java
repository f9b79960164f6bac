package dev.stack.nativ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.ExitStatus;
import dev.stack.core.spi.Handle;
import dev.stack.core.spi.InstanceSpec;
import dev.stack.core.spi.LogSink.Stream;
import dev.stack.core.spi.Running;
import dev.stack.model.StopSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Re-adopting a process that is no child of this JVM, as after an agent crash: its parent died, so
 * the kernel reparented it to PID 1, which must reap it (this host's init does).
 */
class ReadoptionIT extends ProcessTest {


  @Test
  void anOrphanOfADeadSupervisorIsAdoptedStoppedAndReapedByInit() throws Exception {
    InstanceSpec spec = new Specs(tmp).of(List.of("sleep", "300"));
    Fifo.create(spec.runDir().resolve("out"));
    Fifo.create(spec.runDir().resolve("err"));
    // a stand-in for the dead agent: starts the service in its own session and exits at once
    String launch = "cd '" + spec.runDir() + "' && setsid sh -c 'exec 1<>out 2<>err; echo from before; exec sleep 300' &"
        + " echo $!";
    Process agent = new ProcessBuilder("sh", "-c", launch).start();
    int pid = Integer.parseInt(new String(agent.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
    assertEquals(0, agent.waitFor());
    await().atMost(Duration.ofSeconds(5)).until(() -> NativeBackendIT.cmdline(pid).startsWith("sleep"));
    ProcStat orphan = ProcStat.read(pid).orElseThrow();
    assertEquals(1, orphan.ppid(), "reparented to init");

    CollectingSink sink = new CollectingSink();
    Handle handle = new Handle("native", Map.of("pid", Integer.toString(pid), "start", Long.toString(orphan.startTicks()),
        "pgid", Integer.toString(pid)));
    Running r = started.add(backend.recover(handle, spec, sink).orElseThrow());
    // what it wrote while nobody read was kept by its own read-write end
    await().atMost(Duration.ofSeconds(5)).until(() -> sink.lines(Stream.OUT).equals(List.of("from before")));
    assertTrue(r.usage().isPresent());

    ExitStatus s = r.stop(new StopSpec("TERM", Duration.ofSeconds(5)));
    assertNull(s.code());
    assertEquals("re-adopted process", s.reason());
    // init reaped it: no zombie is left behind
    await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(Path.of("/proc/" + pid)));
  }

  @Test
  void anInstanceWhoseFifosAreGoneIsStillAdoptedRatherThanStartedTwice() throws Exception {
    InstanceSpec spec = new Specs(tmp).of(List.of("sleep", "300"));
    Running first = started.add(backend.start(spec, new CollectingSink()));
    Handle handle = first.handle();
    ((NativeRunning) first).detach();
    Files.delete(spec.runDir().resolve("out"));
    Running again = started.add(backend.recover(handle, spec, new CollectingSink()).orElseThrow());
    assertEquals(first.pid(), again.pid());
    ExitStatus s = again.stop(new StopSpec("TERM", Duration.ofSeconds(5)));
    assertEquals("re-adopted process", s.reason());
    assertTrue(first.exit().get(5, TimeUnit.SECONDS).signal() != null);
  }
}
