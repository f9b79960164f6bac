package dev.stack.model.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.model.Build;
import dev.stack.model.ByteSize;
import dev.stack.model.Canonical;
import dev.stack.model.Condition;
import dev.stack.model.EnvValue;
import dev.stack.model.Health;
import dev.stack.model.LogSpec;
import dev.stack.model.Port;
import dev.stack.model.Resources;
import dev.stack.model.RestartPolicy;
import dev.stack.model.Security;
import dev.stack.model.Service;
import dev.stack.model.Stack;
import dev.stack.model.StackFileException;
import dev.stack.model.StopSpec;
import dev.stack.model.Volume;
import dev.stack.model.Watch;
import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.YamlReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackBinderTest {

  static final Path VALID = Path.of("src/test/resources/valid").toAbsolutePath();
  static final Profile DEV = new Profile("dev", "native", "127.0.0.1", null, List.of(), r -> r);

  static Stack load(String name, String profile) {
    return StackLoader.load(new StackLoader.Request(VALID.resolve(name).resolve("stack.yaml"), "stack.yaml",
        profile, List.of(), Map.of())).stack();
  }

  /** Binds YAML text as if it were {@code dir/stack.yaml} in the dev profile. */
  static Stack bind(String yaml) {
    Path file = VALID.resolve("minimal/stack.yaml");
    return StackBinder.bind((MapNode) YamlReader.read("stack.yaml", yaml), new BindContext(file, "stack.yaml", "minimal", DEV));
  }

  static String problems(String yaml) {
    return assertThrows(StackFileException.class, () -> bind(yaml)).getMessage();
  }

  @Test
  void minimalServiceGetsEveryDefault() {
    Stack stack = load("minimal", "dev");
    assertEquals("minimal", stack.name());
    assertEquals("dev", stack.profile());
    assertEquals("127.0.0.1", stack.publishAddress());
    Service s = stack.services().get("hello");
    assertEquals(List.of("echo", "hello"), s.command());
    assertEquals("native", s.backend());
    assertEquals(VALID.resolve("minimal").toString(), s.workdir());
    assertEquals(RestartPolicy.DEFAULT, s.restart());
    assertEquals(new RestartPolicy(RestartPolicy.Policy.ON_FAILURE, 10, Duration.ofMillis(100), Duration.ofSeconds(30),
        Duration.ofSeconds(1), null), s.restart());
    assertEquals(new StopSpec("TERM", Duration.ofSeconds(10)), s.stop());
    assertEquals(new LogSpec(ByteSize.ofMegabytes(10), 5), s.logs());
    assertEquals(Resources.NONE, s.resources());
    assertEquals(Security.NONE, s.security());
    assertEquals(1, s.replicas());
    assertTrue(s.init());
    assertNull(s.health());
    assertNull(s.image());
    assertTrue(s.env().isEmpty() && s.ports().isEmpty() && s.dependsOn().isEmpty());
  }

  @Test
  void watchTakesTheServicesFolderPathsOrAMapWithIgnoresAddedToTheDefaults() {
    Stack stack = load("full", "dev");
    Path dir = VALID.resolve("full");
    Watch api = stack.services().get("api").watch();
    assertEquals(List.of(dir.resolve("web").toString(), dir.resolve("api.env").toString()), api.paths());
    List<String> ignore = new java.util.ArrayList<>(Watch.DEFAULT_IGNORE);
    ignore.add("*.tmp");
    assertEquals(ignore, api.ignore());
    assertEquals(Duration.ofSeconds(1), api.delay());
    // true: a native service's folder (its workdir: the stack file's folder by default)
    assertEquals(new Watch(List.of(dir.toString()), Watch.DEFAULT_IGNORE, Watch.DEFAULT_DELAY),
        stack.services().get("worker").watch());
    assertNull(stack.services().get("db").watch());
    assertEquals(Map.of("paths", List.of(dir.resolve("web").toString(), dir.resolve("api.env").toString()),
        "ignore", ignore, "delay", "1s"), Canonical.of(stack.services().get("api"), Canonical.Mode.MASKED).get("watch"));

    Stack one = bind("services:\n  a: {command: [x], watch: false}\n  b: {command: [x], workdir: /tmp, watch: true}\n"
        + "  c: {command: [x], watch: stack.yaml}\n");
    assertNull(one.services().get("a").watch());
    assertEquals(List.of("/tmp"), one.services().get("b").watch().paths());
    assertEquals(List.of(VALID.resolve("minimal/stack.yaml").toString()), one.services().get("c").watch().paths());
  }

  @Test
  void fullFileBindsEveryKey() {
    Stack stack = load("full", "dev");
    Path dir = VALID.resolve("full");
    assertEquals("shop", stack.name());
    assertEquals(List.of("api", "worker", "migrate", "db", "web"), List.copyOf(stack.services().keySet()));
    assertEquals(List.of("pgdata", "cache"), stack.volumes());

    Service api = stack.services().get("api");
    assertEquals(List.of("java", "-jar", "api server.jar", "--name", "my api", "plain word"), api.command());
    assertEquals(List.of("env"), api.entrypoint());
    assertEquals(dir.resolve("api").toString(), api.workdir());
    assertEquals(List.of(dir.resolve("api.env").toString()), api.envFiles());
    assertEquals(List.of(new Port(null, 0, 0, 8080, 8080, "tcp"), new Port("127.0.0.1", 9090, 9090, 9090, 9090, "udp")),
        api.ports());
    assertEquals(Map.of("db", Condition.HEALTHY, "migrate", Condition.COMPLETED), api.dependsOn());
    assertEquals(new Health(Health.Kind.HTTP, "/health", 8080, List.of(), Duration.ofSeconds(2), Duration.ofMillis(500), 5,
        Duration.ofSeconds(90)), api.health());
    assertEquals(new RestartPolicy(RestartPolicy.Policy.ALWAYS, 3, Duration.ofMillis(200), Duration.ofMinutes(1),
        Duration.ofSeconds(5), ByteSize.ofMegabytes(512)), api.restart());
    assertEquals(new StopSpec("INT", Duration.ofSeconds(30)), api.stop());
    assertEquals(new Resources(new ByteSize(1L << 30), 1.5, 200), api.resources());
    assertEquals(new LogSpec(ByteSize.ofMegabytes(20), 3), api.logs());
    assertEquals("1000:1000", api.user());
    assertFalse(api.init());

    Service worker = stack.services().get("worker");
    assertEquals(2, worker.replicas());
    assertEquals(RestartPolicy.Policy.NO, worker.restart().policy());
    assertEquals(Map.of("api", Condition.STARTED), worker.dependsOn());
    assertEquals(Health.Kind.LOG, worker.health().kind());
    assertEquals("ready in [0-9]+ms", worker.health().target());
    assertEquals(RestartPolicy.Policy.ON_FAILURE, stack.services().get("migrate").restart().policy());

    Service db = stack.services().get("db");
    assertEquals("docker", db.backend());
    assertNull(db.workdir());
    assertEquals(List.of(new Volume(Volume.Type.VOLUME, "pgdata", "/var/lib/postgresql/data", false),
        new Volume(Volume.Type.BIND, dir.resolve("init").toString(), "/docker-entrypoint-initdb.d", true),
        new Volume(Volume.Type.VOLUME, "cache", "/cache", false)), db.volumes());
    assertEquals(List.of("pg_isready", "-U", "postgres"), db.health().exec());
    assertEquals(new Security(true, List.of("ALL"), List.of("CHOWN"), true, List.of("/tmp")), db.security());

    Service web = stack.services().get("web");
    assertEquals(new Build(dir.resolve("web").toString(), "web.Dockerfile", Map.of("VERSION", "1.2"), "runtime"), web.build());
    assertEquals(new Health(Health.Kind.TCP, null, 80, List.of(), Health.DEFAULT_INTERVAL, Health.DEFAULT_TIMEOUT, 3,
        Duration.ZERO), web.health());
    assertEquals("QUIT", web.stop().signal());
    assertTrue(stack.hybrid());
  }

  @Test
  void envKeepsYaml12StringsAndTextAsWrittenAndEnvWinsOverEnvFile() {
    Map<String, EnvValue> env = load("full", "dev").services().get("api").env();
    assertEquals(List.of("FROM_FILE", "LOG_LEVEL", "FEATURE", "ANSWER", "SSH", "COUNT", "ENABLED", "DB_PASSWORD",
        "API_TOKEN", "DB_URL", "OVERRIDDEN"), List.copyOf(env.keySet()));
    assertEquals("on", env.get("FEATURE").value());
    assertEquals("no", env.get("ANSWER").value());
    assertEquals("22:22", env.get("SSH").value());
    assertEquals("42", env.get("COUNT").value());
    assertEquals("true", env.get("ENABLED").value());
    assertEquals("from-env", env.get("OVERRIDDEN").value());
    assertEquals("yes", env.get("FROM_FILE").value());
    assertEquals("postgres://${svc.db.host}:${svc.db.port}/shop", env.get("DB_URL").value());
    assertEquals(new EnvValue("s3cret", true), env.get("DB_PASSWORD"));
    assertEquals(new EnvValue("tok-123", true), env.get("API_TOKEN"), "file read, trailing newline stripped");
    Map<String, EnvValue> list = load("full", "dev").services().get("db").env();
    assertEquals(Map.of("POSTGRES_PASSWORD", EnvValue.plain("postgres"), "EMPTY", EnvValue.plain("")), list);
  }

  @Test
  void nullEnvValueRemovesAVariableFromTheEnvFile() {
    Stack stack = bind("services:\n  a:\n    command: [x]\n    env_file: ../full/api.env\n    env: {OVERRIDDEN: null}\n");
    assertEquals(List.of("FROM_FILE"), List.copyOf(stack.services().get("a").env().keySet()));
  }

  @Test
  void extensionKeysAreIgnoredAtEveryLevel() {
    Stack stack = bind("x-top: 1\nservices:\n  x-template: {whatever: true}\n  a:\n    x-svc: 2\n    command: [x]\n"
        + "    health: {tcp: 1, x-h: 3}\n    stop: {x-s: 4}\n    resources: {x-r: 5}\n");
    assertEquals(List.of("a"), List.copyOf(stack.services().keySet()));
  }

  @Test
  void prodProfileRunsImagesOnDockerAndDeclaresVolumes() {
    Stack stack = load("prod-images", "prod");
    assertEquals("docker", stack.backend());
    assertEquals(List.of("data", "logs"), stack.volumes());
    Service app = stack.services().get("app");
    assertEquals(3, app.replicas());
    assertEquals(List.of("--port", "8080"), app.command());
    assertEquals(List.of(new Port(null, 0, 0, 80, 80, "tcp"), new Port(null, 443, 443, 443, 443, "tcp")),
        stack.services().get("proxy").ports());
  }

  @Test
  void secretsNeverPrintButTheirHashDoes() {
    Service api = load("full", "dev").services().get("api");
    assertFalse(api.toString().contains("s3cret"), api.toString());
    assertFalse(api.toString().contains("tok-123"));
    String masked = dev.stack.model.Json.pretty(Canonical.of(api, Canonical.Mode.MASKED));
    assertFalse(masked.contains("s3cret"));
    assertTrue(masked.contains("\"DB_PASSWORD\": \"******\""), masked);
    String hashed = dev.stack.model.Json.compact(Canonical.of(api, Canonical.Mode.HASHED));
    assertFalse(hashed.contains("s3cret"));
    // sha256("s3cret")
    assertTrue(hashed.contains("\"DB_PASSWORD\":\"sha256:1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0\""), hashed);
  }

  @Test
  void problemsComeTogetherInFileOrder() {
    assertEquals("""
        stack.yaml:3:14: error: services.a.restart: expected always, on-failure or no, got "sometimes"
        stack.yaml:4:13: error: services.a.ports[0]: port 0 is out of range in "0"
          hint: ports go from 1 to 65535
        stack.yaml:5:11: error: services.a.init: expected true or false, got "on"
          hint: YAML 1.2 booleans are only true and false""",
        problems("services:\n  a:\n    restart: sometimes\n    ports: [0]\n    init: on\n    command: x\n"));
  }

  @Test
  void dependencyOrderComesInLevels() {
    Stack stack = load("full", "dev");
    assertEquals(List.of(List.of("migrate", "db", "web"), List.of("api"), List.of("worker")),
        dev.stack.model.DependencyGraph.order(stack));
  }

  @Test
  void pathsWithANulCharacterAreProblemsToo() {
    String out = problems("services:\n  a:\n    command: [x]\n    workdir: \"a\\0b\"\n    env_file: \"b\\0\"\n"
        + "    volumes: [\"./c\\0:/c\"]\n    env: {S: {secret: true, file: \"d\\0\"}}\n");
    assertEquals(4, out.lines().filter(l -> l.contains("not a valid path")).count(), out);
  }

  @Test
  void anEmptyServiceNameIsReported() {
    assertEquals("stack.yaml:2:3: error: services.: invalid service name \"\": use lower-case letters, digits, '-' and '_',"
        + " starting with a letter or digit, at most 63 characters", problems("services:\n  \"\": {command: [x]}\n"));
  }
}
