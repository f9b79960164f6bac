package dev.stack.nativ;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.stack.core.spi.InstanceSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A service whose processes all ignore SIGTERM and carry a mark in their environment, so a test
 * can list every process of the tree (even ones reparented to init) by reading /proc.
 */
final class MarkedTree {

  /** A branch: {@code sh -c "$0" NAME} runs a shell that ignores TERM, prints its name and pid, and loops. */
  private static final String IGNORING = "trap '' TERM; echo $1 $$; while :; do sleep 1; done";

  private final String mark = UUID.randomUUID().toString();

  /** A parent that ignores TERM, starts {@code branches} (shell lines) and waits. */
  InstanceSpec spec(Specs specs, String... branches) {
    String script = "trap '' TERM\n" + String.join("\n", branches) + "\nwait\n";
    return specs.env(Map.of("STACK_TEST_MARK", mark)).of(List.of("sh", "-c", script, IGNORING));
  }

  /** Live processes of the tree. */
  List<Long> pids() throws IOException {
    byte[] needle = ("STACK_TEST_MARK=" + mark).getBytes(StandardCharsets.UTF_8);
    List<Long> found = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path d : dirs) {
        try {
          byte[] env = Files.readAllBytes(d.resolve("environ"));
          long pid = Long.parseLong(d.getFileName().toString());
          if (indexOf(env, needle) >= 0 && ProcStat.read(pid).filter(p -> !p.ended()).isPresent()) {
            found.add(pid);
          }
        } catch (IOException | RuntimeException gone) {
          // ended while listing
        }
      }
    }
    return found;
  }

  /** Every one of {@code tree} has ended, and no process of the tree is left. */
  void assertAllGone(List<Long> tree) {
    await().atMost(Duration.ofSeconds(2)).until(() -> pids().isEmpty());
    for (long pid : tree) {
      assertFalse(ProcStat.read(pid).filter(p -> !p.ended()).isPresent(), "pid " + pid + " survived");
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
