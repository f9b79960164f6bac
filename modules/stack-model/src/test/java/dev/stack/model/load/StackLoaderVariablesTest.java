package dev.stack.model.load;

import static dev.stack.model.load.Trees.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLoaderVariablesTest {

  @TempDir Path dir;

  @Test
  void dotEnvBesideTheFileFillsInAndTheEnvironmentWins() throws IOException {
    Files.writeString(dir.resolve(".env"), "TAG=from-file\nONLY_FILE=f\n");
    Map<String, String> vars = StackLoader.variables(dir, Map.of("TAG", "from-env"));
    assertEquals("from-env", vars.get("TAG"));
    assertEquals("f", vars.get("ONLY_FILE"));
  }

  @Test
  void theLoaderInterpolatesWithThoseVariablesAfterProfilesAndSets() throws IOException {
    Files.writeString(dir.resolve(".env"), "TAG=from-file\nWHO=file\n");
    Files.createDirectories(dir.resolve("profiles"));
    Files.writeString(dir.resolve("profiles/dev.yaml"), "services:\n  api:\n    image: ${A:?tag ${TAG} by ${WHO}}\n");
    Files.writeString(dir.resolve("stack.yaml"), "services:\n  api:\n    command: [x]\n    user: ${B:?user ${WHO}}\n");
    StackLoader.Request request = new StackLoader.Request(dir.resolve("stack.yaml"), "stack.yaml", "dev",
        List.of("services.api.workdir=${C:?workdir ${TAG}}"), Map.of("TAG", "from-env"));
    assertEquals("""
        stack.yaml:4:11: error: services.api.user: variable 'B' is not set: user file
          hint: set it in the environment or in .env beside the stack file
        profiles/dev.yaml:3:12: error: services.api.image: variable 'A' is not set: tag from-env by file
          hint: set it in the environment or in .env beside the stack file
        --set:1:22: error: services.api.workdir: variable 'C' is not set: workdir from-env
          hint: set it in the environment or in .env beside the stack file""",
        problems(() -> StackLoader.load(request)));
  }
}
