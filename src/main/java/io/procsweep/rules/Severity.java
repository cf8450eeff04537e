package io.procsweep.rules;

import java.util.Locale;

/** Finding severity, ordered; {@link #label()} is the spelling in YAML and JSON. */
public enum Severity {
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  /** Parses a label; null when it is not one. */
  public static Severity fromLabel(String label) {
    for (Severity s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    return null;
  }
}
