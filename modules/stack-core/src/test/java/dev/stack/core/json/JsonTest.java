package dev.stack.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

  @Test
  void parsesEveryTypeKeepingKeyOrder() {
    Map<String, Object> doc = Json.parseObject(
        " {\"z\": 1, \"a\": [true, false, null], \"m\": -2.5e1, \"s\": \"x\", \"big\": 12345678901234567890,"
            + " \"o\": {}}\n");
    assertEquals(List.of("z", "a", "m", "s", "big", "o"), new ArrayList<>(doc.keySet()));
    assertEquals(1L, doc.get("z"));
    assertEquals(Arrays.asList(true, false, null), doc.get("a"));
    assertEquals(-25.0, doc.get("m"));
    assertEquals("x", doc.get("s"));
    assertEquals(1.2345678901234567e19, doc.get("big"));
    assertEquals(Map.of(), doc.get("o"));
    assertInstanceOf(LinkedHashMap.class, doc);
  }

  @Test
  void decodesEscapes() {
    assertEquals("a\"b\\c/d\b\f\n\r\t\u00e9\ud83d\ude00",
        Json.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00E9\\ud83d\\ude00\""));
  }

  @Test
  void escapesControlCharactersAndKeepsUnicode() {
    assertEquals("\"tab\\t nl\\n nul\\u0000 bell\\u0007 del\\u007f q\\\" bs\\\\ é 😀 \\u2028\"",
        Json.write("tab\t nl\n nul\u0000 bell\u0007 del\u007f q\" bs\\ é 😀 \u2028"));
    assertEquals("\"lone \\ud800 surrogate\"", Json.write("lone \ud800 surrogate"));
  }

  @Test
  void roundTripsNestedDocuments() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", "shop \u0001 \"quoted\"");
    doc.put("n", 42L);
    doc.put("f", 0.125);
    doc.put("whole", 3.0);
    doc.put("list", Arrays.asList(1L, "two", null, List.of(), Map.of("k", false)));
    doc.put("empty", Map.of());
    assertEquals(doc, Json.parse(Json.write(doc)));
    assertEquals(doc, Json.parse(Json.writePretty(doc)));
  }

  @Test
  void writesCompactAndPretty() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("a", List.of(1, 2));
    doc.put("b", Map.of());
    doc.put("c", null);
    assertEquals("{\"a\":[1,2],\"b\":{},\"c\":null}", Json.write(doc));
    assertEquals("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": null\n}",
        Json.writePretty(doc));
  }

  @Test
  void writesOtherJavaValues() {
    assertEquals("[\"NANOSECONDS\",\"c\",7,1.5,null]",
        Json.write(new Object[] {java.util.concurrent.TimeUnit.NANOSECONDS, 'c', 7, 1.5f, null}));
    JsonException e = assertThrows(JsonException.class, () -> Json.write(Double.NaN));
    assertEquals("cannot write NaN as JSON", e.getMessage());
    assertThrows(JsonException.class, () -> Json.write(new Object()));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|unexpected end of input, expected a value at offset 0",
      "{|unexpected end of input, expected a key at offset 1",
      "{\"a\" 1}|unexpected '1', expected ':' at offset 5",
      "{\"a\":1,}|unexpected '}', expected a key in double quotes at offset 7",
      "[1 2]|unexpected '2', expected ',' or ']' at offset 3",
      "[1,]|unexpected ']', expected a value at offset 3",
      "\"abc|unterminated string at offset 4",
      "\"a\\x\"|invalid escape \\x at offset 3",
      "\"\\u12G4\"|invalid hex digit 'G' in \\u escape at offset 5",
      "01|unexpected '1' after the value at offset 1",
      "-|invalid number, expected a digit at offset 1",
      "1.|invalid number, expected a digit after '.' at offset 2",
      "1e+|invalid number, expected a digit in the exponent at offset 3",
      "tru|unexpected 't', expected a value at offset 0",
      "{} x|unexpected 'x' after the value at offset 3",
      "NaN|unexpected 'N', expected a value at offset 0",
  })
  void reportsMalformedInput(String text, String message) {
    JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
    assertEquals(message, e.getMessage());
  }

  @Test
  void rejectsRawControlCharactersAndDeepNesting() {
    assertEquals("control character U+000A in a string must be escaped at offset 2",
        assertThrows(JsonException.class, () -> Json.parse("\"a\nb\"")).getMessage());
    String deep = "[".repeat(600) + "]".repeat(600);
    assertEquals("nesting deeper than 512 at offset 512",
        assertThrows(JsonException.class, () -> Json.parse(deep)).getMessage());
  }

  @Test
  void parseObjectRefusesOtherValues() {
    assertEquals("expected a JSON object, got an array at offset 0",
        assertThrows(JsonException.class, () -> Json.parseObject("[]")).getMessage());
    assertNull(Json.parse(" null "));
  }
}
