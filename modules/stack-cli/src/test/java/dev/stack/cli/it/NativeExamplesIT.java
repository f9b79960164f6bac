package dev.stack.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The examples of the repository come up natively and go away without a trace. Their fixed ports
 * are moved to free ones in the copies, since other tests share this machine.
 */
class NativeExamplesIT extends LiveStackTest {

  static final Path EXAMPLES = Path.of("../../examples").toAbsolutePath().normalize();

  @Test
  void helloComesUpHealthyAnswersAndGoesAway() throws Exception {
    int port = freePort();
    Path app = stack.stackFile().getParent();
    Files.copy(EXAMPLES.resolve("hello/Web.java"), app.resolve("Web.java"));
    stackFile(Files.readString(EXAMPLES.resolve("hello/stack.yaml")).replace("8080", Integer.toString(port)));

    StackCli.Result up = stack.run("up", "--wait-timeout", "120s");
    assertEquals(0, up.code(), up.toString());
    assertEquals("healthy", stack.instance("web").path("status").asText());
    assertEquals("completed", stack.instance("setup").path("status").asText());
    assertEquals("online", stack.instance("worker").path("status").asText());
    assertTrue(get(port, "/").contains("Hello"), "GET /");

    assertDownLeavesNothing(List.of("web", "worker"));
  }

  @Test
  void shopComesUpHealthyAnswersAndGoesAway() throws Exception {
    Path jar = EXAMPLES.resolve("shop/target/shop.jar");
    assertTrue(Files.isRegularFile(jar), jar + " is built before stack-cli (module order in pom.xml)");
    int api = freePort();
    int gateway = freePort();
    Path app = stack.stackFile().getParent();
    Files.copy(jar, Files.createDirectories(app.resolve("target")).resolve("shop.jar"));
    stackFile(Files.readString(EXAMPLES.resolve("shop/stack.yaml"))
        .replace("8081", Integer.toString(api)).replace("8080", Integer.toString(gateway)));

    StackCli.Result up = stack.run("up", "--wait-timeout", "120s");
    assertEquals(0, up.code(), up.toString());
    for (String service : List.of("api", "gateway", "worker")) {
      assertEquals("healthy", stack.instance(service).path("status").asText(), service);
    }
    get(gateway, "/health");

    assertDownLeavesNothing(List.of("api", "gateway", "worker"));
  }

  private void assertDownLeavesNothing(List<String> services) {
    List<Long> all = new ArrayList<>();
    for (String service : services) {
      JsonNode row = stack.instance(service);
      long pid = pid(row);
      assertTrue(pid > 0, row.toString());
      all.add(pid);
      all.addAll(Procs.descendants(pid));
    }
    stack.ok("down");
    patiently().alias("processes gone: " + all).until(() -> all.stream().noneMatch(Procs::alive));
  }

  private static String get(int port, String path) throws Exception {
    HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
        .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return response.body();
  }
}
