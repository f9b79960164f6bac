package dev.stack.agent.daemon;

import java.util.Map;

/**
 * Sends event lines to the CLI before a request's result. Thread-safe; once the handler has
 * returned, emitting throws {@link IllegalStateException}.
 */
@FunctionalInterface
public interface EventSink {

  /**
   * Sends {@code {"event": type, ...fields}}.
   *
   * @throws java.io.UncheckedIOException if the CLI went away (Ctrl-C on {@code logs -f}): let it
   *     propagate, the server ends the request quietly
   */
  void emit(String type, Map<String, ?> fields);
}
