package dev.stack.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

/** {@link StatusContract} on the native backend: the handle is the process (pid, group, start time). */
class NativeStatusIT extends StatusContract {

  @Override
  String backendLines() {
    return "    stop: {timeout: 2s}";
  }

  @Override
  String backend() {
    return "native";
  }

  @Override
  String scratch() {
    return "."; // the stack file's folder, a fresh one per test
  }

  @Override
  void assertHandle(JsonNode instance) {
    JsonNode handle = instance.path("handle");
    assertEquals(instance.path("pid").asText(), handle.path("pid").asText(), instance.toString());
    assertTrue(handle.path("start").asText().matches("\\d+"), instance.toString());
    assertTrue(Procs.alive(instance.path("pid").asLong()), instance.toString());
    assertEquals(instance.path("pid").asLong(), instance.path("processes").path(0).asLong(), "the main process first: " + instance);
  }

  @Override
  String handleLines(JsonNode instance) {
    JsonNode handle = instance.path("handle");
    return "\n  handle:       pid " + handle.path("pid").asText() + ", pgid " + handle.path("pgid").asText() + ", start "
        + handle.path("start").asText() + "\n  processes:    " + instance.path("pid").asText();
  }

  @Override
  String handleText(JsonNode row) {
    return "pid " + row.path("pid").asText();
  }
}
