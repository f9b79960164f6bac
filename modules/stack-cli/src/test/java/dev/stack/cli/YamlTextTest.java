package dev.stack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code stack config} prints reads the same in YAML 1.2 (stack) and YAML 1.1 (docker-compose, PyYAML). */
class YamlTextTest {

  @Test
  void stringsAYaml11ReaderWouldTakeForBooleansOrNumbersAreQuotedOthersAreNot() {
    Map<String, Object> env = new LinkedHashMap<>();
    for (String v : List.of("yes", "no", "on", "Off", "y", "N", "22:22", "1:02:03", "8080:80", "true", "1.2", "plain", "yesterday")) {
      env.put("K" + env.size(), v);
    }
    env.put("B", true);
    env.put("I", 8080);
    assertEquals("""
        K0: 'yes'
        K1: 'no'
        K2: 'on'
        K3: 'Off'
        K4: 'y'
        K5: 'N'
        K6: '22:22'
        K7: '1:02:03'
        K8: 8080:80
        K9: 'true'
        K10: '1.2'
        K11: plain
        K12: yesterday
        B: true
        I: 8080
        """, YamlText.of(env));
  }
}
