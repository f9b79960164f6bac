package dev.stack.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What one run of {@code stack} talks to: its output streams and the environment it reads. Passing
 * these explicitly (instead of System.out/err/getenv) lets tests run the CLI in-process.
 *
 * @param out where results go (machine-readable where a command says so)
 * @param err where messages, errors and hints go
 * @param env the environment ({@code STACK_FILE}, {@code ${VAR}} interpolation, {@code NO_COLOR})
 */
public record Session(PrintStream out, PrintStream err, Map<String, String> env) {

  public Session {
    env = Map.copyOf(env);
  }
}
