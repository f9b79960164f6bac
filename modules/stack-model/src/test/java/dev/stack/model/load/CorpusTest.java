package dev.stack.model.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.model.Problem;
import dev.stack.model.StackFileException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malformed corpus: each folder under {@code src/test/resources/corpus} is one kind of mistake,
 * with {@code stack.yaml}, the exact expected problems in {@code expected.txt}, and optionally
 * {@code args.properties} ({@code profile=}, {@code set.N=}, {@code env.NAME=}). Run with
 * {@code -Dcorpus.write=true} to (re)write expected.txt files, then review every diff.
 */
class CorpusTest {

  static final Path CORPUS = Path.of("src/test/resources/corpus");

  static Stream<Path> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CORPUS)) {
      return dirs.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyTheExpectedProblems(Path dir) throws IOException {
    StackFileException e = assertThrows(StackFileException.class, () -> load(dir));
    String actual = e.problems().stream().map(Problem::format).collect(Collectors.joining("\n")) + "\n";
    for (Problem p : e.problems()) {
      for (String leak : List.of("Exception", "at dev.", "java.", "\tat ")) {
        assertFalse(p.format().contains(leak), () -> "message leaks '" + leak + "': " + p.format());
      }
    }
    Path expected = dir.resolve("expected.txt");
    if (Boolean.getBoolean("corpus.write")) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual);
  }

  @Test
  void corpusHasFortyDistinctKinds() throws IOException {
    assertTrue(cases().count() >= 40, "the corpus needs at least 40 kinds of mistakes");
  }

  @Test
  void refusesAFileOverTheSizeLimit(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("stack.yaml");
    StringBuilder b = new StringBuilder("services:\n  api:\n    command: [run]\n    env:\n");
    String line = "      X%07d: \"" + "x".repeat(100) + "\"\n";
    for (int i = 0; b.length() <= 4 * 1024 * 1024 + 10; i++) {
      b.append(String.format(line, i));
    }
    Files.writeString(file, b);
    StackFileException e = assertThrows(StackFileException.class,
        () -> StackLoader.load(new StackLoader.Request(file, "stack.yaml", "dev", List.of(), Map.of())));
    assertEquals("stack.yaml:1:1: error: file is " + Files.size(file) + " bytes; stack files are limited to 4194304 bytes\n"
        + "  hint: is this the right file? a stack file is usually a few kilobytes", e.getMessage());
  }

  /** Loads a case the way the CLI does, with exactly the case's environment. */
  static StackLoader.Loaded load(Path dir) throws IOException {
    Properties args = new Properties();
    Path file = dir.resolve("args.properties");
    if (Files.exists(file)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        args.load(r);
      }
    }
    Map<String, String> env = new LinkedHashMap<>();
    TreeMap<Integer, String> sets = new TreeMap<>();
    for (String key : args.stringPropertyNames()) {
      if (key.startsWith("env.")) {
        env.put(key.substring(4), args.getProperty(key));
      } else if (key.startsWith("set.")) {
        sets.put(Integer.parseInt(key.substring(4)), args.getProperty(key));
      }
    }
    return StackLoader.load(new StackLoader.Request(dir.resolve("stack.yaml"), "stack.yaml",
        args.getProperty("profile", "dev"), new ArrayList<>(sets.values()), env));
  }
}
