package io.procsweep.leak;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The marker {@code procsweep run} puts in its command's environment, as {@code
 * PROCSWEEP_RUN_ID=<value>}; every descendant inherits it unless it clears its environment.
 * Like Jenkins' {@code JENKINS_NODE_COOKIE}, an empty value or an opt-out ({@code 0}, {@code
 * off}) is how a process says "not mine": it never matches.
 */
public record RunId(String value) {
  public static final String VARIABLE = "PROCSWEEP_RUN_ID";

  private static final SecureRandom RANDOM = new SecureRandom();

  public RunId {
    Objects.requireNonNull(value, "value");
    if (optOut(value)) {
      throw new IllegalArgumentException("a run id must not be empty, 0 or off");
    }
  }

  /** A fresh id: 128 random bits, so no other run's descendants can carry it. */
  public static RunId random() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return new RunId(HexFormat.of().formatHex(b));
  }

  /** Whether a process whose environment holds {@code envValue} is marked by this run. */
  public boolean marks(String envValue) {
    return envValue != null && !optOut(envValue) && value.equals(envValue);
  }

  static boolean optOut(String v) {
    String t = v.trim().toLowerCase(Locale.ROOT);
    return t.isEmpty() || t.equals("0") || t.equals("off");
  }
}
