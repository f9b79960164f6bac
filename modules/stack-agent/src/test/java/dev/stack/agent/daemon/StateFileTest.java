package dev.stack.agent.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

  @TempDir Path tmp;

  @Test
  void absentFileReadsAsEmpty() throws IOException {
    assertEquals(Optional.empty(), new StateFile(tmp.resolve("none.json")).read());
  }

  @Test
  void replacesTheDocumentAndLeavesNoTemporaryFile() throws IOException {
    StateFile f = new StateFile(tmp.resolve("state/shop.json"));
    f.write(Map.of("services", List.of("api")));
    f.write(Map.of("services", List.of("api", "db"), "profile", "dev"));
    assertEquals(Map.of("services", List.of("api", "db"), "profile", "dev"), f.read().orElseThrow());
    try (Stream<Path> files = Files.list(tmp.resolve("state"))) {
      assertEquals(List.of(tmp.resolve("state/shop.json")), files.toList());
    }
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path())));
    assertTrue(Files.readString(f.path()).endsWith("}\n"));
  }

  @Test
  void corruptDocumentNamesTheFile() throws IOException {
    Path p = Files.writeString(tmp.resolve("bad.json"), "{\"a\": ");
    IOException e = assertThrows(IOException.class, () -> new StateFile(p).read());
    assertEquals(p + ": not a JSON state document: unexpected end of input, expected a value at offset 6",
        e.getMessage());
  }
}
