package dev.stack.examples.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The api and the gateway in-process on free ports, and the worker's round called directly. */
class ShopTest {

  private final HttpClient client = HttpClient.newHttpClient();
  private HttpServer api;
  private HttpServer gateway;
  private URI apiUrl;
  private URI gatewayUrl;

  @BeforeEach
  void start() {
    api = Api.start(0);
    apiUrl = URI.create("http://127.0.0.1:" + api.getAddress().getPort());
    gateway = Gateway.start(0, apiUrl);
    gatewayUrl = URI.create("http://127.0.0.1:" + gateway.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    gateway.stop(0);
    api.stop(0);
  }

  @Test
  void listsProductsThroughTheGateway() throws Exception {
    HttpResponse<String> response = get(gatewayUrl, "/api/products");

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("[{\"id\":\"tea\",\"name\":\"Green tea\",\"price_cents\":450},"
        + "{\"id\":\"coffee\",\"name\":\"Filter coffee\",\"price_cents\":380},"
        + "{\"id\":\"cake\",\"name\":\"Lemon cake\",\"price_cents\":520}]", response.body());
  }

  @Test
  void anOrderPlacedAtTheGatewayIsNewInTheApiUntilTheWorkerMarksItDone() throws Exception {
    HttpResponse<String> created = post(gatewayUrl, "/api/orders", "{\"product\": \"cake\", \"quantity\": 2}");
    assertEquals(201, created.statusCode());
    assertEquals("{\"id\":1,\"product\":\"cake\",\"quantity\":2,\"status\":\"new\"}", created.body());
    assertEquals("[{\"id\":1,\"product\":\"cake\",\"quantity\":2,\"status\":\"new\"}]",
        get(apiUrl, "/orders?status=new").body());

    int done = new Worker(apiUrl).pollOnce();

    assertEquals(1, done);
    assertEquals("[]", get(apiUrl, "/orders?status=new").body());
    assertEquals("[{\"id\":1,\"product\":\"cake\",\"quantity\":2,\"status\":\"done\"}]",
        get(gatewayUrl, "/api/orders?status=done").body());
    assertEquals(0, new Worker(apiUrl).pollOnce(), "nothing is left for a second round");
  }

  @Test
  void refusesAnOrderForAnUnknownProduct() throws Exception {
    HttpResponse<String> response = post(gatewayUrl, "/api/orders", "{\"product\": \"soap\"}");

    assertEquals(400, response.statusCode());
    assertEquals("{\"error\":\"expected {\\\"product\\\": one of tea, coffee, cake, \\\"quantity\\\": n}\"}",
        response.body());
    assertEquals("[]", get(apiUrl, "/orders").body());
  }

  @Test
  void markingAnUnknownOrderDoneIsNotFound() throws Exception {
    HttpResponse<String> response = post(apiUrl, "/orders/42/done", "");

    assertEquals(404, response.statusCode());
    assertEquals("{\"error\":\"no order 42\"}", response.body());
  }

  @Test
  void gatewayIsHealthyOnlyWhileTheApiIs() throws Exception {
    assertEquals(200, get(gatewayUrl, "/health").statusCode());
    assertEquals("{\"status\":\"ok\"}", get(apiUrl, "/health").body());

    api.stop(0);

    assertEquals(503, get(gatewayUrl, "/health").statusCode());
    HttpResponse<String> proxied = get(gatewayUrl, "/api/products");
    assertEquals(502, proxied.statusCode());
    assertTrue(proxied.body().startsWith("{\"error\":\"api unreachable at " + apiUrl), proxied.body());
  }

  @Test
  void workerReportsAnUnreachableApi() {
    api.stop(0);

    assertThrows(ConnectException.class, () -> new Worker(apiUrl).pollOnce());
  }

  private HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(URI base, String path, String body) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
