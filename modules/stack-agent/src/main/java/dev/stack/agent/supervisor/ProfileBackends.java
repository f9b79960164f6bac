package dev.stack.agent.supervisor;

import dev.stack.core.spi.Backend;
import dev.stack.model.Service;
import dev.stack.model.Stack;
import dev.stack.model.StackFileException;
import dev.stack.model.load.ProfileCatalog;
import dev.stack.model.load.StackLoader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backends a stack file's profiles run services on: where {@code down} looks for what the
 * stack may have left there without an instance (its named volumes after an earlier {@code down}
 * or a switch of profile). Derived from the file each time, so the agent keeps no record of the
 * backends a stack has left, and a restart of the agent loses nothing.
 */
final class ProfileBackends {

  private static final Logger LOG = LoggerFactory.getLogger(ProfileBackends.class);

  private ProfileBackends() {}

  /**
   * The first line of the first problem, and how many more: a native stack's prod profile (no
   * images) fails on every service, and each {@code down} logged all of them (two lines each).
   */
  static String firstOf(StackFileException e) {
    String first = e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).format();
    int nl = first.indexOf('\n');
    String line = nl < 0 ? first : first.substring(0, nl);
    int more = e.problems().size() - 1;
    return more > 0 ? line + " (and " + more + " more)" : line;
  }

  /**
   * The stack of {@code request} for a {@code down} of a stack the agent does not run, for its
   * name and profiles: with the request's profile, or when it has none (the user gave no
   * {@code --profile}), with the first built-in profile that loads (a stack run only as prod, with
   * services that have an image and no command, does not load as dev).
   *
   * @throws StackFileException the first profile's problems, when none loads
   */
  static StackLoader.Loaded load(StackRequest request) {
    List<String> profiles = request.profile() != null ? List.of(request.profile()) : ProfileCatalog.BUILT_IN;
    StackFileException first = null;
    for (String profile : profiles) {
      try {
        return Supervisor.load(request.withProfile(profile));
      } catch (StackFileException e) {
        first = first == null ? e : first;
      }
    }
    throw first;
  }

  /** As {@link #of(StackLoader.Loaded, StackRequest, Function)}; none when the file does not load now. */
  static List<Backend> of(StackRequest request, Function<String, Backend> backends) {
    try {
      return of(Supervisor.load(request), request, backends);
    } catch (StackFileException e) {
      LOG.info("{} does not load, its profiles' backends are not looked at: {}", request.file(), firstOf(e));
      return List.of();
    }
  }

  /**
   * The backends of every profile of the stack {@code loaded} with {@code request}: each profile's
   * default and any service's own, in profile order, those this build has. A profile that does not
   * load now is left out: what it would use cannot be known.
   */
  static List<Backend> of(StackLoader.Loaded loaded, StackRequest request, Function<String, Backend> backends) {
    Set<String> names = new LinkedHashSet<>(backendsOf(loaded.stack()));
    for (String profile : loaded.profiles()) {
      if (profile.equals(loaded.profile().name())) {
        continue;
      }
      try {
        names.addAll(backendsOf(Supervisor.load(request.withProfile(profile)).stack()));
      } catch (StackFileException e) {
        LOG.info("profile {} of {} does not load, its backends are not looked at: {}", profile, request.file(),
            firstOf(e));
      }
    }
    List<Backend> out = new ArrayList<>();
    for (String name : names) {
      try {
        out.add(backends.apply(name));
      } catch (IllegalArgumentException notInThisBuild) {
        LOG.info("{}", notInThisBuild.getMessage());
      }
    }
    return out;
  }

  private static Set<String> backendsOf(Stack stack) {
    Set<String> out = new LinkedHashSet<>();
    out.add(stack.backend());
    for (Service s : stack.services().values()) {
      out.add(s.backend());
    }
    return out;
  }
}
