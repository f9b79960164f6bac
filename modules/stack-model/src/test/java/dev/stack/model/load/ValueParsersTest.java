package dev.stack.model.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stack.model.ByteSize;
import dev.stack.model.Port;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueParsersTest {

  @Test
  void commandStringsSplitLikeAShellWithoutExpansion() {
    assertEquals(List.of("java", "-jar", "app.jar"), CommandLine.split("  java   -jar app.jar "));
    assertEquals(List.of("sh", "-c", "echo $HOME && ls *"), CommandLine.split("sh -c 'echo $HOME && ls *'"));
    assertEquals(List.of("say", "a \"quoted\" $word\\"), CommandLine.split("say \"a \\\"quoted\\\" \\$word\\\\\""));
    assertEquals(List.of("a b", "c'd"), CommandLine.split("a\\ b c\\'d"));
    assertEquals(List.of("", "x"), CommandLine.split("'' x"));
    assertEquals(List.of("pre'mid'post"), CommandLine.split("pre\"'mid'\"post"));
    assertEquals(List.of(), CommandLine.split("   "));
    BadValueException e = assertThrows(BadValueException.class, () -> CommandLine.split("echo \"hi"));
    assertEquals("unclosed \" in command \"echo \\\"hi\"", e.getMessage());
  }

  @Test
  void durations() {
    assertEquals(Duration.ofMillis(500), DurationParser.parse("500ms"));
    assertEquals(Duration.ofSeconds(90), DurationParser.parse("1m30s"));
    assertEquals(Duration.ofHours(2), DurationParser.parse("2h"));
    assertEquals(Duration.ZERO, DurationParser.parse("0"));
    assertEquals("expected a duration like 500ms or 10s, got \"5 parsecs\"",
        assertThrows(BadValueException.class, () -> DurationParser.parse("5 parsecs")).getMessage());
    assertEquals("add a unit: 10s or 10ms", assertThrows(BadValueException.class, () -> DurationParser.parse("10")).hint());
    assertThrows(BadValueException.class, () -> DurationParser.parse("-1s"));
    assertThrows(BadValueException.class, () -> DurationParser.parse("1.5s"));
  }

  @Test
  void sizes() {
    assertEquals(new ByteSize(512), SizeParser.parse("512"));
    assertEquals(new ByteSize(256L << 20), SizeParser.parse("256m"));
    assertEquals(new ByteSize(1L << 30), SizeParser.parse("1GB"));
    assertEquals(new ByteSize(3L << 10), SizeParser.parse("3kb"));
    assertThrows(BadValueException.class, () -> SizeParser.parse("1tb"));
    assertThrows(BadValueException.class, () -> SizeParser.parse("-1m"));
  }

  @Test
  void ports() {
    assertEquals(Port.of(8080), PortParser.parse("8080"));
    assertEquals(new Port(null, 8080, 8080, 80, 80, "tcp"), PortParser.parse("8080:80"));
    assertEquals(new Port("127.0.0.1", 53, 53, 53, 53, "udp"), PortParser.parse("127.0.0.1:53:53/udp"));
    assertEquals(new Port("::1", 8000, 8002, 9000, 9002, "tcp"), PortParser.parse("[::1]:8000-8002:9000-9002"));
    assertEquals(new Port(null, 0, 0, 7000, 7003, "tcp"), PortParser.parse("7000-7003"));
    assertEquals("port 0 is out of range in \"0:80\"",
        assertThrows(BadValueException.class, () -> PortParser.parse("0:80")).getMessage());
    assertEquals("range 8002-8000 ends before it starts in \"8002-8000\"",
        assertThrows(BadValueException.class, () -> PortParser.parse("8002-8000")).getMessage());
    assertThrows(BadValueException.class, () -> PortParser.parse("1:2:3:4"));
    assertThrows(BadValueException.class, () -> PortParser.parse("localhost:80:80"));
  }

  @Test
  void signals() {
    assertEquals("TERM", SignalNames.parse("SIGTERM"));
    assertEquals("INT", SignalNames.parse("int"));
    assertEquals("KILL", SignalNames.parse("9"));
    assertEquals("WINCH", SignalNames.parse("WINCH"));
    assertEquals(15, SignalNames.number("TERM"));
    assertEquals("did you mean 'TERM'?", assertThrows(BadValueException.class, () -> SignalNames.parse("SIGTREM")).hint());
    assertThrows(BadValueException.class, () -> SignalNames.parse("64"));
  }

  @Test
  void volumes() {
    Path dir = Path.of("/srv/shop");
    assertEquals("/srv/shop/data:/data:ro", VolumeParser.parse("./data:/data:ro", dir).toString());
    assertEquals(System.getProperty("user.home") + "/cache:/cache", VolumeParser.parse("~/cache:/cache", dir).toString());
    assertEquals("pgdata:/var/lib/pg", VolumeParser.parse("pgdata:/var/lib/pg:rw", dir).toString());
    assertThrows(BadValueException.class, () -> VolumeParser.parse("data", dir));
    assertThrows(BadValueException.class, () -> VolumeParser.parse("./a:/b:rx", dir));
  }

  @Test
  void suggestionsTakeTheNearestLikelyTypo() {
    assertEquals("restart", Suggestions.nearest("restrat", List.of("replicas", "restart", "user")));
    assertEquals("services", Suggestions.nearest("service", List.of("name", "services", "volumes")));
    assertEquals(null, Suggestions.nearest("zzz", List.of("name", "services")));
    assertEquals(1, Suggestions.distance("ab", "ba"));
  }
}
