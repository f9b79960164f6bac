package dev.stack.agent.supervisor;

import java.util.List;
import java.util.Map;

/**
 * How a stack was loaded at its last {@code up}: enough to load it again after an agent restart.
 * The environment is the caller's (native services inherit it); it is persisted in the agent's
 * private state folder (mode 0700), never printed.
 *
 * @param file the stack file, absolute
 * @param source how errors name it
 * @param profile the profile
 * @param sets {@code --set} arguments
 * @param env the caller's environment
 */
record StackRequest(String file, String source, String profile, List<String> sets, Map<String, String> env) {

  StackRequest {
    sets = List.copyOf(sets);
    env = Map.copyOf(env);
  }

  /** The same request for another profile. */
  StackRequest withProfile(String other) {
    return new StackRequest(file, source, other, sets, env);
  }

  @Override
  public String toString() {
    return "StackRequest[" + file + ", profile=" + profile + "]";
  }
}
