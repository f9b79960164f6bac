package dev.stack.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.stack.model.load.StackLoader;
import dev.stack.model.yaml.MapNode;
import dev.stack.model.yaml.Node;
import dev.stack.model.yaml.ScalarNode;
import dev.stack.model.yaml.SeqNode;
import dev.stack.model.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON Schema shipped for editors agrees with the loader: on valid files, and on invalid ones it can judge. */
class StackSchemaTest {

  static final JsonSchema SCHEMA = schema();
  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  static JsonSchema schema() {
    try (InputStream in = StackSchemaTest.class.getResourceAsStream("/dev/stack/model/stack.schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Valid fixtures, and every examples/**&#47;stack.yaml of the repository. */
  static Stream<Path> validFiles() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("src/test/resources/valid"))) {
      files = new java.util.ArrayList<>(s.map(d -> d.resolve("stack.yaml")).sorted().toList());
    }
    Path examples = Path.of("../../examples");
    if (Files.isDirectory(examples)) {
      try (Stream<Path> s = Files.walk(examples)) {
        s.filter(p -> p.getFileName().toString().equals("stack.yaml")).sorted().forEach(files::add);
      }
    }
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFiles")
  void validFilesPassSchemaAndLoader(Path file) throws IOException {
    Set<ValidationMessage> errors = SCHEMA.validate(json(file));
    assertTrue(errors.isEmpty(), () -> file + ": " + errors);
    StackLoader.load(new StackLoader.Request(file, "stack.yaml", profile(file.getParent()), List.of(), Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"backend-swarm", "backend-unknown", "boolean-yaml11", "command-list-with-map",
      "compose-key-environment", "cpus-not-positive", "depends-on-compose-condition", "duration-bad-unit",
      "duration-missing-unit", "empty-file", "env-invalid-name", "env-list-entry-without-equals",
      "env-map-value-not-secret", "file-is-a-list", "health-two-probes", "health-without-probe", "many-problems-at-once",
      "no-services-key", "port-bad-protocol", "port-syntax", "ports-not-a-list", "replicas-not-a-number",
      "restart-policy-boolean", "restart-policy-word", "secret-without-value", "service-empty", "service-is-a-string",
      "service-name-invalid", "services-empty", "services-is-a-list", "signal-unknown", "size-bad-unit",
      "stack-name-invalid", "unknown-nested-key", "unknown-service-key", "unknown-top-level-key", "user-invalid",
      "volume-relative-target", "volume-without-target", "volumes-top-level-options"})
  void schemaAndLoaderBothRejectInvalidFiles(String kind) throws IOException {
    Path file = Path.of("src/test/resources/corpus", kind, "stack.yaml");
    assertFalse(SCHEMA.validate(json(file)).isEmpty(), kind + " passes the schema");
    assertThrows(StackFileException.class, () -> StackLoader.load(
        new StackLoader.Request(file, "stack.yaml", profile(file.getParent()), List.of(), Map.of())));
  }

  @Test
  void schemaShipsInTheJarAsDraft202012() throws IOException {
    try (InputStream in = Canonical.class.getResourceAsStream("stack.schema.json")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(text.contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""));
    }
    assertEquals(1, SCHEMA.validate(JSON.objectNode()).size(), "an empty file lacks services");
  }

  static String profile(Path dir) throws IOException {
    Path args = dir.resolve("args.properties");
    Properties p = new Properties();
    if (Files.exists(args)) {
      try (Reader r = Files.newBufferedReader(args)) {
        p.load(r);
      }
    }
    return p.getProperty("profile", "dev");
  }

  /** The file as JSON with YAML 1.2 core-schema types, read by stack's own reader. */
  static JsonNode json(Path file) {
    return json(YamlReader.read(file, file.toString()));
  }

  /** YAML 1.2 core integers: decimal, 0o octal, 0x hex. */
  static BigInteger integer(String text) {
    if (text.startsWith("0x")) {
      return new BigInteger(text.substring(2), 16);
    }
    return text.startsWith("0o") ? new BigInteger(text.substring(2), 8) : new BigInteger(text);
  }

  static JsonNode json(Node node) {
    if (node instanceof MapNode m) {
      ObjectNode o = JSON.objectNode();
      m.entries().forEach((k, e) -> o.set(k, json(e.value())));
      return o;
    }
    if (node instanceof SeqNode s) {
      ArrayNode a = JSON.arrayNode();
      s.items().forEach(i -> a.add(json(i)));
      return a;
    }
    ScalarNode s = (ScalarNode) node;
    return switch (s.type()) {
      case NULL -> JSON.nullNode();
      case BOOL -> JSON.booleanNode(Boolean.parseBoolean(s.value()));
      case INT -> JSON.numberNode(integer(s.value()));
      case FLOAT -> JSON.numberNode(Double.parseDouble(s.value()));
      case STRING -> JSON.textNode(s.value());
    };
  }
}
