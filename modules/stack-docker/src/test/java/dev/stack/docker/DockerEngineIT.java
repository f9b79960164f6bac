package dev.stack.docker;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.testing.RequiresDocker;
import org.junit.jupiter.api.Test;

@RequiresDocker
class DockerEngineIT {

  @Test
  void theEngineOfTheEnvironmentAnswersItsPing() throws Exception {
    try (DockerEngine engine = DockerEngine.fromEnvironment()) {
      assertDoesNotThrow(engine::ping);
      assertTrue(engine.client().versionCmd().exec().getApiVersion().compareTo("1.41") >= 0);
    }
  }
}
