package dev.stack.cli;

import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Renders plain maps, lists and scalars as YAML 1.2 in block style: no anchors or aliases (a value
 * that appears twice is written twice), keys in map order, so the same input always gives the
 * same text. Strings a YAML 1.1 reader (docker-compose, PyYAML, SnakeYAML 1.x) would take for
 * something else are quoted: {@code yes}, {@code no}, {@code on}, {@code off}, {@code y},
 * {@code n} (booleans there) and {@code 22:22} (a base-60 number there).
 */
final class YamlText {

  private static final DumpSettings SETTINGS = DumpSettings.builder()
      .setDefaultFlowStyle(FlowStyle.BLOCK)
      .setDereferenceAliases(true)
      .setIndent(2)
      .setIndicatorIndent(2)
      .setIndentWithIndicator(true)
      .setSplitLines(false)
      .setSchema(new CoreSchema() {
        private final ScalarResolver resolver = new Yaml11Ambiguous();

        @Override
        public ScalarResolver getScalarResolver() {
          return resolver;
        }
      })
      .build();

  private YamlText() {}

  /** YAML 1.2's core schema, plus YAML 1.1's other booleans and base-60 numbers, so they are quoted. */
  private static final class Yaml11Ambiguous extends CoreScalarResolver {
    Yaml11Ambiguous() {
      super(false);
      addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$"), "yYnNoO");
      addImplicitResolver(Tag.INT, Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$"), "-+0123456789");
    }
  }

  /** The YAML document for {@code tree}, ending with a newline. */
  static String of(Map<String, Object> tree) {
    return new Dump(SETTINGS).dumpToString(tree);
  }
}
