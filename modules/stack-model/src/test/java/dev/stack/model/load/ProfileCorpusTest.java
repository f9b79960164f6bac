package dev.stack.model.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.model.Problem;
import dev.stack.model.StackFileException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the malformed-stack corpus cases of the profile, {@code --set} and interpolation stages
 * ({@code corpus/profile-*}, {@code set-*}, {@code interp-*}): each loads {@code stack.yaml} with
 * the profile, {@code --set}s and environment of its {@code args.properties} and must fail with
 * exactly the text of {@code expected.txt}. The full corpus runner (CorpusTest) covers every case;
 * this one keeps these stages honest on their own.
 */
class ProfileCorpusTest {

  private static final Path CORPUS = Path.of("src/test/resources/corpus");
  private static final List<String> PREFIXES = List.of("profile-", "set-", "interp-");

  @TestFactory
  Stream<DynamicTest> malformedCases() throws IOException {
    List<Path> cases;
    try (Stream<Path> dirs = Files.list(CORPUS)) {
      cases = dirs.filter(d -> PREFIXES.stream().anyMatch(p -> d.getFileName().toString().startsWith(p)))
          .sorted(Comparator.comparing(Path::toString)).toList();
    }
    assertTrue(cases.size() >= 12, "expected at least 12 cases, found " + cases.size());
    return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
  }

  private static void check(Path dir) throws IOException {
    Properties args = new Properties();
    Path argsFile = dir.resolve("args.properties");
    if (Files.exists(argsFile)) {
      try (Reader r = Files.newBufferedReader(argsFile)) {
        args.load(r);
      }
    }
    Map<Integer, String> sets = new TreeMap<>();
    Map<String, String> env = new LinkedHashMap<>();
    for (String key : args.stringPropertyNames()) {
      if (key.startsWith("set.")) {
        sets.put(Integer.parseInt(key.substring(4)), args.getProperty(key));
      } else if (key.startsWith("env.")) {
        env.put(key.substring(4), args.getProperty(key));
      }
    }
    StackLoader.Request request = new StackLoader.Request(dir.resolve("stack.yaml"), "stack.yaml",
        args.getProperty("profile", "dev"), new ArrayList<>(sets.values()), env);
    StackFileException e = assertThrows(StackFileException.class, () -> StackLoader.load(request));
    String actual = e.problems().stream().map(Problem::format).collect(Collectors.joining("\n")) + "\n";
    assertEquals(Files.readString(dir.resolve("expected.txt")), actual);
  }
}
