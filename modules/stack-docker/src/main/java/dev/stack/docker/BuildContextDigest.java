package dev.stack.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The content hash of a build: every file of the context (path, kind, bytes), the Dockerfile, the
 * build arguments and labels. Equal inputs give an equal image tag, so an unchanged service is not
 * rebuilt. Files a {@code .dockerignore} leaves out still count: at worst they cause a rebuild.
 *
 * @param sha256 the hex SHA-256 of all inputs
 * @param files how many files the context holds
 * @param bytes how many bytes they hold
 */
public record BuildContextDigest(String sha256, int files, long bytes) {

  /** Hashes the inputs of {@code request}. */
  public static BuildContextDigest of(ImageBuildRequest request) {
    MessageDigest sha = newSha256();
    long bytes = 0;
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(request.context())) {
      paths = walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the build context " + request.context(), e);
    }
    try {
      for (Path path : paths) {
        String relative = request.context().relativize(path).toString().replace('\\', '/');
        field(sha, "file", relative);
        if (Files.isSymbolicLink(path)) {
          field(sha, "link", Files.readSymbolicLink(path).toString());
          continue;
        }
        try (InputStream in = Files.newInputStream(path)) {
          byte[] buffer = new byte[65536];
          for (int n; (n = in.read(buffer)) > 0; ) {
            sha.update(buffer, 0, n);
            bytes += n;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the build context " + request.context(), e);
    }
    field(sha, "dockerfile", request.context().relativize(request.dockerfile()).toString());
    putAll(sha, "arg", request.args());
    putAll(sha, "label", request.labels());
    return new BuildContextDigest(HexFormat.of().formatHex(sha.digest()), paths.size(), bytes);
  }

  /** The first 12 hex digits: the tag of the image. */
  public String tag() {
    return sha256.substring(0, 12);
  }

  private static void putAll(MessageDigest sha, String kind, Map<String, String> entries) {
    entries.forEach((k, v) -> { // sorted by the request
      field(sha, kind, k);
      field(sha, "=", v);
    });
  }

  // NUL-separated so that ("ab","c") and ("a","bc") never hash alike
  private static void field(MessageDigest sha, String kind, String value) {
    sha.update((kind + "\0" + value + "\0").getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
