package dev.stack.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** posix_spawn as the backend uses it: what the new process gets, and what a failure says. */
class SpawnerIT {

  @TempDir
  Path tmp;

  private final ExitWatch watch = new ExitWatch(EventLoop::shared, () -> {
    throw new AssertionError("pidfds are expected on this kernel");
  });

  private int run(List<String> argv, Map<String, String> env) throws Exception {
    Path out = tmp.resolve("out");
    Files.deleteIfExists(out);
    Files.createFile(out);
    int pid = Spawner.spawn(new Spawner.Command(argv.get(0), argv, env, tmp), out, out);
    CompletableFuture<Integer> code = new CompletableFuture<>();
    watch.child(pid, (c, signal) -> code.complete(c));
    return code.get(10, TimeUnit.SECONDS);
  }

  private List<String> output() throws IOException {
    return Files.readAllLines(tmp.resolve("out"));
  }

  @Test
  void stdinIsDevNullAndNoDescriptorOfThisJvmIsInherited() throws Exception {
    assertEquals(1, run(List.of("/bin/sh", "-c", "read x"), Map.of())); // end of input at once
    assertEquals(0, run(List.of("/bin/sh", "-c", "ls /proc/$$/fd"), Map.of()));
    assertEquals(List.of("0", "1", "2"), output());
  }

  @Test
  void itRunsInItsOwnSessionInTheWorkdirWithExactlyTheEnvironmentGiven() throws Exception {
    assertEquals(0, run(List.of("/bin/sh", "-c", "echo $$ $(cut -d' ' -f6 /proc/$$/stat) \"$(pwd)\" \"${FOO}\" \"${HOME-unset}\""),
        Map.of("FOO", "bar baz", "PATH", "/usr/bin:/bin")));
    String[] f = output().get(0).split(" ", 3);
    assertEquals(f[0], f[1].trim(), "session leader");
    assertEquals(tmp + " bar baz unset", f[2]);
  }

  @Test
  void aFailedSpawnSaysWhy() throws Exception {
    IOException e = assertThrows(IOException.class, () -> Spawner.spawn(
        new Spawner.Command("/bin/true", List.of("true"), Map.of(), tmp), tmp.resolve("no/such/fifo"), tmp.resolve("err")));
    assertEquals("/bin/true: No such file or directory", e.getMessage());
    Files.writeString(tmp.resolve("a"), "");
    Files.writeString(tmp.resolve("b"), "");
    IOException dir = assertThrows(IOException.class, () -> Spawner.spawn(
        new Spawner.Command("/bin/true", List.of("true"), Map.of(), tmp.resolve("gone")), tmp.resolve("a"), tmp.resolve("b")));
    assertEquals("/bin/true: No such file or directory", dir.getMessage());
  }
}
