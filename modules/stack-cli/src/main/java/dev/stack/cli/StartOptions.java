package dev.stack.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code up} and {@code run} share: which services, and how long to wait for them. */
final class StartOptions {

  @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (and their dependencies).")
  List<String> services = new ArrayList<>();

  /** How long {@code up} (and {@code start}, {@code restart}) wait by default. */
  static final String DEFAULT_WAIT = "60s";

  @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = DEFAULT_WAIT,
      description = "How long to wait for the services to be ready (default: ${DEFAULT-VALUE}).")
  String waitTimeout = DEFAULT_WAIT;

  Duration waitTimeout() {
    return Durations.parse("--wait-timeout", waitTimeout);
  }
}
