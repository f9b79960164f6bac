package dev.stack.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One in-process run of {@code stack}: its exit code and everything it printed. */
record CliRun(int code, String out, String err) {

  /** Runs {@code stack args} with an empty environment. */
  static CliRun stack(String... args) {
    return stack(Map.of(), args);
  }

  /** Runs {@code stack args} seeing exactly {@code env} as its environment. */
  static CliRun stack(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env, args);
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
