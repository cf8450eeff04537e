package io.procsweep.platform;

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
    switch (Os.of(osName)) {
      case LINUX:
        return new LinuxProcessControl();
      case MACOS:
        return new MacProcessControl();
      case WINDOWS:
        return new WindowsProcessControl();
      default:
        break;
    }
    // The BSDs and others would need their own identity read (and CHLD numbers): refusing is
    // better than signalling with a check that was never tested there.
    throw new UnsupportedOperationException("no process control for " + osName);
  }
}
