package dev.stack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stack.core.logs.LogStore;
import dev.stack.core.spi.InstanceId;
import dev.stack.core.spi.LogSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `stack logs SERVICE`: a service of the file or one with stored logs; any other name is an error. */
class LogsServicesTest {

  @TempDir
  Path dir;

  private Path file;

  @BeforeEach
  void stackAndAGoneServicesLogs() throws IOException {
    file = dir.resolve("stack.yaml");
    Files.writeString(file, "name: shop\nservices:\n  web: {command: [/bin/true]}\n  worker: {command: [/bin/true]}\n");
    try (LogStore store = new LogStore(dir.resolve("home/logs"))) {
      byte[] line = "from before\n".getBytes(StandardCharsets.UTF_8);
      store.lines(new InstanceId("shop", "cron", 1), LogSink.Stream.OUT, Instant.parse("2026-11-26T10:00:00Z"), line, 0,
          line.length);
      store.flush();
    }
  }

  /** Exit code, standard output, standard error. */
  private List<Object> logs(String... services) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("-f", file.toString(), "logs", "--no-color"));
    args.addAll(List.of(services));
    int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.of("STACK_HOME", dir.resolve("home").toString()), args.toArray(String[]::new));
    return List.of(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aMisspeltServiceIsAnErrorNamingTheOnesThereAre() {
    assertEquals(List.of(2, "", "error: no such service: wokrer\n"
        + "  hint: did you mean 'worker'? services of shop: web, worker, cron\n"), logs("wokrer"));
  }

  @Test
  void aServiceOfTheFileWithNothingStoredYetAndOneGoneFromItAreFine() {
    assertEquals(List.of(0, "", ""), logs("web"));
    assertEquals(List.of(0, "cron | from before\n", ""), logs("cron"));
  }

  @Test
  void whileTheFileDoesNotLoadTheLogsOfTheStackThatRunsFromItAreShown() throws IOException {
    Files.writeString(file, "services:\n  web: [oops\n");
    List<Object> none = logs("cron");
    assertEquals(2, none.get(0), "no stack runs from it: the file's error");
    assertEquals(true, ((String) none.get(2)).startsWith(file + ":3:1: error: invalid YAML"), none.toString());
    // the agent's saved state says stack shop runs from this file, with instances of web and cron
    Files.createDirectories(dir.resolve("home/state"));
    Files.writeString(dir.resolve("home/state/shop.json"), "{\"name\": \"shop\", \"request\": {\"file\": \""
        + file.toAbsolutePath() + "\"}, \"instances\": [{\"service\": \"web\"}, {\"service\": \"cron\"}]}");
    Files.writeString(dir.resolve("home/state/other.json"), "{\"name\": \"other\", \"request\": {\"file\": \"/elsewhere/stack.yaml\"}}");
    assertEquals(List.of(0, "cron | from before\n", "note: " + file + " does not load ('stack validate' says why); these are"
        + " the logs of stack shop, which runs from it\n"), logs("cron"));
    assertEquals(2, logs("nope").get(0));
  }
}
