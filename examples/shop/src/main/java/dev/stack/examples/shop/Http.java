package dev.stack.examples.shop;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** What the two HTTP services share: starting a server, logging requests, answering, stopping. */
final class Http {

  private Http() {}

  /** The port from {@code PORT}, else {@code fallback}. */
  static int port(int fallback) {
    String port = System.getenv("PORT");
    return port == null || port.isBlank() ? fallback : Integer.parseInt(port.trim());
  }

  /** The api's address from {@code API_URL}; without it the service cannot work, so it exits. */
  static URI apiUrl(String name) {
    String url = System.getenv("API_URL");
    if (url == null || url.isBlank()) {
      System.err.println(name + ": API_URL is not set (the stack file sets it to http://${svc.api.host}:${svc.api.port})");
      System.exit(2);
    }
    return URI.create(url.trim());
  }

  /**
   * Starts {@code handler} on {@code port} (0 picks a free one: read it back from the server),
   * logging one line per request to stdout.
   */
  static HttpServer serve(String name, int port, HttpHandler handler) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
      ExecutorService workers = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, name + "-http");
        t.setDaemon(true);
        return t;
      });
      server.setExecutor(workers);
      server.createContext("/", handler).getFilters().add(Filter.afterHandler("log", exchange ->
          log(name, exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getResponseCode())));
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
  }

  /** On SIGTERM (or Ctrl-C) stop taking requests and give running ones a second to finish. */
  static void stopOnShutdown(String name, HttpServer server) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log(name, "stopping");
      server.stop(1);
      log(name, "stopped");
    }, name + "-shutdown"));
  }

  /** Answers with a JSON body. */
  static void json(HttpExchange exchange, int status, String body) throws IOException {
    send(exchange, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  /** Answers with {@code body} as it is. */
  static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Answers with {@code {"error": message}}. */
  static void error(HttpExchange exchange, int status, String message) throws IOException {
    json(exchange, status, "{\"error\":" + Json.quote(message) + "}");
  }

  /** The request body as text. */
  static String body(HttpExchange exchange) throws IOException {
    return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
  }

  /** One line to stdout; stack stores it with a timestamp. */
  static void log(String name, String message) {
    System.out.println(name + ": " + message);
  }
}
