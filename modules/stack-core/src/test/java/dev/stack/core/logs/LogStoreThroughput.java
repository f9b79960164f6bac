package dev.stack.core.logs;

import dev.stack.core.spi.InstanceId;
import dev.stack.core.spi.LogSink.Stream;
import dev.stack.model.ByteSize;
import dev.stack.model.LogSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import com.sun.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Not a test: measures the write path (2 GB of 41-byte lines, split from 64 KiB chunks as a
 * backend reader does, one read time per chunk), {@code tail -n 100} over 2 GB of stored logs, and
 * plain {@code yes} into a file on the same disk for comparison. Run it from the module folder:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:../stack-model/target/classes \
 *     dev.stack.core.logs.LogStoreThroughput [folder [MiB]]
 * </pre>
 */
public final class LogStoreThroughput {

  private static long TOTAL = 2L << 30;
  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final String LINE = "0123456789012345678901234567890123456789";

  private LogStoreThroughput() {}

  public static void main(String[] args) throws Exception {
    TOTAL = args.length > 1 ? Long.parseLong(args[1]) << 20 : TOTAL;
    Path dir = args.length > 0 ? Files.createDirectories(Path.of(args[0])) : Files.createTempDirectory("logstore-bench");
    try {
      // the machine is shared and the disk writes back behind us: interleave, and sync in between
      for (int rep = 1; rep <= 2; rep++) {
        shell(dir, "yes " + LINE + " | head -c " + TOTAL + " > yes.out", "yes LINE | head -c 2G > file");
        deleteTree(dir.resolve("bench"));
        write(dir, false);
      }
      shell(dir, "yes | head -c " + TOTAL + " > yes.out", "yes | head -c 2G > file");
      deleteTree(dir.resolve("bench"));
      write(dir, true);
      Files.deleteIfExists(dir.resolve("yes.out"));
      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        long n;
        try (var records = new LogReader(dir).read(LogQuery.all("bench").tail(100))) {
          n = records.count();
        }
        System.out.printf("tail 100 over %.2f GB in 2 files: %d records in %.1f ms%n",
            size(dir.resolve("bench")) / 1e9, n, (System.nanoTime() - t0) / 1e6);
      }
    } finally {
      deleteTree(dir.resolve("bench"));
      Files.deleteIfExists(dir.resolve("yes.out"));
    }
  }

  private static void write(Path dir, boolean timePerLine) throws Exception {
    byte[] line = (LINE + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] chunk = new byte[64 * 1024 / line.length * line.length];
    for (int i = 0; i < chunk.length; i += line.length) {
      System.arraycopy(line, 0, chunk, i, line.length);
    }
    InstanceId id = new InstanceId("bench", "yes", 1);
    long written = 0;
    sync(dir);
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    long alloc0 = THREADS.getCurrentThreadAllocatedBytes();
    long t0 = System.nanoTime();
    try (LogStore store = new LogStore(dir)) {
      store.configure(id, new LogSpec(ByteSize.ofMegabytes(1200), 1));
      while (written < TOTAL) {
        Instant now = Instant.now();
        int start = 0;
        for (int i = 0; i < chunk.length; i++) {
          if (chunk[i] == '\n') {
            store.line(id, Stream.OUT, timePerLine ? Instant.now() : now, chunk, start, i - start, false);
            start = i + 1;
          }
        }
        written += chunk.length;
      }
      store.flush(id);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    double cpu = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
    long allocated = THREADS.getCurrentThreadAllocatedBytes() - alloc0;
    long stored = size(dir.resolve("bench"));
    System.out.printf("LogStore, %s: %.0f MB/s of payload (%d MB in %.2f s, writer thread CPU %.2f s;"
            + " headers add %.2f%% bytes; %.4f bytes allocated per line)%n",
        timePerLine ? "Instant.now() per line" : "one time per 64 KiB chunk",
        written / secs / 1e6, written / 1_000_000, secs, cpu, 100.0 * (stored - written) / written,
        (double) allocated / (written / line.length));
  }

  private static void shell(Path dir, String command, String label) throws Exception {
    sync(dir);
    long t0 = System.nanoTime();
    // dash's times: the second line is the CPU time of the pipeline (user, system)
    Process p = new ProcessBuilder("sh", "-c", command + "; times").directory(dir.toFile())
        .redirectErrorStream(true).start();
    List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(command + " failed: " + out);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf("%s: %.0f MB/s (%.2f s; CPU user/sys of the pipeline %s)%n", label, TOTAL / secs / 1e6, secs,
        out.isEmpty() ? "?" : out.get(out.size() - 1));
  }

  private static void sync(Path dir) throws Exception {
    new ProcessBuilder("sync").directory(dir.toFile()).inheritIO().start().waitFor();
  }

  private static long size(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
