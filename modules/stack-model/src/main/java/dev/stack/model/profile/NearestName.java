package dev.stack.model.profile;

import java.util.Collection;
import java.util.Optional;

/**
 * Finds the known name a user probably meant ({@code servces} for {@code services}), for "did you
 * mean" hints. Close means an edit distance of at most a third of the name's length (at least 1,
 * at most 3), so a short typo is caught and an unrelated word is not.
 */
public final class NearestName {

  private NearestName() {}

  /** The closest of {@code known} to {@code wrong} if it is close enough; ties go to the first. */
  public static Optional<String> among(String wrong, Collection<String> known) {
    int limit = Math.max(1, Math.min(3, wrong.length() / 3));
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(wrong.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /** {@code did you mean 'x'? } or the empty string, to prefix a hint with. */
  public static String didYouMean(String wrong, Collection<String> known) {
    return among(wrong, known).map(n -> "did you mean '" + n + "'? ").orElse("");
  }

  /**
   * The hint for a service name {@code stack} does not have, from the agent and the CLI alike:
   * {@code did you mean 'worker'? services of shop: web, worker}.
   */
  public static String servicesHint(String wrong, String stack, Collection<String> services) {
    return didYouMean(wrong, services) + "services of " + stack + ": " + String.join(", ", services);
  }

  /** Levenshtein distance, counting a swap of two neighbours as one edit. */
  static int distance(String a, String b) {
    return dev.stack.model.load.Suggestions.distance(a, b);
  }
}
