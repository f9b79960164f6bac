package dev.stack.docker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.testing.RequiresDocker;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@RequiresDocker
class DockerLogsIT {

  @RegisterExtension
  final BackendFixture f = new BackendFixture();

  @Test
  void aLineTheJsonFileDriverSplitAt16KiBArrivesWhole() throws Exception {
    String stack = f.stack("l");
    // 40 KiB of 'a' then a newline: json-file stores it as three messages, two of them partial
    var spec = TestServices.service("long", "sh", "-c",
        "head -c 40960 /dev/zero | tr '\\0' a; echo; echo after; exec sleep 1000").spec(stack);
    RecordingSink sink = new RecordingSink();
    f.backend.prepare(spec, line -> { });
    f.backend.start(spec, sink);
    await().atMost(Duration.ofSeconds(5)).until(() -> sink.texts().contains("after"));
    assertEquals(List.of("a".repeat(40960), "after"), sink.texts());
    assertFalse(sink.lines().get(0).partial());
  }

  @Test
  void aThousandLinesArriveInOrderWellUnderASecond() throws Exception {
    String stack = f.stack("m");
    var spec = TestServices.service("many", "sh", "-c", "seq 1 1000; exec sleep 1000").spec(stack);
    RecordingSink sink = new RecordingSink();
    f.backend.prepare(spec, line -> { });
    long start = System.nanoTime();
    f.backend.start(spec, sink);
    long started = System.nanoTime();
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> sink.lines().size() >= 1000);
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(IntStream.rangeClosed(1, 1000).mapToObj(Integer::toString).collect(Collectors.toList()),
        sink.texts());
    System.out.println("DockerLogsIT: start " + (started - start) / 1_000_000 + " ms, then 1000 lines in " + millis
        + " ms");
    assertTrue(millis < 1000, "1000 lines took " + millis + " ms after the start");
  }
}
