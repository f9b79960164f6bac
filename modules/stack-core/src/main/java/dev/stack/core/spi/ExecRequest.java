package dev.stack.core.spi;

import java.util.List;
import java.util.Map;

/**
 * {@code stack exec} on a backend that runs instances apart (a container): a command run inside a
 * running instance, as {@code docker compose exec} does.
 *
 * @param container the instance's container name ({@code <stack>-<service>-<n>})
 * @param argv the command
 * @param env variables added to the instance's own ({@code -e}); empty for none
 * @param workdir the folder inside, or null for the instance's
 * @param user the user inside, or null for the instance's
 * @param tty with a terminal (the caller's is in raw mode)
 * @param columns the caller's terminal width, 0 when unknown
 * @param rows the caller's terminal height, 0 when unknown
 */
public record ExecRequest(String container, List<String> argv, Map<String, String> env, String workdir, String user,
    boolean tty, int columns, int rows) {

  public ExecRequest {
    argv = List.copyOf(argv);
    env = env == null ? Map.of() : Map.copyOf(env);
  }
}
