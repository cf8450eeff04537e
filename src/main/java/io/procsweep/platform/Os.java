package io.procsweep.platform;

import java.util.Locale;

/** The operating system families procsweep tells apart; the one place {@code os.name} is read. */
public enum Os {
  LINUX("linux"),
  MACOS("macos"),
  WINDOWS("windows"),
  OTHER("other");

  private final String label;

  Os(String label) {
    this.label = label;
  }

  /** {@code linux}, {@code macos}, {@code windows} or {@code other}, as plans and facts say. */
  public String label() {
    return label;
  }

  /** The OS this JVM runs on. */
  public static Os current() {
    return of(System.getProperty("os.name", ""));
  }

  /** The family of an {@code os.name} value. */
  public static Os of(String osName) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("linux")) {
      return LINUX;
    }
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return MACOS;
    }
    if (os.startsWith("windows")) {
      return WINDOWS;
    }
    return OTHER;
  }
}
