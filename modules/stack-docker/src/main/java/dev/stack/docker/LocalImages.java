package dev.stack.docker;

import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stack.core.spi.BackendException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The images the engine holds, and the one way stack gets a missing one: a single pull attempt
 * with a time limit. A missing image that cannot be pulled is one error naming it, never a loop.
 */
public final class LocalImages {

  /** How long the one pull attempt may go without progress before the image counts as not pullable. */
  public static final Duration PULL_IDLE_TIMEOUT = Duration.ofSeconds(5);

  static final String HINT =
      "build it (a build: entry in the stack file, or docker build -t IMAGE .), or check its name and that its registry is reachable";

  private final DockerEngine engine;

  /** The images of {@code engine}. */
  public LocalImages(DockerEngine engine) {
    this.engine = engine;
  }

  /** Whether the engine holds {@code image} ({@code name:tag} or an id). */
  public boolean present(String image) throws BackendException {
    try {
      engine.client().inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      throw EngineUnreachable.ifConnectionFailure(engine.host(), e);
    }
  }

  /**
   * Makes sure the engine holds {@code image}: present, or pulled once, the pull failing when it
   * makes no progress for {@link #PULL_IDLE_TIMEOUT}.
   *
   * @throws BackendException {@code image 'foo:1' is not present locally and cannot be pulled: <why>},
   *     not retryable
   */
  public void require(String image, Consumer<String> progress) throws BackendException {
    if (present(image)) {
      return;
    }
    progress.accept("pulling " + image);
    AtomicLong lastSign = new AtomicLong(System.nanoTime());
    PullImageResultCallback pull = new PullImageResultCallback() {
      @Override
      public void onNext(PullResponseItem item) {
        lastSign.set(System.nanoTime());
        if (item.getStatus() != null && item.getId() == null) {
          progress.accept(item.getStatus()); // per-layer progress would flood the console
        }
        super.onNext(item);
      }
    };
    try {
      engine.streaming().pullImageCmd(image).exec(pull);
      // a pull may take long, but not in silence: the engine reports progress many times a second
      while (!pull.awaitCompletion(200, TimeUnit.MILLISECONDS)) {
        if (System.nanoTime() - lastSign.get() > PULL_IDLE_TIMEOUT.toNanos()) {
          throw notPullable(image, "no answer from the registry within " + PULL_IDLE_TIMEOUT.toSeconds() + " s", null);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw notPullable(image, "interrupted", e);
    } catch (DockerException e) {
      throw notPullable(image, engineMessage(e), e);
    } catch (BackendException e) {
      throw e;
    } catch (RuntimeException e) {
      if (e.getClass().getName().startsWith("com.github.dockerjava")) {
        throw notPullable(image, String.valueOf(e.getMessage()).strip(), e);
      }
      throw EngineUnreachable.ifConnectionFailure(engine.host(), e);
    } finally {
      closeQuietly(pull);
    }
    if (!present(image)) {
      throw notPullable(image, "the pull ended without the image", null);
    }
  }

  static BackendException notPullable(String image, String why, Throwable cause) {
    return new BackendException("image '" + image + "' is not present locally and cannot be pulled: " + why,
        HINT.replace("IMAGE", image), false, cause);
  }

  /** The engine's {@code {"message": ...}} body of an HTTP error, else the exception's message. */
  static String engineMessage(DockerException e) {
    String text = String.valueOf(e.getMessage()).strip();
    int body = text.indexOf('{');
    if (body >= 0) {
      try {
        JsonNode message = new ObjectMapper().readTree(text.substring(body)).get("message");
        if (message != null && message.isTextual()) {
          return message.asText().strip();
        }
      } catch (IOException notJson) {
        // fall through to the raw text
      }
    }
    return text;
  }

  private static void closeQuietly(PullImageResultCallback callback) {
    try {
      callback.close();
    } catch (IOException ignored) {
      // the stream is abandoned either way
    }
  }
}
