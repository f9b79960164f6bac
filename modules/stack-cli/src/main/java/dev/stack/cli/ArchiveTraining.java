package dev.stack.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the common commands once, output discarded, so that a JVM started with
 * {@code -XX:ArchiveClassesAtExit=stack.jsa} records every class they load in one class-data
 * sharing archive ({@code make build} does this). {@code bin/stack} then starts from that archive.
 * Arguments: stack files to {@code validate} and {@code config}.
 */
public final class ArchiveTraining {

  private ArchiveTraining() {}

  public static void main(String[] stackFiles) {
    List<String[]> runs = new ArrayList<>();
    runs.add(new String[] {"--help"});
    runs.add(new String[] {"--version"});
    runs.add(new String[] {"config", "--bogus"});
    for (String file : stackFiles) {
      runs.add(new String[] {"-f", file, "validate"});
      runs.add(new String[] {"-f", file, "config"});
    }
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    for (String[] args : runs) {
      Main.run(nowhere, nowhere, Map.of(), args);
    }
  }
}
