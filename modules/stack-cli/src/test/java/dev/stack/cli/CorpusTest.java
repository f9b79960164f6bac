package dev.stack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The model's corpus of malformed stack files, run through the whole CLI: every case exits 2 and
 * prints exactly the problems the model expects, never an exception. A case is a folder with
 * {@code stack.yaml}, {@code expected.txt} and optionally {@code args.properties}
 * ({@code profile=NAME}, {@code set.N=PATH=VALUE}, {@code env.NAME=value}).
 */
class CorpusTest {

  static final Path CORPUS = Path.of("../stack-model/src/test/resources/corpus");

  @TestFactory
  Stream<DynamicTest> everyCaseIsReportedExactlyAsTheModelExpects() throws IOException {
    assumeTrue(Files.isDirectory(CORPUS), "no corpus in " + CORPUS.toAbsolutePath().normalize());
    List<Path> cases;
    try (Stream<Path> dirs = Files.list(CORPUS)) {
      cases = dirs.filter(d -> Files.isRegularFile(d.resolve("expected.txt"))).sorted().toList();
    }
    return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
  }

  private static void check(Path dir) throws IOException {
    Properties props = new Properties();
    Path argsFile = dir.resolve("args.properties");
    if (Files.exists(argsFile)) {
      try (Reader r = Files.newBufferedReader(argsFile, StandardCharsets.UTF_8)) {
        props.load(r);
      }
    }
    Map<String, String> env = new LinkedHashMap<>();
    TreeMap<Integer, String> sets = new TreeMap<>();
    for (String key : props.stringPropertyNames()) {
      if (key.startsWith("env.")) {
        env.put(key.substring(4), props.getProperty(key));
      } else if (key.startsWith("set.")) {
        sets.put(Integer.parseInt(key.substring(4)), props.getProperty(key));
      }
    }
    List<String> args = new ArrayList<>(List.of("-f", dir.resolve("stack.yaml").toString(), "validate"));
    if (props.containsKey("profile")) {
      args.addAll(List.of("--profile", props.getProperty("profile")));
    }
    sets.values().forEach(s -> args.addAll(List.of("--set", s)));

    CliRun run = CliRun.stack(env, args.toArray(String[]::new));

    assertEquals(2, run.code(), run.err());
    assertEquals("", run.out());
    assertFalse(run.err().contains("Exception"), run.err());
    // the model's expectations name the file as typed in its folder: stack.yaml, profiles/x.yaml
    String err = run.err().replace(dir + "/", "");
    assertEquals(Files.readString(dir.resolve("expected.txt"), StandardCharsets.UTF_8), err);
  }
}
