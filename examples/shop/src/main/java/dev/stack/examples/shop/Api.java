package dev.stack.examples.shop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shop's api: a fixed catalogue and an in-memory order book.
 *
 * <pre>
 * GET  /health              200 {"status":"ok"}
 * GET  /products            the catalogue
 * POST /orders              {"product":"tea","quantity":2} creates an order (201)
 * GET  /orders[?status=new] orders, all or by status
 * POST /orders/{id}/done    marks an order done
 * </pre>
 */
public final class Api {

  /** Something the shop sells. */
  record Product(String id, String name, int priceCents) {
    String toJson() {
      return "{\"id\":" + Json.quote(id) + ",\"name\":" + Json.quote(name) + ",\"price_cents\":" + priceCents + "}";
    }
  }

  /** An order; {@code status} is {@code new} until the worker marks it {@code done}. */
  record Order(int id, String product, int quantity, String status) {
    String toJson() {
      return "{\"id\":" + id + ",\"product\":" + Json.quote(product) + ",\"quantity\":" + quantity
          + ",\"status\":" + Json.quote(status) + "}";
    }
  }

  static final List<Product> PRODUCTS = List.of(
      new Product("tea", "Green tea", 450),
      new Product("coffee", "Filter coffee", 380),
      new Product("cake", "Lemon cake", 520));

  private static final Pattern ORDER_DONE = Pattern.compile("/orders/(\\d+)/done");

  private final Map<Integer, Order> orders = new ConcurrentSkipListMap<>();
  private final AtomicInteger nextId = new AtomicInteger(1);

  private Api() {}

  /** Starts the api on {@code port} (0: any free port). */
  public static HttpServer start(int port) {
    Api api = new Api();
    return Http.serve("api", port, api::handle);
  }

  public static void main(String[] args) {
    HttpServer server = start(Http.port(8081));
    Http.stopOnShutdown("api", server);
    Http.log("api", "listening on port " + server.getAddress().getPort());
  }

  private void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getPath();
    Matcher done = ORDER_DONE.matcher(path);
    if (path.equals("/health") && method.equals("GET")) {
      Http.json(ex, 200, "{\"status\":\"ok\"}");
    } else if (path.equals("/products") && method.equals("GET")) {
      Http.json(ex, 200, Json.array(PRODUCTS.stream().map(Product::toJson).toList()));
    } else if (path.equals("/orders") && method.equals("GET")) {
      Optional<String> status = query(ex, "status");
      Http.json(ex, 200, Json.array(orders.values().stream()
          .filter(o -> status.isEmpty() || o.status().equals(status.get()))
          .map(Order::toJson).toList()));
    } else if (path.equals("/orders") && method.equals("POST")) {
      create(ex, Http.body(ex));
    } else if (done.matches() && method.equals("POST")) {
      Order order = orders.computeIfPresent(Integer.parseInt(done.group(1)),
          (id, o) -> new Order(id, o.product(), o.quantity(), "done"));
      if (order == null) {
        Http.error(ex, 404, "no order " + done.group(1));
      } else {
        Http.json(ex, 200, order.toJson());
      }
    } else {
      Http.error(ex, 404, "no route " + method + " " + path);
    }
  }

  private void create(HttpExchange ex, String body) throws IOException {
    Optional<String> product = Json.string(body, "product");
    int quantity = Json.integer(body, "quantity").orElse(1);
    if (product.isEmpty() || PRODUCTS.stream().noneMatch(p -> p.id().equals(product.get()))) {
      String ids = String.join(", ", PRODUCTS.stream().map(Product::id).toList());
      Http.error(ex, 400, "expected {\"product\": one of " + ids + ", \"quantity\": n}");
      return;
    }
    if (quantity < 1) {
      Http.error(ex, 400, "quantity must be at least 1, got " + quantity);
      return;
    }
    Order order = new Order(nextId.getAndIncrement(), product.get(), quantity, "new");
    orders.put(order.id(), order);
    Http.log("api", "order " + order.id() + " created: " + order.product() + " x" + order.quantity());
    Http.json(ex, 201, order.toJson());
  }

  private static Optional<String> query(HttpExchange ex, String name) {
    String query = ex.getRequestURI().getRawQuery();
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return Optional.of(pair.substring(name.length() + 1));
      }
    }
    return Optional.empty();
  }
}
