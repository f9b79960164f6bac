package dev.stack.cli;

import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Renders plain maps, lists and scalars as YAML 1.2 in block style: no anchors or aliases (a value
 * that appears twice is written twice), keys in map order, so the same input always gives the
 * same text.
 */
final class YamlText {

  private static final DumpSettings SETTINGS = DumpSettings.builder()
      .setDefaultFlowStyle(FlowStyle.BLOCK)
      .setDereferenceAliases(true)
      .setIndent(2)
      .setIndicatorIndent(2)
      .setIndentWithIndicator(true)
      .setSplitLines(false)
      .build();

  private YamlText() {}

  /** The YAML document for {@code tree}, ending with a newline. */
  static String of(Map<String, Object> tree) {
    return new Dump(SETTINGS).dumpToString(tree);
  }
}
