package dev.stack.docker;

import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.stack.core.spi.BackendException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Consumer;

/**
 * Builds images from a context folder through the engine, tagged by content
 * ({@code name:<12 hex of the inputs' SHA-256>}), so the same inputs are built once. Progress goes
 * to a line consumer: the context's size, then the engine's steps ({@code Step 2/3 : COPY ...})
 * and the output of {@code RUN} steps.
 */
public final class ImageBuilder {

  private static final Pattern FROM_STEP = Pattern.compile("Step \\d+/\\d+ : FROM (\\S+).*", Pattern.CASE_INSENSITIVE);

  private final DockerEngine engine;
  private final LocalImages images;

  /** A builder on {@code engine}. */
  public ImageBuilder(DockerEngine engine) {
    this.engine = engine;
    this.images = new LocalImages(engine);
  }

  /** The tag {@link #build} gives the image of {@code request}: {@code name:<12 hex>}. */
  public static String tagFor(ImageBuildRequest request) {
    return request.name() + ":" + BuildContextDigest.of(request).tag();
  }

  /**
   * Builds the image unless one with the same content tag exists.
   *
   * @return the image's name and content tag
   * @throws BackendException when the engine does not answer or the build fails (not retryable:
   *     the Dockerfile or the context must change)
   */
  public String build(ImageBuildRequest request, Consumer<String> progress) throws BackendException {
    if (!Files.isRegularFile(request.dockerfile())) {
      throw new BackendException("no Dockerfile at " + request.dockerfile(),
          "add one, or name the file to build from", false, null);
    }
    BuildContextDigest digest = BuildContextDigest.of(request);
    String image = request.name() + ":" + digest.tag();
    if (images.present(image)) {
      progress.accept("image " + image + " is up to date");
      return image;
    }
    progress.accept("building " + image + ": context of " + digest.files() + " files, "
        + humanBytes(digest.bytes()));
    BuildImageCmd cmd = engine.streaming().buildImageCmd()
        .withBaseDirectory(request.context().toFile())
        .withDockerfile(request.dockerfile().toFile())
        .withTags(Set.of(image))
        .withLabels(request.labels())
        // no forced pull of newer bases; a missing base is fetched once by the engine, and if that
        // fails it is reported as the missing-image error below
        .withPull(false)
        .withForcerm(true); // no intermediate containers left behind, even by a failed step
    request.args().forEach(cmd::withBuildArg);
    ProgressCallback callback = new ProgressCallback(progress);
    try {
      cmd.exec(callback).awaitImageId();
    } catch (DockerClientException e) {
      Matcher from = FROM_STEP.matcher(callback.lastStep);
      if (from.matches()) {
        // the engine could not get the base image: the same error as for a service's image
        throw LocalImages.notPullable(from.group(1), stripped(e.getMessage()), e);
      }
      // the engine's own error line, as `docker build` would print it
      throw new BackendException("building image '" + image + "' failed: " + stripped(e.getMessage()),
          "fix " + request.context().relativize(request.dockerfile()) + " or the context, then build again", false, e);
    } catch (DockerException e) {
      throw new BackendException("building image '" + image + "' failed: " + stripped(e.getMessage()),
          null, false, e);
    } catch (RuntimeException e) {
      throw EngineUnreachable.ifConnectionFailure(engine.host(), e);
    }
    progress.accept("built " + image);
    return image;
  }

  private static String stripped(String message) {
    String m = String.valueOf(message).strip();
    return m.startsWith("Could not build image: ") ? m.substring("Could not build image: ".length()) : m;
  }

  static String humanBytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }

  /** Passes the engine's build output on line by line, without its bookkeeping lines. */
  private static final class ProgressCallback extends BuildImageResultCallback {
    private final Consumer<String> progress;
    private volatile String lastStep = "";

    ProgressCallback(Consumer<String> progress) {
      this.progress = progress;
    }

    @Override
    public void onNext(BuildResponseItem item) {
      if (item.getStream() != null) {
        item.getStream().lines().map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("--->")
                && !line.startsWith("Removing intermediate container")
                && !line.startsWith("Successfully"))
            .forEach(line -> {
              if (line.startsWith("Step ")) {
                lastStep = line;
              }
              progress.accept(line);
            });
      }
      super.onNext(item);
    }
  }
}
