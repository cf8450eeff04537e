package io.procsweep.rules;

/** "(did you mean 'state'?)": the nearest valid name, when one is near enough to be a typo. */
public final class Suggestions {
  private Suggestions() {}

  /** " (did you mean 'x'?)" for the nearest candidate, or "" when none is near. */
  public static String didYouMean(String input, Iterable<String> candidates) {
    String best = nearest(input, candidates);
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  /**
   * The candidate with the smallest edit distance, if that distance is at most 2 or at most a
   * third of the input's length, and smaller than the input itself (two letters that share
   * nothing with a candidate are not a typo of it). Ties go to the earlier candidate.
   */
  static String nearest(String input, Iterable<String> candidates) {
    String lower = input.toLowerCase(java.util.Locale.ROOT);
    int limit = Math.max(2, input.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      if (c.equals(input)) {
        continue;
      }
      int d = distance(lower, c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    if (best == null || bestDistance > limit || bestDistance >= input.length()) {
      return null;
    }
    return best;
  }

  /** Damerau-Levenshtein distance (optimal string alignment: a swap of neighbours costs 1). */
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
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
