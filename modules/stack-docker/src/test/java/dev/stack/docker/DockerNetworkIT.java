package dev.stack.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.stack.core.spi.Running;
import dev.stack.core.testing.RequiresDocker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@RequiresDocker
class DockerNetworkIT {

  @RegisterExtension
  final BackendFixture f = new BackendFixture();

  @Test
  void servicesOfAStackReachEachOtherByNameAndOtherStacksCannot() throws Exception {
    String stack = f.stack("s");
    String stranger = f.stack("x");
    var web = TestServices.service("web", "sh", "-c", "echo hi-from-web > /tmp/index.html; exec httpd -f -p 8080 -h /tmp")
        .spec(stack);
    var client = TestServices.service("client", "sleep", "1000").spec(stack);
    var outsider = TestServices.service("client", "sleep", "1000").spec(stranger);
    for (var spec : List.of(web, client, outsider)) {
      f.backend.prepare(spec, line -> { });
    }
    Running w = f.backend.start(web, new RecordingSink());
    Running c = f.backend.start(client, new RecordingSink());
    Running o = f.backend.start(outsider, new RecordingSink());

    // httpd needs a moment to listen: ask until it answers, within a bound
    int code = 1;
    for (long end = System.nanoTime() + 5_000_000_000L; code != 0 && System.nanoTime() < end; ) {
      code = c.exec(List.of("sh", "-c", "wget -qO- http://web:8080/index.html | grep -q hi-from-web"),
          Duration.ofSeconds(3));
    }
    assertEquals(0, code, "a service reaches another by its name");
    assertNotEquals(0, o.exec(List.of("wget", "-qO-", "-T", "2", "http://web:8080/index.html"), Duration.ofSeconds(5)),
        "another stack does not resolve the name");
    assertNotEquals(0, o.exec(List.of("wget", "-qO-", "-T", "2", "http://" + w.probeHost() + ":8080/index.html"),
        Duration.ofSeconds(5)), "another stack does not reach the address either");
  }
}
