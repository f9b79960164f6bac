package dev.stack.core.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The full buffers one {@link InstanceLog} has handed to the store's {@link LogWriter} thread, oldest
 * first, and the written ones kept for its next hand-offs. Guarded by the log's lock: every method
 * but {@link #writeOldest} is called with it held, and the writer thread takes it only to pick a
 * buffer up and to give it back, not while it writes. A failed write is kept for the log's next
 * caller that hands off or writes.
 */
final class HandOffQueue {

  /**
   * The buffers of an instance that fills them: a hand-off of 256 KiB costs the reader and the
   * writer thread about a quarter as many wake-ups per byte as one of 64 KiB (a service writing
   * `yes` lines was stored at ~600 MB/s rather than ~480 here, which is as fast as `yes > file`).
   */
  static final int BUSY_BUFFER_SIZE = 256 * 1024;
  /**
   * The writer thread writes a busy buffer in slices of this size, one write(2) each. The copy into
   * the page cache is what bounds a busy service's throughput (the writer thread spends ~80% of its
   * time in it), and on this host it went faster in 32-64 KiB writes than in 256 KiB ones, both
   * from the agent (yes-style service, A/B alternating: median ~420 vs ~380 MB/s) and from a plain
   * program writing a file (at most 622 vs 429 MB/s).
   */
  static final int WRITE_SLICE = 64 * 1024;
  /** Full buffers handed to the writer thread and not written yet, at most. */
  static final int MAX_IN_FLIGHT = 4;

  private final InstanceLog log;
  private final ReentrantLock lock;
  private final Condition written;
  /** Full buffers for the writer thread, oldest first, all for {@link #inFlightChannel}. */
  private final ArrayDeque<ByteBuffer> inFlight = new ArrayDeque<>(MAX_IN_FLIGHT);
  private FileChannel inFlightChannel;
  /** Buffers the writer thread has written, for the next hand-offs; dropped when quiet. */
  private final ArrayDeque<ByteBuffer> spares = new ArrayDeque<>(MAX_IN_FLIGHT);
  private IOException writeFailed;

  /** The queue of {@code log}, guarded by its {@code lock}. */
  HandOffQueue(InstanceLog log, ReentrantLock lock) {
    this.log = log;
    this.lock = lock;
    this.written = lock.newCondition();
  }

  /**
   * Under the lock: queues a full buffer for the writer thread, up to its last line end (a reader
   * of the file sees whole lines; a buffer without a line end goes whole), and returns the next
   * one to fill, holding the line begun, so that reading the service's output and writing the
   * file overlap. The caller then submits this queue to the writer thread, which writes the
   * buffers in the order handed off; a hand-off with {@link #MAX_IN_FLIGHT} buffers in hand waits
   * for the oldest, which bounds the memory.
   */
  ByteBuffer handOff(ByteBuffer buffer, FileChannel channel) throws IOException {
    awaitInFlightAtMost(MAX_IN_FLIGHT - 1);
    rethrowWriteFailure();
    int pos = buffer.position();
    int last = pos - 1;
    while (last >= 0 && buffer.get(last) != LogFormat.NL) {
      last--;
    }
    int cut = last < 0 ? pos : last + 1;
    ByteBuffer next = spares.isEmpty() ? ByteBuffer.allocateDirect(BUSY_BUFFER_SIZE) : spares.pop();
    buffer.flip();
    next.put(buffer.duplicate().position(cut)); // the line begun goes on in the next buffer
    inFlight.addLast(buffer.limit(cut));
    inFlightChannel = channel;
    return next;
  }

  /** On the writer thread: writes the oldest buffer handed off, without the lock (the next one fills meanwhile). */
  void writeOldest() {
    ByteBuffer b;
    FileChannel ch;
    lock.lock();
    try {
      b = inFlight.peekFirst();
      ch = inFlightChannel;
    } finally {
      lock.unlock();
    }
    IOException failed = null;
    try {
      int end = b.limit();
      while (b.position() < end) {
        b.limit(Math.min(end, b.position() + WRITE_SLICE));
        while (b.hasRemaining()) {
          ch.write(b);
        }
        b.limit(end);
      }
    } catch (IOException e) {
      failed = e;
    }
    lock.lock();
    try {
      if (failed != null && writeFailed == null) {
        writeFailed = failed;
      }
      inFlight.pollFirst();
      if (log.hasBuffer()) { // a discarded log keeps no buffers
        spares.push(b.clear());
      }
      if (inFlight.isEmpty()) {
        inFlightChannel = null;
      }
      written.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Under the lock: waits until the writer thread has written all it has in hand; its failure is this caller's. */
  void awaitWritten() throws IOException {
    awaitInFlightAtMost(0);
    rethrowWriteFailure();
  }

  /** Under the lock: drops the written buffers kept for hand-offs (a quiet instance needs none). */
  void dropSpares() {
    spares.clear();
  }

  /**
   * Under the lock, before the log closes its channel: waits until the writer thread is done with
   * it, forgets its failure and drops the spares.
   */
  void discard() {
    awaitInFlightAtMost(0); // the writer thread is done with the channel before it closes
    writeFailed = null;
    spares.clear();
  }

  /** Under the lock: waits until the writer thread has at most {@code n} buffers of ours in hand. */
  private void awaitInFlightAtMost(int n) {
    while (inFlight.size() > n) {
      written.awaitUninterruptibly();
    }
  }

  /** A failed write of the writer thread is thrown to the next caller that hands off or writes. */
  private void rethrowWriteFailure() throws IOException {
    IOException e = writeFailed;
    if (e != null) {
      writeFailed = null;
      throw e;
    }
  }
}
