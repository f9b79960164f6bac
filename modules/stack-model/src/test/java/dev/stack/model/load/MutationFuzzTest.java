package dev.stack.model.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.stack.model.Problem;
import dev.stack.model.StackFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damages a valid stack file in many small ways (fixed seed, so a failure reproduces): loading must
 * then either succeed or report problems, never fail with anything else.
 */
class MutationFuzzTest {

  private static final List<String> TOKENS = List.of(":", "- ", "[", "]", "{", "}", "\"", "'", "&a ", "*a", "\t", "\0",
      "~", "null", "0", "-1", "99999999999999", "x-", "${", "\\", "\n", "  ", "!!str ", "1e400", "0x10", "sig", "..");

  @Test
  void damagedFilesFailOnlyWithProblems(@TempDir Path dir) throws IOException {
    Path fixture = StackBinderTest.VALID.resolve("full");
    try (Stream<Path> files = Files.walk(fixture)) {
      for (Path p : files.toList()) {
        Path target = dir.resolve(fixture.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    String original = Files.readString(fixture.resolve("stack.yaml"));
    Random random = new Random(Long.getLong("fuzz.seed", 42));
    for (int i = 0; i < Integer.getInteger("fuzz.runs", 300); i++) {
      String text = mutate(original, random, 1 + random.nextInt(3));
      Files.writeString(dir.resolve("stack.yaml"), text);
      try {
        StackLoader.load(new StackLoader.Request(dir.resolve("stack.yaml"), "stack.yaml", "dev", List.of(), Map.of()));
      } catch (StackFileException e) {
        for (Problem p : e.problems()) {
          assertFalse(p.format().contains("Exception"), () -> p.format() + "\n--- from:\n" + text);
        }
      } catch (RuntimeException | StackOverflowError e) {
        fail("mutation " + i + " failed with " + e + "\n--- file:\n" + text, e);
      }
    }
  }

  private static String mutate(String text, Random random, int edits) {
    StringBuilder b = new StringBuilder(text);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(b.length());
      switch (random.nextInt(4)) {
        case 0 -> b.deleteCharAt(at);
        case 1 -> b.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
        case 2 -> {
          int end = Math.min(b.length(), at + 1 + random.nextInt(12));
          b.replace(at, end, TOKENS.get(random.nextInt(TOKENS.size())));
        }
        default -> {
          int lineStart = b.lastIndexOf("\n", at) + 1;
          int lineEnd = b.indexOf("\n", at);
          if (lineEnd > lineStart) {
            b.insert(lineStart, b.substring(lineStart, lineEnd + 1));
          }
        }
      }
    }
    return b.toString();
  }
}
