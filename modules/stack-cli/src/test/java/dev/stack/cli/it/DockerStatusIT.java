package dev.stack.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stack.core.testing.RequiresDocker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link StatusContract} on the docker backend (a local busybox image): the handle is the
 * container. Whatever {@code down} left of the stack's containers and network is removed by the
 * stack's own label and name.
 */
@RequiresDocker
class DockerStatusIT extends StatusContract {

  @Override
  String backendLines() {
    return "    backend: docker\n    image: stack-busybox:1\n    stop: {timeout: 2s}";
  }

  @Override
  String backend() {
    return "docker";
  }

  @Override
  String scratch() {
    return "/tmp"; // the container's own: it lives as long as the container, across the engine's restarts
  }

  @Override
  void assertHandle(JsonNode instance) {
    String container = instance.path("handle").path("container").asText();
    assertTrue(container.matches("[0-9a-f]{64}"), instance.toString());
    assertTrue(container.startsWith(instance.path("id").asText()), instance.toString());
    assertEquals(name + "-" + instance.path("instance").asText() + "-1", instance.path("handle").path("name").asText(),
        instance.toString());
    assertTrue(instance.path("processes").isMissingNode(), "the container is the handle: " + instance);
  }

  @Override
  String handleLines(JsonNode instance) {
    JsonNode handle = instance.path("handle");
    return "\n  handle:       container " + handle.path("container").asText() + ", name " + handle.path("name").asText() + "\n";
  }

  @Override
  String handleText(JsonNode row) {
    return "container " + row.path("id").asText();
  }

  @Override
  @AfterEach
  void leaveNothingBehind() {
    super.leaveNothingBehind();
    String ids = docker("ps", "-aq", "--filter", "label=dev.stack.stack=" + name).strip();
    if (!ids.isEmpty()) {
      List<String> rm = new ArrayList<>(List.of("rm", "-f"));
      rm.addAll(List.of(ids.split("\\s+")));
      docker(rm.toArray(String[]::new));
    }
    docker("network", "rm", "stack-" + name);
  }

  private static String docker(String... args) {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(60, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
