package dev.stack.agent.daemon;

import dev.stack.core.json.Json;
import dev.stack.core.json.JsonException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON document on disk, replaced atomically: written to a temporary file beside it, forced to
 * disk, renamed over the old one, and the folder forced too. A reader, or an agent that crashed
 * mid-write, sees the old document or the new one, never a mix. Files are mode 0600.
 *
 * @param path the document's file
 */
public record StateFile(Path path) {

  /** The document, or empty if the file does not exist. */
  public Optional<Map<String, Object>> read() throws IOException {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.parseObject(text));
    } catch (JsonException e) {
      throw new IOException(path + ": not a JSON state document: " + e.getMessage(), e);
    }
  }

  /** Replaces the document atomically and durably. */
  public void write(Map<String, ?> document) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + path.getFileName() + ".", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      byte[] bytes = (Json.writePretty(document) + "\n").getBytes(StandardCharsets.UTF_8);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException(path + ": the file system cannot replace files atomically", e);
      }
      forceFolder(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Makes the rename durable; some file systems cannot open a folder, which then stays as is. */
  private static void forceFolder(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException notSupported) {
      // the data itself is on disk; only the rename might be lost on power failure
    }
  }
}
