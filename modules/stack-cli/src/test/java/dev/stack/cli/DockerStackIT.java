package dev.stack.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.json.Json;
import dev.stack.core.testing.RequiresDocker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container backend end to end through the CLI and the agent: idempotent {@code up}, a
 * targeted recreate with its reason, {@code down} leaving nothing, named volumes kept by {@code down}
 * and removed by a later {@code down --volumes}, and a stack switched from dev to prod and back,
 * reached over HTTP on 127.0.0.1 each time.
 */
@RequiresDocker
class DockerStackIT {

  private static final Path JAR = Path.of("target/stack.jar").toAbsolutePath();
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir
  Path dir;

  private String name;
  private int port;
  private Path file;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void setUp() throws Exception {
    name = "it" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    port = 21000 + ThreadLocalRandom.current().nextInt(8000);
    file = dir.resolve("stack.yaml");
    Files.createDirectories(dir.resolve("www"));
    Files.writeString(dir.resolve("www/index.html"), "hello from " + name + "\n");
    Files.writeString(dir.resolve("www/health"), "ok\n");
    if (docker("image", "inspect", "stack-busybox:1") != 0) {
      new ProcessBuilder("bash", Path.of("../../.ci/images/busybox/build.sh").toAbsolutePath().toString())
          .inheritIO().start().waitFor(120, TimeUnit.SECONDS);
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    stack("down");
    stack("daemon", "stop");
    String ids = output("docker", "ps", "-aq", "--filter", "label=dev.stack.stack=" + name).strip();
    if (!ids.isEmpty()) {
      docker(("rm -f " + ids.replace('\n', ' ')).split(" "));
    }
    docker("network", "rm", "stack-" + name);
    String images = output("docker", "images", "-q", "--filter", "label=dev.stack.stack=" + name).strip();
    if (!images.isEmpty()) {
      docker(("rmi -f " + String.join(" ", new java.util.TreeSet<>(List.of(images.split("\\s+"))))).split(" "));
    }
    String volumes = volumes();
    if (!volumes.isEmpty()) {
      docker(("volume rm " + volumes.replace('\n', ' ')).split(" "));
    }
  }

  /** The stack's named volumes on the engine, one name a line, found by its label. */
  private String volumes() throws IOException, InterruptedException {
    return output("docker", "volume", "ls", "-q", "--filter", "label=dev.stack.stack=" + name).strip();
  }

  private String stackFile(String workerX) {
    return """
        name: %1$s
        services:
          web:
            command: [busybox, httpd, -f, -p, "%2$d", -h, ./www]
            ports: ["127.0.0.1:%2$d:%2$d"]
            health: {http: /health, port: %2$d, interval: 1s}
            stop: {timeout: 2s}
          worker:
            command: [sh, -c, 'echo "got $$(wget -qO- $$TARGET)"; trap "exit 0" TERM; while true; do sleep 1; done']
            env: {TARGET: "http://${svc.web.host}:${svc.web.port}/", X: "%3$s"}
            depends_on: {web: healthy}
            stop: {timeout: 2s}
        profiles:
          prod:
            defaults: {image: "stack-busybox:1"}
            services:
              web:
                command: [httpd, -f, -p, "%2$d", -h, /www]
                volumes: ["./www:/www:ro"]
        """.formatted(name, port, workerX);
  }

  @Test
  @SuppressWarnings("unchecked")
  void upIsIdempotentRecreatesOnlyWhatChangedAndDownLeavesNothing() throws Exception {
    Files.writeString(file, stackFile("1"));
    Run up = stack("up", "--profile", "prod");
    assertEquals(0, up.code(), up.err());
    Map<String, Object> ps = ps();
    assertEquals("healthy", row(ps, "web").get("status"));
    assertEquals("docker", row(ps, "web").get("backend"));
    assertEquals("online", row(ps, "worker").get("status"));
    String web = (String) row(ps, "web").get("id");
    String worker = (String) row(ps, "worker").get("id");
    assertEquals("hello from " + name + "\n", get("/"));
    await().atMost(Duration.ofSeconds(30)).until(() -> stack("logs", "--no-prefix", "worker").out()
        .contains("got hello from " + name));

    Run again = stack("up");
    assertEquals(0, again.code(), again.err());
    assertFalse(again.err().contains("create"), again.err());
    assertEquals(web, row(ps(), "web").get("id"));
    assertEquals(worker, row(ps(), "worker").get("id"));

    Files.writeString(file, stackFile("2"));
    Run diff = stack("diff");
    assertEquals(1, diff.code(), diff.err());
    assertTrue(diff.out().contains("recreate worker (docker): forces recreate: env.X"), diff.out());
    Run changed = stack("up");
    assertEquals(0, changed.code(), changed.err());
    assertTrue(changed.err().contains("recreate") && changed.err().contains("env.X"), changed.err());
    assertEquals(web, row(ps(), "web").get("id"));
    assertFalse(worker.equals(row(ps(), "worker").get("id")));
    assertEquals(0, stack("diff").code());

    assertEquals(0, stack("down").code());
    assertEquals("", output("docker", "ps", "-aq", "--filter", "label=dev.stack.stack=" + name).strip());
    assertTrue(docker("network", "inspect", "stack-" + name) != 0, "the stack's network is gone");
  }

  @Test
  void upBuildRebuildsAndRecreatesWhatRunsAnOlderBuildAndAFailedBuildChangesNothing() throws Exception {
    Path app = Files.createDirectories(dir.resolve("app"));
    Files.writeString(app.resolve("Dockerfile"), "FROM stack-busybox:1\nCOPY msg /msg\n");
    Files.writeString(app.resolve("msg"), "code v1\n");
    Files.writeString(file, """
        name: %s
        services:
          app:
            build: ./app
            command: [sh, -c, 'cat /msg; trap "exit 0" TERM; while true; do sleep 1; done']
            stop: {timeout: 2s}
        """.formatted(name));
    Run up = stack("up", "--profile", "prod");
    assertEquals(0, up.code(), up.err());
    String v1 = (String) row(ps(), "app").get("id");
    await().atMost(Duration.ofSeconds(30)).until(() -> stack("logs", "--no-prefix", "app").out().contains("code v1"));

    // the code changes: a plain up leaves the running container alone, as Compose's up does
    Files.writeString(app.resolve("msg"), "code v2\n");
    Run plain = stack("up");
    assertEquals(0, plain.code(), plain.err());
    assertEquals(v1, row(ps(), "app").get("id"));
    Run dry = stack("up", "--build", "--dry-run");
    assertEquals(0, dry.code(), dry.err());
    assertTrue(dry.out().matches("(?s).*recreate\\s+app .*image " + name + "-app:\\w{12} => " + name + "-app:\\w{12}.*"), dry.out());
    assertEquals(v1, row(ps(), "app").get("id"), "--dry-run changes nothing");

    Run build = stack("up", "--build");
    assertEquals(0, build.code(), build.err());
    assertTrue(build.err().matches("(?s).*app\\s+preparing\\s+building " + name + "-app:.*"), build.err());
    assertTrue(build.err().matches("(?s).*app\\s+recreate\\s+image .*"), build.err());
    String v2 = (String) row(ps(), "app").get("id");
    assertFalse(v1.equals(v2), "recreated on the new build");
    await().atMost(Duration.ofSeconds(30)).until(() -> stack("logs", "--no-prefix", "app").out().contains("code v2"));

    Run same = stack("up", "--build");
    assertEquals(0, same.code(), same.err());
    assertTrue(same.err().contains("is up to date"), same.err());
    assertFalse(same.err().contains("recreate"), same.err());
    assertEquals(v2, row(ps(), "app").get("id"));

    // a build that fails stops nothing: the container of the last good build runs on
    Files.writeString(app.resolve("Dockerfile"), "FROM stack-busybox:1\nCOPY missing-file /msg\n");
    Run broken = stack("up", "--build");
    assertEquals(1, broken.code(), broken.err());
    assertTrue(broken.err().contains("error: app: building image '" + name + "-app:"), broken.err());
    Map<String, Object> row = row(ps(), "app");
    assertEquals(v2, row.get("id"));
    assertEquals("online", row.get("status"));
  }

  @Test
  void execRunsInTheContainerWithItsOutputsExitCodeAndInputToItsEnd() throws Exception {
    Files.writeString(file, """
        name: %s
        services:
          box:
            image: stack-busybox:1
            command: [sh, -c, 'trap "exit 0" TERM; while true; do sleep 1; done']
            env: {MODE: prod}
            stop: {timeout: 2s}
        """.formatted(name));
    assertEquals(0, stack("up", "--profile", "prod").code());

    Run r = stack("exec", "box", "sh", "-c", "echo \"$MODE $EXTRA $(pwd) $(id -u)\"; echo to-err >&2; exit 3");
    assertEquals(3, r.code(), r.err());
    assertEquals("prod  / 0\n", r.out());
    assertEquals("to-err\n", r.err());
    r = stack("exec", "-e", "EXTRA=x", "-w", "/tmp", "-u", "1000", "box", "sh", "-c", "echo \"$MODE $EXTRA $(pwd) $(id -u)\"");
    assertEquals("prod x /tmp 1000\n", r.out(), r.err());

    // the end of the input reaches the command: wc ends (docker-java's own exec stream never ends it)
    Files.writeString(dir.resolve("in.txt"), "1\n2\n3\n".repeat(10000));
    r = stackWithInput(dir.resolve("in.txt"), "exec", "-T", "box", "wc", "-l");
    assertEquals(0, r.code(), r.err());
    assertEquals("30000", r.out().strip());

    r = stack("exec", "box", "no-such-program");
    assertEquals(126, r.code(), "the engine's code for a command it cannot run, as docker exec");
  }

  @Test
  void downWithVolumesAfterADownRemovesTheNamedVolumeTheFirstDownKept() throws Exception {
    Files.writeString(file, """
        name: %s
        services:
          db:
            image: stack-busybox:1
            command: [sh, -c, 'echo kept >> /data/file; trap "exit 0" TERM; while true; do sleep 1; done']
            volumes: ["data:/data"]
            stop: {timeout: 2s}
        """.formatted(name));
    Run up = stack("up", "--profile", "prod");
    assertEquals(0, up.code(), up.err());
    assertEquals(name + "_data", volumes());

    Run down = stack("down");
    assertEquals(0, down.code(), down.err());
    assertEquals(name + "_data", volumes(), "down keeps named volumes");

    Run downVolumes = stack("down", "--volumes");
    assertEquals(0, downVolumes.code(), downVolumes.err());
    assertEquals(String.format("%-16s removed  volume %s_data%nstack %s is down%n", name, name, name), downVolumes.err());
    assertEquals("", volumes());

    Run again = stack("down", "--volumes");
    assertEquals(0, again.code(), again.err());
    assertEquals(String.format("nothing to stop: the stack is not running%n"), again.err());
  }

  @Test
  void switchesFromDevToProdAndBackServingOnTheSamePort() throws Exception {
    Files.writeString(file, stackFile("1"));
    assertEquals(0, stack("up").code());
    assertEquals("native", row(ps(), "web").get("backend"));
    assertEquals("hello from " + name + "\n", get("/"));

    Run toProd = stack("up", "--profile", "prod");
    assertEquals(0, toProd.code(), toProd.err());
    assertTrue(toProd.err().contains("backend native => docker"), toProd.err());
    assertEquals("docker", row(ps(), "web").get("backend"));
    assertEquals("hello from " + name + "\n", get("/"));

    Run toDev = stack("up", "--profile", "dev");
    assertEquals(0, toDev.code(), toDev.err());
    assertEquals("native", row(ps(), "web").get("backend"));
    assertEquals("hello from " + name + "\n", get("/"));
    assertEquals("", output("docker", "ps", "-aq", "--filter", "label=dev.stack.stack=" + name).strip(),
        "no container of the stack is left after switching back");
  }

  @Test
  void aHybridStackReachesAcrossBackendsThroughServiceAddresses() throws Exception {
    int nativePort = port + 1;
    Files.writeString(file, """
        name: %1$s
        services:
          web:
            command: [busybox, httpd, -f, -p, "%2$d", -h, ./www]
            ports: ["127.0.0.1:%2$d:%2$d"]
            health: {http: /health, port: %2$d, interval: 1s}
          host-web:
            command: [busybox, httpd, -f, -p, "%3$d", -h, ./www]
            ports: ["%3$d"]
            health: {http: /health, port: %3$d, interval: 1s}
          worker:
            command: [sh, -c, 'echo "native got $$(wget -qO- $$TARGET)"; trap "exit 0" TERM; while true; do sleep 1; done']
            env: {TARGET: "http://${svc.web.host}:${svc.web.port}/"}
            depends_on: {web: healthy}
          peek:
            command: [sh, -c, 'echo "container got $$(wget -qO- $$TARGET)"; trap "exit 0" TERM; while true; do sleep 1; done']
            env: {TARGET: "http://${svc.host-web.host}:${svc.host-web.port}/"}
            depends_on: {host-web: healthy}
        profiles:
          hybrid:
            backend: native
            services:
              web: {backend: docker, image: "stack-busybox:1", command: [httpd, -f, -p, "%2$d", -h, /www], volumes: ["./www:/www:ro"]}
              peek: {backend: docker, image: "stack-busybox:1"}
        """.formatted(name, port, nativePort));
    Run up = stack("up", "--profile", "hybrid");
    assertEquals(0, up.code(), up.err());
    assertEquals("docker", row(ps(), "web").get("backend"));
    assertEquals("native", row(ps(), "worker").get("backend"));
    await().atMost(Duration.ofSeconds(30)).until(() -> stack("logs", "--no-prefix", "worker").out()
        .contains("native got hello from " + name));
    await().atMost(Duration.ofSeconds(30)).until(() -> stack("logs", "--no-prefix", "peek").out()
        .contains("container got hello from " + name));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> row(Map<String, Object> ps, String instance) {
    for (Object o : (List<Object>) ps.get("instances")) {
      Map<String, Object> r = (Map<String, Object>) o;
      if (instance.equals(r.get("instance"))) {
        return r;
      }
    }
    throw new AssertionError("no instance " + instance + " in " + ps);
  }

  private Map<String, Object> ps() throws Exception {
    Run ps = stack("ps", "--json");
    assertEquals(0, ps.code(), ps.err());
    return Json.parseObject(ps.out());
  }

  private String get(String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    return r.body();
  }

  private Run stack(String... args) throws Exception {
    return stackWithInput(null, args);
  }

  /** The stack command with its standard input from {@code input}, or an empty one when null. */
  private Run stackWithInput(Path input, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(JAVA, "-jar", JAR.toString(), "-f", file.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile())
        .redirectInput(input != null ? ProcessBuilder.Redirect.from(input.toFile()) : ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("STACK_HOME", dir.resolve("home").toString());
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("stack " + String.join(" ", args) + " did not end within 180 s");
    }
    return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
  }

  private static int docker(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }

  private static String output(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }
}
