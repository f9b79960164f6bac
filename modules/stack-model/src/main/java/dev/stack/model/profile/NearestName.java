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

  /** Levenshtein distance, counting a swap of two neighbours as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
