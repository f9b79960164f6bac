package dev.stack.model.load;

import static dev.stack.model.load.Trees.at;
import static dev.stack.model.load.Trees.problems;
import static dev.stack.model.load.Trees.scalar;
import static dev.stack.model.load.Trees.text;
import static dev.stack.model.load.Trees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.ScalarNode;
import dev.stack.model.yaml.SeqNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCatalogTest {

  @TempDir Path dir;

  private ProfileCatalog catalog(MapNode root) {
    return ProfileCatalog.discover(root, dir, "stack.yaml");
  }

  private void beside(String name, String text) throws IOException {
    Files.createDirectories(dir.resolve("profiles"));
    Files.writeString(dir.resolve("profiles").resolve(name), text);
  }

  @Test
  void builtInProfilesComeFromTheClasspath() {
    ProfileCatalog c = catalog(yaml("services: {api: {command: [x]}}"));
    assertEquals(List.of("dev", "prod"), c.names());
    Profile dev = c.get("dev");
    assertEquals("native", dev.backend());
    assertEquals("127.0.0.1", dev.publishAddress());
    assertEquals(List.of("builtin:dev.yaml"), dev.sources());
    Profile prod = c.get("prod");
    assertEquals("docker", prod.backend());
    assertEquals("0.0.0.0", prod.publishAddress());
  }

  @Test
  void aStackThatChangesABuiltInProfileChangesItForItselfOnly() {
    // the built-in profiles are read once per process: one stack's overlay must not stick to them
    MapNode changing = yaml("services: {api: {command: [x]}}\nprofiles: {dev: {backend: docker, publish_address: 0.0.0.0}}\n");
    assertEquals("docker", catalog(changing).get("dev").backend());
    ProfileCatalog.preload();
    Profile dev = catalog(yaml("services: {api: {command: [x]}}")).get("dev");
    assertEquals("native", dev.backend());
    assertEquals("127.0.0.1", dev.publishAddress());
    assertEquals(List.of("builtin:dev.yaml"), dev.sources());
  }

  @Test
  void everyFileInTheRepositoryProfilesFolderIsBuiltIn() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("../../profiles"))) {
      List<String> names = files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".yaml")).map(n -> n.substring(0, n.length() - 5)).sorted().toList();
      assertEquals(ProfileCatalog.BUILT_IN.stream().sorted().toList(), names);
    }
  }

  @Test
  void prodHardensEveryServiceUnderItsOwnSettings() {
    MapNode root = yaml("""
        services:
          api: {image: api, security: {cap_add: [NET_BIND_SERVICE]}}
          db: {image: postgres, init: false}
          legacy: {image: old, security: null}
        """);
    MapNode tree = catalog(root).get("prod").applyTo(root);
    assertEquals("true", text(tree, "services.api.init"));
    assertEquals(ScalarNode.Type.BOOL, scalar(tree, "services.api.security.no_new_privileges").type());
    assertEquals("ALL", ((ScalarNode) ((SeqNode) at(tree, "services.api.security.cap_drop")).items().get(0)).value());
    assertEquals("NET_BIND_SERVICE", ((ScalarNode) ((SeqNode) at(tree, "services.api.security.cap_add")).items().get(0)).value());
    assertEquals("false", text(tree, "services.db.init"));
    assertNull(at(tree, "services.legacy.security"), "null deletes the profile's default");
    assertEquals("builtin:prod.yaml", scalar(tree, "services.api.init").mark().source());
    assertNull(at(tree, "services.api.restart"), "prod keeps the global restart default");
  }

  @Test
  void devChangesNothingButTheBackend() {
    MapNode root = yaml("services: {api: {command: [x], env: {A: b}}}\nprofiles: {}\n");
    MapNode tree = catalog(root).get("dev").applyTo(root);
    assertEquals(yaml("services: {api: {command: [x], env: {A: b}}}"), tree);
  }

  @Test
  void precedenceIsBuiltInThenBesideThenInline() throws IOException {
    beside("prod.yaml", """
        description: beside
        defaults: {init: false, stop: {timeout: 20s}}
        services:
          api: {env: {LEVEL: beside, FROM_BESIDE: yes}, ports: ["9000"]}
        """);
    MapNode root = yaml("""
        services:
          api: {image: api, env: {LEVEL: own, OWN: x}, ports: ["8080", "8081"]}
        profiles:
          prod:
            defaults: {stop: {signal: INT}}
            services:
              api: {env: {LEVEL: inline}}
        """);
    Profile prod = catalog(root).get("prod");
    assertEquals("beside", prod.description());
    assertEquals("docker", prod.backend(), "a layer that does not say keeps the lower layer's backend");
    assertEquals(List.of("builtin:prod.yaml", "profiles/prod.yaml", "stack.yaml"), prod.sources());
    MapNode tree = prod.applyTo(root);
    assertEquals("inline", text(tree, "services.api.env.LEVEL"));
    assertEquals("yes", text(tree, "services.api.env.FROM_BESIDE"));
    assertEquals("x", text(tree, "services.api.env.OWN"), "maps merge deeply");
    SeqNode ports = (SeqNode) at(tree, "services.api.ports");
    assertEquals(1, ports.items().size(), "lists replace");
    assertEquals("false", text(tree, "services.api.init"), "beside defaults win over built-in defaults");
    assertEquals("20s", text(tree, "services.api.stop.timeout"));
    assertEquals("INT", text(tree, "services.api.stop.signal"), "defaults of every layer merge");
    assertNull(at(tree, "profiles"));
  }

  @Test
  void serviceSettingsWinOverDefaultsAndOverlaysWinOverService() {
    MapNode root = yaml("""
        services:
          api: {command: [own], stop: {timeout: 5s}}
        profiles:
          dev:
            defaults: {command: [default], stop: {timeout: 1s, signal: INT}, replicas: 2}
            services:
              api: {command: [overlay]}
        """);
    MapNode tree = catalog(root).get("dev").applyTo(root);
    assertEquals("overlay", ((ScalarNode) ((SeqNode) at(tree, "services.api.command")).items().get(0)).value());
    assertEquals("5s", text(tree, "services.api.stop.timeout"));
    assertEquals("INT", text(tree, "services.api.stop.signal"));
    assertEquals("2", text(tree, "services.api.replicas"));
  }

  @Test
  void nullInAnOverlayDeletesAndMarksPointIntoTheFileTheValueCameFrom() throws IOException {
    beside("dev.yaml", """
        services:
          api:
            health: null
            env: {DEBUG: "1"}
        """);
    MapNode root = yaml("""
        services:
          api:
            command: [x]
            health: {tcp: 80}
            env: {A: b}
        """);
    MapNode tree = catalog(root).get("dev").applyTo(root);
    assertNull(at(tree, "services.api.health"));
    assertEquals("profiles/dev.yaml:4:18", scalar(tree, "services.api.env.DEBUG").mark().toString());
    assertEquals("stack.yaml:5:14", scalar(tree, "services.api.env.A").mark().toString());
    assertEquals("stack.yaml:2:3", ((MapNode) at(tree, "services")).entries().get("api").keyMark().toString());
    assertEquals("stack.yaml:3:5", at(tree, "services.api").mark().toString(), "the service keeps its own mark");
  }

  @Test
  void perServiceBackendMakesAHybridStack() {
    MapNode root = yaml("""
        services: {api: {command: [x]}, db: {image: postgres}}
        profiles: {dev: {services: {db: {backend: docker}}}}
        """);
    MapNode tree = catalog(root).get("dev").applyTo(root);
    assertEquals("docker", text(tree, "services.db.backend"));
    assertNull(at(tree, "services.api.backend"));
  }

  @Test
  void aNewProfileSaysItsBackendOrExtendsAnother() {
    MapNode root = yaml("""
        services: {api: {image: api}}
        profiles:
          staging:
            extends: prod
            publish_address: 10.0.0.5
            services: {api: {env: {STAGE: "1"}}}
          local-docker: {backend: docker, description: containers on my laptop}
          prod: {services: {api: {replicas: 3}}}
        """);
    ProfileCatalog c = catalog(root);
    assertEquals(List.of("dev", "prod", "local-docker", "staging"), c.names());
    Profile staging = c.get("staging");
    assertEquals("docker", staging.backend());
    assertEquals("10.0.0.5", staging.publishAddress());
    assertEquals("hardened Docker containers; published ports on all addresses", staging.description());
    MapNode tree = staging.applyTo(root);
    assertEquals("3", text(tree, "services.api.replicas"), "inherits the inline prod layer too");
    assertEquals("1", text(tree, "services.api.env.STAGE"));
    assertEquals("true", text(tree, "services.api.init"));
    Profile local = c.get("local-docker");
    assertEquals("127.0.0.1", local.publishAddress(), "a new profile publishes on loopback unless it says");
    assertNull(at(local.applyTo(root), "services.api.init"));
  }

  @Test
  void unknownProfileNamesTheKnownOnesAndTheOneMeant() {
    ProfileCatalog c = catalog(yaml("services: {api: {}}\nprofiles: {staging: {backend: docker}}\n"));
    assertEquals("error: unknown profile 'stagng'\n  hint: did you mean 'staging'? known profiles: dev, prod, staging",
        problems(() -> c.get("stagng")));
    assertEquals("error: unknown profile 'qa'\n  hint: known profiles: dev, prod, staging", problems(() -> c.get("qa")));
  }

  @Test
  void everyProfileIsCheckedAndEveryProblemReported() {
    MapNode root = yaml("""
        services: {api: {}, db: {}}
        profiles:
          dev:
            servces: {api: {}}
            backend: podman
          prod:
            services: {apii: {replicas: 2}, db: [1]}
            publish_address: localhost
            x-note: ignored
          staging: {description: no backend}
        """);
    assertEquals("""
        stack.yaml:4:5: error: profiles.dev.servces: unknown key
          hint: did you mean 'services'? a profile takes backend, description, publish_address, defaults, services, extends
        stack.yaml:5:14: error: profiles.dev.backend: unknown backend 'podman'
          hint: backends: docker, native
        stack.yaml:7:41: error: profiles.prod.services.db: expected a map of service settings, got a list
        stack.yaml:8:22: error: profiles.prod.publish_address: expected an IP address, got "localhost"
          hint: for example 127.0.0.1 (this machine only) or 0.0.0.0 (every address)
        stack.yaml:7:16: error: profiles.prod.services.apii: no service 'apii' in this stack
          hint: did you mean 'api'? services: api, db
        stack.yaml:10:3: error: profiles.staging: a new profile must say its backend
          hint: add 'backend: native' or 'backend: docker', or 'extends: dev' to start from another profile""",
        problems(() -> catalog(root)));
  }

  @Test
  void extendsCyclesAndUnknownParentsAreErrors() {
    MapNode root = yaml("""
        services: {api: {}}
        profiles:
          a: {extends: b}
          b: {extends: a}
          c: {extends: prd}
          dev: {extends: prod}
        """);
    assertEquals("""
        stack.yaml:6:18: error: profiles.dev.extends: 'dev' is a built-in profile and cannot extend another
          hint: give the new profile its own name, for example staging: {extends: prod}
        stack.yaml:4:16: error: profiles.b.extends: profiles extend each other in a cycle: a -> b -> a
          hint: one of them must say its backend instead
        stack.yaml:5:16: error: profiles.c.extends: unknown profile 'prd'
          hint: did you mean 'prod'? known profiles: dev, prod, a, b, c""",
        problems(() -> catalog(root)));
  }

  @Test
  void besideFilesAreNamedRelativeToTheStackFile() throws IOException {
    beside("dev.yaml", "servics: {}\n");
    assertEquals("""
        app/profiles/dev.yaml:1:1: error: profiles.dev.servics: unknown key
          hint: did you mean 'services'? a profile takes backend, description, publish_address, defaults, services, extends""",
        problems(() -> ProfileCatalog.discover(yaml("services: {api: {}}"), dir, "app/stack.yaml")));
  }

  @Test
  void besideProfileMayBeANewOne() throws IOException {
    beside("ci.yaml", "extends: dev\nservices: {api: {env: {CI: \"true\"}}}\n");
    beside("notes.txt", "not a profile");
    MapNode root = yaml("services: {api: {command: [x]}}");
    ProfileCatalog c = catalog(root);
    assertEquals(List.of("dev", "prod", "ci"), c.names());
    assertEquals("native", c.get("ci").backend());
    assertEquals(List.of("builtin:dev.yaml", "profiles/ci.yaml"), c.get("ci").sources());
    assertEquals("profiles/ci.yaml", scalar(c.get("ci").applyTo(root), "services.api.env.CI").mark().source());
    assertFalse(c.names().contains("notes"));
  }
}
