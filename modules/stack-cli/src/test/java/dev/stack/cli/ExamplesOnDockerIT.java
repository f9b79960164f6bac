package dev.stack.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.testing.RequiresDocker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples on the prod profile: hello switched dev → prod → dev, and shop with its images
 * built by {@code stack up} from a locally built Java base image (no registry is reachable here;
 * a user's default base is a public JRE image).
 */
@RequiresDocker
class ExamplesOnDockerIT {

  private static final Path EXAMPLES = Path.of("../../examples").toAbsolutePath().normalize();
  private static final Path JAR = Path.of("target/stack.jar").toAbsolutePath();
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path dir;

  private Path example;

  /** Images this test's `up` built (their tags are content hashes: every build of the jar makes new ones). */
  private final List<String> built = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    if (example != null) {
      stack("down", "--volumes");
      stack("daemon", "stop");
    }
    if (!built.isEmpty()) {
      List<String> rm = new ArrayList<>(List.of("docker", "image", "rm"));
      rm.addAll(built);
      new ProcessBuilder(rm).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
          .waitFor(60, TimeUnit.SECONDS);
    }
  }

  private Path copy(String name) throws Exception {
    Path from = EXAMPLES.resolve(name);
    Path to = dir.resolve(name);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.naturalOrder())::iterator) {
        Path rel = from.relativize(p);
        if (rel.startsWith(".data") || (rel.startsWith("target") && !rel.toString().equals("target")
            && !rel.toString().equals("target/shop.jar"))) {
          continue;
        }
        Path q = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    }
    example = to;
    return to;
  }

  private String stack(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString(), "-f", example.resolve("stack.yaml").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
    pb.environment().put("STACK_HOME", dir.resolve("home").toString());
    pb.environment().put("BASE_IMAGE", "stack-jre:17");
    Process p = pb.start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "stack " + String.join(" ", args) + " ended");
    String out = Files.readString(dir.resolve("out.txt"));
    assertEquals(0, p.exitValue(), "stack " + String.join(" ", args) + ":\n" + out);
    return out;
  }

  private static HttpResponse<String> http(String method, String url, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
        : b.method(method, HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void image(String script, String name) throws Exception {
    Process p = new ProcessBuilder("docker", "image", "inspect", name).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
      return;
    }
    new ProcessBuilder("bash", EXAMPLES.resolve("../.ci/images/" + script + "/build.sh").normalize().toString())
        .inheritIO().start().waitFor(600, TimeUnit.SECONDS);
  }

  @Test
  void helloSwitchesDevToProdAndBack() throws Exception {
    image("busybox", "stack-busybox:1");
    copy("hello");
    stack("up");
    assertTrue(http("GET", "http://127.0.0.1:8080/", null).body().contains("(served by Web.java)"));
    String toProd = stack("up", "--profile", "prod");
    assertTrue(toProd.contains("backend native => docker"), toProd);
    await().atMost(Duration.ofSeconds(30)).until(() -> http("GET", "http://127.0.0.1:8080/", null).body()
        .contains("(served by busybox httpd)"));
    stack("up", "--profile", "dev");
    assertTrue(http("GET", "http://127.0.0.1:8080/", null).body().contains("(served by Web.java)"));
    assertEquals("", docker("network", "ls", "-q", "--filter", "label=dev.stack.stack=hello"),
        "back on dev, no container of hello is left: its network is removed");
    assertTrue(docker("volume", "ls", "-q", "--filter", "label=dev.stack.stack=hello").contains("hello_www"),
        "the volume stays (its data) until down --volumes");
    stack("down", "--volumes");
    assertEquals("", docker("volume", "ls", "-q", "--filter", "label=dev.stack.stack=hello"),
        "down --volumes on dev removes the volume prod made");
  }

  /** What the docker CLI prints (trimmed); it must succeed. */
  private static String docker(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "docker " + String.join(" ", args) + " ended");
    assertEquals(0, p.exitValue(), "docker " + String.join(" ", args) + ":\n" + out);
    return out;
  }

  @Test
  void shopRunsInContainersBuiltByUp() throws Exception {
    image("jre", "stack-jre:17");
    Path shop = copy("shop");
    assertTrue(Files.exists(shop.resolve("target/shop.jar")), "the build makes examples/shop/target/shop.jar first");
    String up = stack("up", "--profile", "prod");
    Matcher m = Pattern.compile("building (shop-[a-z]+:[0-9a-f]+):").matcher(up);
    while (m.find()) {
      built.add(m.group(1));
    }
    assertTrue(up.contains("building shop-api:") || up.contains("image shop-api:"), up);
    HttpResponse<String> order = http("POST", "http://127.0.0.1:8080/api/orders", "{\"product\":\"tea\",\"quantity\":2}");
    assertEquals(201, order.statusCode(), order.body());
    await().atMost(Duration.ofSeconds(30)).until(() -> stack("logs", "--no-prefix", "worker").contains("done: tea x2"));
    assertTrue(http("GET", "http://127.0.0.1:8080/api/orders?status=done", null).body().contains("\"tea\""));
  }
}
