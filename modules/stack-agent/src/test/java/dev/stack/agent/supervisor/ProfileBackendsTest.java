package dev.stack.agent.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stack.model.Problem;
import dev.stack.model.StackFileException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileBackendsTest {

  private static Problem noImage(String service) {
    return new Problem(null, "services." + service, "a docker service needs an image or a build",
        "add image: NAME[:TAG], or build: ./folder-with-a-Dockerfile");
  }

  @Test
  void aProfileThatDoesNotLoadIsLoggedByItsFirstProblemInOneLine() {
    assertEquals("error: services.api: a docker service needs an image or a build (and 2 more)",
        ProfileBackends.firstOf(new StackFileException(List.of(noImage("api"), noImage("web"), noImage("db")))));
    assertEquals("error: services.api: a docker service needs an image or a build",
        ProfileBackends.firstOf(new StackFileException(noImage("api"))));
  }
}
