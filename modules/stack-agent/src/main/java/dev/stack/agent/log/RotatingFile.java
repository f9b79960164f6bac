package dev.stack.agent.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file appended to in whole writes, moved to {@code name.1} when the next write would take it
 * past its size (the older ones moving up to {@code name.KEEP}, the oldest dropped). Not
 * thread-safe: {@link AgentLog} calls it under its lock.
 */
final class RotatingFile {

  private final Path path;
  private final long maxBytes;
  private final int keep;
  private FileChannel channel;
  private long size;
  private boolean failed;

  RotatingFile(Path path, long maxBytes, int keep) throws IOException {
    this.path = path;
    this.maxBytes = maxBytes;
    this.keep = keep;
    this.channel = append(path);
    this.size = channel.size();
  }

  void write(byte[] bytes) {
    try {
      if (size > 0 && size + bytes.length > maxBytes) {
        rotate();
      }
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        size += channel.write(buf);
      }
      failed = false;
    } catch (IOException e) {
      if (!failed) {
        // once per run of failures, to the agent's stderr (agent.out): the log itself cannot say it
        System.err.println("warning: cannot write " + path + ": " + e.getMessage());
        failed = true;
      }
    }
  }

  private void rotate() throws IOException {
    channel.close();
    for (int i = keep - 1; i >= 1; i--) {
      Path older = numbered(i);
      if (Files.exists(older)) {
        Files.move(older, numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(path, numbered(1), StandardCopyOption.REPLACE_EXISTING);
    channel = append(path);
    size = 0;
  }

  private Path numbered(int i) {
    return path.resolveSibling(path.getFileName() + "." + i);
  }

  void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to tell it to
    }
  }

  private static FileChannel append(Path path) throws IOException {
    return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
  }
}
