package dev.stack.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exits seen through pidfds on the event loop: exit codes, signals, and processes that are not our children. */
class ExitWatchIT {

  @TempDir
  Path tmp;

  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
  private final ExitWatch watch = new ExitWatch(EventLoop::shared, () -> poller);

  @AfterEach
  void stopPoller() {
    poller.shutdownNow();
  }

  record End(Integer code, String signal) {}

  private CompletableFuture<End> child(String script) throws Exception {
    Path out = tmp.resolve("out");
    Files.deleteIfExists(out);
    Files.createFile(out);
    int pid = Spawner.spawn(new Spawner.Command("/bin/sh", List.of("sh", "-c", script), Map.of(), tmp), out, out);
    CompletableFuture<End> end = new CompletableFuture<>();
    watch.child(pid, (code, signal) -> end.complete(new End(code, signal)));
    return end;
  }

  @Test
  void aChildsExitCodeIsReaped() throws Exception {
    assertEquals(new End(0, null), child("true").get(10, TimeUnit.SECONDS));
    assertEquals(new End(7, null), child("exit 7").get(10, TimeUnit.SECONDS));
    assertEquals(new End(255, null), child("exit 255").get(10, TimeUnit.SECONDS));
  }

  @Test
  void aChildKilledByASignalIsToldByName() throws Exception {
    assertEquals(new End(null, "USR1"), child("kill -USR1 $$").get(10, TimeUnit.SECONDS));
    assertEquals(new End(null, "KILL"), child("kill -KILL $$").get(10, TimeUnit.SECONDS));
  }

  @Test
  void manyChildrenEndingAtOnceAreAllSeenAndLeaveNoZombie() throws Exception {
    int n = 50;
    CompletableFuture<?>[] ends = new CompletableFuture<?>[n];
    List<CompletableFuture<End>> all = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      CompletableFuture<End> e = child("exit " + i);
      all.add(e);
      ends[i] = e;
    }
    CompletableFuture.allOf(ends).get(30, TimeUnit.SECONDS);
    for (int i = 0; i < n; i++) {
      assertEquals(new End(i, null), all.get(i).get());
    }
    long zombies = ProcessHandle.current().children().filter(p -> ProcStat.read((int) p.pid())
        .map(s -> s.state() == 'Z').orElse(false)).count();
    assertEquals(0, zombies);
  }

  @Test
  void aProcessThatIsNotOurChildIsSeenGoneWithoutACode() throws Exception {
    // its parent exits at once: the sleep is reparented, so only its pidfd tells when it ends
    Process p = new ProcessBuilder("sh", "-c", "sleep 300 >/dev/null 2>&1 & echo $!").start();
    int pid = Integer.parseInt(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
    assertEquals(0, p.waitFor());
    long start = ProcStat.read(pid).orElseThrow().startTicks();
    CompletableFuture<End> end = new CompletableFuture<>();
    watch.adopted(pid, () -> ProcStat.read(pid).filter(s -> !s.ended() && s.startTicks() == start).isPresent(),
        (code, signal) -> end.complete(new End(code, signal)));
    assertFalse(end.isDone());
    LibC.INSTANCE.kill(pid, Signals.number("TERM"));
    assertEquals(new End(null, null), end.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aProcessAlreadyGoneOrAnotherOneIsToldGoneAtOnce() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    CompletableFuture<End> end = new CompletableFuture<>();
    watch.adopted((int) p.pid(), () -> false, (code, signal) -> end.complete(new End(code, signal)));
    assertEquals(new End(null, null), end.get(10, TimeUnit.SECONDS));
  }

}
