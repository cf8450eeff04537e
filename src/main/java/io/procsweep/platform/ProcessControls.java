package io.procsweep.platform;

import java.util.Locale;

/** The one place a {@link ProcessControl} is picked for the running OS. */
public final class ProcessControls {
  private ProcessControls() {}

  /**
   * The implementation for this OS. Cheap: nothing native is loaded until the first call that
   * needs it.
   *
   * @throws UnsupportedOperationException on an OS procsweep cannot signal safely
   */
  public static ProcessControl forCurrentOs() {
    return forOsName(System.getProperty("os.name", ""));
  }

  static ProcessControl forOsName(String osName) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("linux")) {
      return new LinuxProcessControl();
    }
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return new MacProcessControl();
    }
    if (os.startsWith("windows")) {
      return new WindowsProcessControl();
    }
    // The BSDs and others would need their own identity read (and CHLD numbers): refusing is
    // better than signalling with a check that was never tested there.
    throw new UnsupportedOperationException("no process control for " + osName);
  }
}
