package dev.stack.model.load;

import static dev.stack.model.load.Trees.at;
import static dev.stack.model.load.Trees.problems;
import static dev.stack.model.load.Trees.scalar;
import static dev.stack.model.load.Trees.text;
import static dev.stack.model.load.Trees.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.ScalarNode;
import dev.stack.model.yaml.SeqNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetOverridesTest {

  private static final MapNode STACK = yaml("""
      services:
        api:
          image: api:1
          env: {LOG_LEVEL: info, KEEP: x}
          ports: ["8080"]
          health: {tcp: 8080}
      """);

  @Test
  void setsAScalarWithItsPlainYamlType() {
    MapNode tree = SetOverrides.apply(STACK, List.of("services.api.env.LOG_LEVEL=debug", "services.api.replicas=3",
        "services.api.init=false", "services.api.user=no"));
    assertEquals("debug", text(tree, "services.api.env.LOG_LEVEL"));
    assertEquals("x", text(tree, "services.api.env.KEEP"));
    assertEquals(ScalarNode.Type.INT, scalar(tree, "services.api.replicas").type());
    assertEquals(ScalarNode.Type.BOOL, scalar(tree, "services.api.init").type());
    assertEquals(ScalarNode.Type.STRING, scalar(tree, "services.api.user").type(), "YAML 1.2: no is a string");
    assertEquals("--set:1:28", scalar(tree, "services.api.env.LOG_LEVEL").mark().toString());
    assertEquals("--set:2:23", scalar(tree, "services.api.replicas").mark().toString());
  }

  @Test
  void flowValuesReplaceListsAndMergeMaps() {
    MapNode tree = SetOverrides.apply(STACK, List.of("services.api.ports=[8081, \"9000:9000\"]",
        "services.api.env={EXTRA: '1', KEEP: null}", "services.api.command=java -jar api.jar # not a comment"));
    SeqNode ports = (SeqNode) at(tree, "services.api.ports");
    assertEquals(2, ports.items().size());
    assertEquals("--set:1:21", ports.items().get(0).mark().toString());
    assertEquals("--set:1:27", ports.items().get(1).mark().toString());
    assertEquals("info", text(tree, "services.api.env.LOG_LEVEL"));
    assertEquals("1", text(tree, "services.api.env.EXTRA"));
    assertNull(at(tree, "services.api.env.KEEP"));
    assertEquals("java -jar api.jar # not a comment", text(tree, "services.api.command"));
  }

  @Test
  void nullDeletesAndEmptyIsAnEmptyString() {
    MapNode tree = SetOverrides.apply(STACK, List.of("services.api.health=null", "services.api.env.LOG_LEVEL="));
    assertNull(at(tree, "services.api.health"));
    assertEquals(ScalarNode.Type.STRING, scalar(tree, "services.api.env.LOG_LEVEL").type());
    assertEquals("", text(tree, "services.api.env.LOG_LEVEL"));
  }

  @Test
  void createsMissingMapsAndQuotedKeysHoldDots() {
    MapNode tree = SetOverrides.apply(STACK, List.of("services.worker.command=[run]", "services.api.env.\"a.b\"=c"));
    assertEquals("run", ((ScalarNode) ((SeqNode) at(tree, "services.worker.command")).items().get(0)).value());
    assertEquals("c", ((ScalarNode) ((MapNode) at(tree, "services.api.env")).get("a.b")).value());
    assertEquals("--set:1:10", ((MapNode) at(tree, "services")).entries().get("worker").keyMark().toString());
  }

  @Test
  void laterSetsWinAndSetWinsOverEveryProfileLayer() {
    MapNode root = yaml("""
        services: {api: {command: [x], env: {L: own}}}
        profiles: {dev: {services: {api: {env: {L: inline}}}}}
        """);
    MapNode tree = ProfileCatalog.discover(root, Path.of("/nonexistent"), "stack.yaml").get("dev").applyTo(root);
    tree = SetOverrides.apply(tree, List.of("services.api.env.L=first", "services.api.env.L=second"));
    assertEquals("second", text(tree, "services.api.env.L"));
    assertEquals("--set:2:20", scalar(tree, "services.api.env.L").mark().toString());
  }

  @Test
  void malformedArgumentsAreClearErrors() {
    assertEquals("""
        --set:1:1: error: expected path=value, got 'services.api.image'
          hint: for example --set services.api.env.LOG_LEVEL=debug
        --set:2:1: error: empty path before '='
          hint: for example --set services.api.env.LOG_LEVEL=debug
        --set:3:10: error: empty key in path 'services..image'
          hint: for example --set services.api.env.LOG_LEVEL=debug
        --set:4:20: error: cannot set services.api.image.tag: services.api.image is a string, not a map
          hint: set the whole value instead: --set services.api.image=...
        --set:5:20: error: cannot set services.api.ports.host: services.api.ports is a list, not a map
          hint: set the whole value instead: --set services.api.ports=...
        --set:6:18: error: unclosed quote in the path of 'services.api.env."a.b=1'
          hint: quote a key that holds dots like this: services.api.env."a.b"=value
        --set:7:1: error: profiles cannot be changed with --set: the profile is already applied
          hint: set the service directly, for example --set services.api.backend=docker""",
        problems(() -> SetOverrides.apply(STACK, List.of("services.api.image", "=x", "services..image=x",
            "services.api.image.tag=2", "services.api.ports.host=1", "services.api.env.\"a.b=1",
            "profiles.dev.backend=docker"))));
  }

  @Test
  void aBadFlowValuePointsIntoTheArgument() {
    String p = problems(() -> SetOverrides.apply(STACK, List.of("services.api.env.A=b", "services.api.ports=[8081")));
    assertEquals("--set:2:", p.substring(0, 8));
    assertEquals(true, p.contains("error: invalid YAML"), p);
  }
}
