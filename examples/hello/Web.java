import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The hello stack's web server, run as a single source file: {@code java Web.java}. It greets with
 * what the one-shot {@code setup} service wrote to {@code GREETING_FILE} before it started.
 */
public class Web {

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(env("PORT", "8080"));
    Path greetingFile = Path.of(env("GREETING_FILE", ".data/greeting.txt"));
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/health", exchange -> reply(exchange, 200, "ok\n"));
    server.createContext("/", exchange -> {
      if (!exchange.getRequestURI().getPath().equals("/")) {
        reply(exchange, 404, "not found\n");
        return;
      }
      try {
        reply(exchange, 200, Files.readString(greetingFile).strip() + " (served by Web.java)\n");
      } catch (NoSuchFileException e) {
        reply(exchange, 500, "no greeting: " + greetingFile + " is missing (setup writes it)\n");
      }
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("web: stopping");
      server.stop(1);
    }));
    server.start();
    System.out.println("web: listening on port " + port + ", greeting from " + greetingFile);
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    System.out.println("web: " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + status);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
