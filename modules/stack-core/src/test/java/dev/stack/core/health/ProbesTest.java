package dev.stack.core.health;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.stack.core.status.HealthState;
import dev.stack.model.Health;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbesTest {

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private HttpServer http;

  @AfterEach
  void tearDown() {
    timer.shutdownNow();
    if (http != null) {
      http.stop(0);
    }
  }

  private int serve(AtomicInteger status) throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/health", ex -> {
      ex.sendResponseHeaders(status.get(), -1);
      ex.close();
    });
    http.start();
    return http.getAddress().getPort();
  }

  @Test
  void httpProbePassesOn2xxAndFailsOn5xxWithTheStatusAsDetail() throws IOException {
    AtomicInteger status = new AtomicInteger(200);
    HttpProbe probe = new HttpProbe("127.0.0.1", serve(status), "/health");
    ProbeResult ok = probe.check(1000);
    assertTrue(ok.ok());
    assertEquals("HTTP 200", ok.detail());
    status.set(503);
    ProbeResult bad = probe.check(1000);
    assertFalse(bad.ok());
    assertEquals("HTTP 503", bad.detail());
  }

  /**
   * A server that answers headers first and its body in pieces after {@code pauseMs}, then closes;
   * {@code result} completes with null when every write went through, else with the write's error.
   */
  private static ServerSocket answerInPieces(long pauseMs, int pieces, java.util.concurrent.CompletableFuture<String> result)
      throws IOException {
    ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      try (java.net.Socket c = server.accept()) {
        c.getInputStream().read(new byte[4096]);
        java.io.OutputStream out = c.getOutputStream();
        out.write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.flush();
        for (int i = 0; i < pieces; i++) {
          Thread.sleep(pauseMs);
          out.write(new byte[4096]);
          out.flush();
        }
        result.complete(null);
      } catch (IOException | InterruptedException e) {
        result.complete(e.toString());
      }
    });
    t.setDaemon(true);
    t.start();
    return server;
  }

  @Test
  void httpProbeReadsTheWholeAnswerSoTheServiceNeverSeesABrokenPipe() throws Exception {
    var written = new java.util.concurrent.CompletableFuture<String>();
    try (ServerSocket server = answerInPieces(50, 4, written)) {
      ProbeResult r = new HttpProbe("127.0.0.1", server.getLocalPort(), "/").check(2000);
      assertTrue(r.ok());
      assertEquals("HTTP 200", r.detail());
      // the probe closed only after the last piece: the service's writes all went through
      assertEquals(null, written.get(5, java.util.concurrent.TimeUnit.SECONDS));
    }
  }

  @Test
  void httpProbeStopsReadingAnEndlessAnswerAtItsTimeoutAndTheStatusStands() throws Exception {
    var written = new java.util.concurrent.CompletableFuture<String>();
    try (ServerSocket server = answerInPieces(100, 1000, written)) {
      ProbeResult r = new HttpProbe("127.0.0.1", server.getLocalPort(), "/").check(300);
      assertTrue(r.ok());
      assertEquals("HTTP 200", r.detail());
    }
  }

  @Test
  void httpProbeFailsWithTimedOutWhenNoAnswerComes() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      ProbeResult r = new HttpProbe("127.0.0.1", silent.getLocalPort(), "/health").check(200);
      assertFalse(r.ok());
      assertEquals("GET /health: timed out", r.detail());
    }
  }

  @Test
  void tcpAndHttpProbesSayConnectionRefusedWhenNothingListens() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertEquals("port " + port + ": connection refused", new TcpProbe("127.0.0.1", port).check(500).detail());
    assertEquals("GET /health: connection refused", new HttpProbe("127.0.0.1", port, "/health").check(500).detail());
  }

  @Test
  void tcpProbePassesWhenSomethingListens() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertTrue(new TcpProbe("127.0.0.1", s.getLocalPort()).check(500).ok());
    }
  }

  @Test
  void logProbePassesOnceALineMatches() {
    LogProbe p = new LogProbe(Pattern.compile("ready on \\d+"));
    p.offer("starting");
    assertFalse(p.check(10).ok());
    p.offer("ready on 8080");
    assertTrue(p.check(10).ok());
  }

  @Test
  void logProbeLooksAtEachLineOfARunNotAcrossLines() {
    LogProbe p = new LogProbe(Pattern.compile("^ready on \\d+$"));
    byte[] run = "xxstarting\nready on\n8080\nyy".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    p.offerLines(run, 2, run.length - 4);
    assertFalse(p.check(10).ok());
    byte[] later = "waiting\nready on 8080\nmore\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    p.offerLines(later, 0, later.length);
    assertTrue(p.check(10).ok());
  }

  private static Health health(Duration interval, int retries, Duration startPeriod) {
    return new Health(Health.Kind.TCP, null, 1, List.of(), interval, Duration.ofMillis(100), retries, startPeriod);
  }

  @Test
  void monitorGoesHealthyThenUnhealthyAfterRetriesFailuresThenHealthyAgain() {
    AtomicInteger okFlag = new AtomicInteger(1);
    Probe probe = t -> new ProbeResult(Instant.now(), okFlag.get() == 1, "x");
    List<HealthState> changes = new CopyOnWriteArrayList<>();
    HealthMonitor m = new HealthMonitor(health(Duration.ofMillis(30), 3, Duration.ZERO), probe, timer, changes::add);
    m.start(Instant.now());
    await().atMost(Duration.ofSeconds(5)).until(() -> m.state() == HealthState.HEALTHY);
    okFlag.set(0);
    await().atMost(Duration.ofSeconds(5)).until(() -> m.state() == HealthState.UNHEALTHY);
    long failuresAtFlip = m.history().stream().skip(Math.max(0, m.history().size() - 3)).filter(r -> !r.ok()).count();
    assertEquals(3, failuresAtFlip);
    okFlag.set(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> m.state() == HealthState.HEALTHY);
    m.stop();
    assertEquals(List.of(HealthState.HEALTHY, HealthState.UNHEALTHY, HealthState.HEALTHY), changes);
  }

  @Test
  void aServiceThatNeverPassesBecomesUnhealthyOnlyAfterStartPeriodPlusRetriesIntervals() {
    Probe probe = t -> new ProbeResult(Instant.now(), false, "refused");
    HealthMonitor m = new HealthMonitor(health(Duration.ofMillis(100), 2, Duration.ofMillis(300)), probe, timer, s -> { });
    Instant start = Instant.now();
    m.start(start);
    await().atMost(Duration.ofSeconds(5)).until(() -> m.state() == HealthState.UNHEALTHY);
    Instant flip = m.history().get(m.history().size() - 1).at();
    assertTrue(Duration.between(start, flip).toMillis() >= 500, "flipped after " + Duration.between(start, flip));
  }
}
