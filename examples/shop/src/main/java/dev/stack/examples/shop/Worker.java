package dev.stack.examples.shop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Fulfils orders: every second it asks the api (at {@code API_URL}) for new orders and marks each
 * done. It opens no port; stack knows it is up from its {@code worker ready} log line.
 */
public final class Worker {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final URI api;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /** A worker for the api at {@code api}. */
  public Worker(URI api) {
    this.api = api;
  }

  /**
   * One round: fetches the new orders and marks each done.
   *
   * @return how many orders it marked done
   * @throws IOException when the api cannot be reached or answers with an error
   */
  public int pollOnce() throws IOException, InterruptedException {
    String orders = call("GET", "/orders?status=new");
    int done = 0;
    for (int id : Json.integers(orders, "id")) {
      String order = call("POST", "/orders/" + id + "/done");
      Http.log("worker", "order " + id + " done: " + Json.string(order, "product").orElse("?")
          + " x" + Json.integer(order, "quantity").orElse(0));
      done++;
    }
    return done;
  }

  private String call(String method, String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(api.resolve(path)).timeout(TIMEOUT)
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  public static void main(String[] args) throws InterruptedException {
    URI apiUrl = Http.apiUrl("worker");
    Worker worker = new Worker(apiUrl);
    Thread loop = Thread.currentThread();
    CountDownLatch finished = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      Http.log("worker", "stopping");
      loop.interrupt();
      try {
        finished.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Http.log("worker", "stopped");
    }, "worker-shutdown"));
    Http.log("worker", "worker ready, polling " + apiUrl + " every second");
    try {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          worker.pollOnce();
        } catch (IOException e) {
          Http.log("worker", "poll failed, retrying in a second: " + e.getMessage());
        }
        Thread.sleep(1000);
      }
    } catch (InterruptedException e) {
      // the shutdown hook asked us to stop between two rounds
    } finally {
      finished.countDown();
    }
  }
}
