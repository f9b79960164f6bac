package dev.stack.cli;

import dev.stack.agent.client.AgentClient;
import dev.stack.agent.client.AgentException;
import dev.stack.agent.protocol.StackHome;
import java.util.Set;

/**
 * Starts the agent in the background as soon as the arguments show a command that will need it,
 * before the command does anything else ({@link FastPath} or picocli): a cold {@code stack up} then
 * waits for the longer of the two start-ups, not for both one after the other (each is about 0.3 s
 * here). The command connects later as usual; if it fails or is refused before, the agent just
 * idles, as after any command.
 */
final class EarlyAgent {

  /** The commands that start an agent when none runs. */
  private static final Set<String> STARTING = Set.of("up", "start", "restart");
  /** Options before the command that take a separate value. */
  private static final Set<String> WITH_VALUE = Set.of("-f", "--file", "--profile", "--set");
  /** Arguments after which the command does not talk to an agent. */
  private static final Set<String> NO_AGENT = Set.of("-h", "--help", "--foreground");

  /** The thread the last {@link #startFor} started, if any. */
  private static volatile Thread started;

  private EarlyAgent() {}

  /** Starts the agent in a daemon thread when {@code args} name a command that needs one. */
  static void startFor(Session session, String... args) {
    if (!needsAgent(args)) {
      return;
    }
    StackHome home = StackHome.resolve(session.env(), System.getProperty("user.home"));
    Thread starter = new Thread(() -> {
      try {
        AgentClient.startIfNone(home);
      } catch (AgentException | RuntimeException e) {
        // the command's own connection tries again and reports what went wrong
      }
    }, "agent-start");
    starter.setDaemon(true);
    starter.start();
    started = starter;
  }

  /** Waits until the start begun by the last {@link #startFor} is over (none begun: returns at once). */
  static void awaitStart() throws InterruptedException {
    Thread t = started;
    if (t != null) {
      t.join();
    }
  }

  /** Whether {@code stack args} is a command that starts an agent when none runs. */
  static boolean needsAgent(String... args) {
    if (!STARTING.contains(String.valueOf(command(args)))) {
      return false;
    }
    for (String a : args) {
      if (NO_AGENT.contains(a)) {
        return false;
      }
    }
    return true;
  }

  /** The command word: the first argument that is neither an option nor an option's value. */
  static String command(String... args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (WITH_VALUE.contains(a)) {
        i++;
      } else if (!a.startsWith("-")) {
        return a;
      }
    }
    return null;
  }
}
