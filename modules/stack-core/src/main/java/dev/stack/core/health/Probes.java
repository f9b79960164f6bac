package dev.stack.core.health;

import java.net.ConnectException;
import java.net.SocketTimeoutException;

/** Short, user-readable reasons for probe failures. */
final class Probes {

  private Probes() {}

  static String reason(Exception e) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof SocketTimeoutException) {
      return "timed out";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
