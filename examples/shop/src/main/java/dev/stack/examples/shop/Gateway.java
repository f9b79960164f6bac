package dev.stack.examples.shop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The shop's front door: {@code /api/*} is passed to the api (at {@code API_URL}, which the stack
 * file sets from {@code ${svc.api.host}} and {@code ${svc.api.port}}), {@code /health} is healthy
 * only while the api is.
 */
public final class Gateway {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final URI api;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  private Gateway(URI api) {
    this.api = api;
  }

  /** Starts the gateway on {@code port} (0: any free port), passing api calls to {@code api}. */
  public static HttpServer start(int port, URI api) {
    Gateway gateway = new Gateway(api);
    return Http.serve("gateway", port, gateway::handle);
  }

  public static void main(String[] args) {
    URI apiUrl = Http.apiUrl("gateway");
    HttpServer server = start(Http.port(8080), apiUrl);
    Http.stopOnShutdown("gateway", server);
    Http.log("gateway", "listening on port " + server.getAddress().getPort() + ", api at " + apiUrl);
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    if (path.equals("/health")) {
      health(ex);
    } else if (path.startsWith("/api/")) {
      proxy(ex, ex.getRequestURI().getRawPath().substring("/api".length()));
    } else if (path.equals("/")) {
      Http.send(ex, 200, "text/plain; charset=utf-8",
          "shop gateway: try GET /api/products or POST /api/orders\n".getBytes(StandardCharsets.UTF_8));
    } else {
      Http.error(ex, 404, "no route " + path + " (the api is under /api/)");
    }
  }

  private void health(HttpExchange ex) throws IOException {
    try {
      HttpResponse<Void> response = client.send(
          HttpRequest.newBuilder(api.resolve("/health")).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.discarding());
      boolean up = response.statusCode() == 200;
      Http.json(ex, up ? 200 : 503, "{\"status\":" + Json.quote(up ? "ok" : "api unhealthy") + "}");
    } catch (IOException e) {
      Http.json(ex, 503, "{\"status\":" + Json.quote("api unreachable: " + e) + "}");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Http.error(ex, 503, "interrupted");
    }
  }

  private void proxy(HttpExchange ex, String rawPath) throws IOException {
    String query = ex.getRequestURI().getRawQuery();
    URI target = api.resolve(rawPath + (query == null ? "" : "?" + query));
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
        .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(ex.getRequestBody().readAllBytes()));
    String contentType = ex.getRequestHeaders().getFirst("Content-Type");
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    try {
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      Http.send(ex, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
    } catch (IOException e) {
      Http.error(ex, 502, "api unreachable at " + api + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Http.error(ex, 502, "interrupted");
    }
  }
}
