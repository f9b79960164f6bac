package dev.stack.cli;

import dev.stack.model.load.BadValueException;
import dev.stack.model.load.DurationParser;
import java.time.Duration;
import picocli.CommandLine;

/** Durations on the command line, written as in stack files ({@code 30s}, {@code 2m}). */
final class Durations {

  private Durations() {}

  static Duration parse(String option, String text) {
    try {
      return DurationParser.parse(text);
    } catch (BadValueException e) {
      throw new CommandLine.ParameterException(new CommandLine(new Object()),
          option + ": expected a duration like 500ms or 30s, got \"" + text + "\"");
    }
  }
}
