package dev.stack.agent.supervisor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stack.model.Watch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWatchesTest {

  private static final Duration DELAY = Duration.ofMillis(200);
  /** Long enough for a change to have been seen and its delay to have passed, had it counted. */
  private static final long QUIET_MS = 1200;

  @TempDir
  Path dir;

  private ScheduledExecutorService timer;
  private FileWatches watches;
  private final List<String> changes = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    timer = Executors.newSingleThreadScheduledExecutor();
    Files.createDirectories(dir.resolve("home/logs"));
    watches = new FileWatches(timer, List.of(dir.resolve("home")));
  }

  @AfterEach
  void tearDown() {
    watches.close();
    timer.shutdownNow();
  }

  private int watch(Watch w) throws IOException {
    return watches.watch("shop/api", w, dir, path -> {
      synchronized (changes) {
        changes.add(path);
      }
    });
  }

  private List<String> changes() {
    synchronized (changes) {
      return List.copyOf(changes);
    }
  }

  private static Watch of(Path... paths) {
    return new Watch(Arrays.stream(paths).map(Path::toString).toList(), null, DELAY);
  }

  @Test
  void aBurstOfChangesIsOneCallNamingTheFirstChangedFile() throws Exception {
    Files.createDirectories(dir.resolve("src/lib"));
    assertEquals(3, watch(of(dir)), "the folder and every folder under it but the agent's home");
    Files.writeString(dir.resolve("src/lib/a.js"), "1");
    Files.writeString(dir.resolve("src/b.js"), "2");
    Files.writeString(dir.resolve("c.js"), "3");
    await().atMost(Duration.ofSeconds(5)).until(() -> !changes().isEmpty());
    Thread.sleep(QUIET_MS);
    assertEquals(List.of("src/lib/a.js"), changes());

    Files.delete(dir.resolve("c.js"));
    await().atMost(Duration.ofSeconds(5)).until(() -> changes().size() == 2);
    assertEquals("c.js", changes().get(1), "a removal is a change too");
  }

  @Test
  void ignoredNamesTheAgentsHomeAndOtherFoldersAreNotReactedTo() throws Exception {
    Files.createDirectories(dir.resolve("node_modules/pkg"));
    Files.createDirectories(dir.resolve(".git"));
    Files.createDirectories(dir.resolve("src"));
    Path elsewhere = Files.createDirectories(dir.resolve("../elsewhere-" + dir.getFileName()));
    assertEquals(1, watch(of(dir.resolve("src"), dir.resolve("home/logs"))), "src; the agent's home never");
    Files.writeString(dir.resolve("node_modules/pkg/index.js"), "x");
    Files.writeString(dir.resolve(".git/HEAD"), "x");
    Files.writeString(dir.resolve("src/debug.log"), "x");
    Files.writeString(dir.resolve("src/.app.js.swp"), "x");
    Files.writeString(dir.resolve("home/logs/api.log"), "x");
    Files.writeString(dir.resolve("top.js"), "x"); // beside src, not under it
    Files.writeString(elsewhere.resolve("x.js"), "x");
    Thread.sleep(QUIET_MS);
    assertEquals(List.of(), changes());

    Files.writeString(dir.resolve("src/app.js"), "x");
    await().atMost(Duration.ofSeconds(5)).until(() -> changes().equals(List.of("src/app.js")));
  }

  @Test
  void aFolderMadeAfterTheWatchStartedIsWatchedToo() throws Exception {
    watch(of(dir));
    Files.createDirectories(dir.resolve("new/deeper"));
    await().atMost(Duration.ofSeconds(5)).until(() -> changes().size() == 1);
    Thread.sleep(QUIET_MS);
    Files.writeString(dir.resolve("new/deeper/file.py"), "x");
    await().atMost(Duration.ofSeconds(5)).until(() -> changes().size() == 2);
    assertEquals("new/deeper/file.py", changes().get(1));
  }

  @Test
  void aWatchedFileAloneAndPatternsAddedInTheFile() throws Exception {
    Files.writeString(dir.resolve(".env"), "A=1");
    Files.createDirectories(dir.resolve("src/gen"));
    List<String> ignore = new ArrayList<>(Watch.DEFAULT_IGNORE);
    ignore.add("gen");
    watch(new Watch(List.of(dir.resolve(".env").toString(), dir.resolve("src").toString()), ignore, DELAY));
    Files.writeString(dir.resolve("other.txt"), "x"); // beside the watched file, in the folder watched for it
    Files.writeString(dir.resolve("src/gen/out.js"), "x");
    Thread.sleep(QUIET_MS);
    assertEquals(List.of(), changes());
    Files.writeString(dir.resolve(".env"), "A=2"); // named: watched, though dot files are ignored under a folder
    await().atMost(Duration.ofSeconds(5)).until(() -> changes().equals(List.of(".env")));
  }

  @Test
  void theSameWatchIsKeptAnUnwatchedOneCallsNoMore() throws Exception {
    Watch w = of(dir);
    assertEquals(1, watch(w));
    assertEquals(-1, watch(w), "kept as it is");
    Files.writeString(dir.resolve("a.txt"), "x");
    watches.unwatch("shop/api"); // before its delay is over: the pending call goes too
    Thread.sleep(QUIET_MS);
    Files.writeString(dir.resolve("b.txt"), "x");
    Thread.sleep(QUIET_MS);
    assertEquals(List.of(), changes());
    assertEquals(Set.of(), watches.keys());
  }

  @Test
  void aFolderThatCannotBeWatchedFailsThatWatchAndLeavesNothingOfIt() {
    Path gone = dir.resolve("gone/file"); // removed since the file was loaded
    assertThrows(IOException.class, () -> watch(of(gone)));
    assertEquals(Set.of(), watches.keys());
  }
}
