package io.procsweep.platform.fs;

import io.procsweep.platform.Os;
import java.util.Locale;

/**
 * The flag and errno values that differ between Linux (x86_64, aarch64) and macOS. From
 * the kernel's and Apple's headers: asm-generic/fcntl.h (aarch64), arch/x86 uses the generic
 * values except O_DIRECTORY/O_NOFOLLOW; sys/fcntl.h and sys/errno.h on macOS.
 */
record PosixFlags(
    boolean linux,
    int oDirectory,
    int oNofollow,
    int oCloexec,
    int oNonblock,
    int oCreat,
    int oExcl,
    int oAppend,
    int oNoctty,
    int atFdcwd,
    int atSymlinkNofollow,
    int atRemovedir,
    int eloop,
    int enxio) {

  static final int O_RDONLY = 0;
  static final int O_WRONLY = 1;
  static final int ENOENT = 2;
  static final int EACCES = 13;
  static final int EPERM = 1;
  static final int EEXIST = 17;
  static final int ENOTDIR = 20;
  static final int EISDIR = 21;

  /** Linux-only: statx on the fd itself. */
  static final int AT_EMPTY_PATH = 0x1000;
  /** STATX_BASIC_STATS. */
  static final int STATX_BASIC_STATS = 0x7ff;

  static PosixFlags current() {
    if (Os.current() == Os.MACOS) {
      return mac();
    }
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return arch.equals("aarch64") || arch.equals("arm64") ? linuxArm64() : linuxX8664();
  }

  static PosixFlags linuxX8664() {
    return new PosixFlags(true, 0200000, 0400000, 02000000, 04000, 0100, 0200, 02000, 0400,
        -100, 0x100, 0x200, 40, 6);
  }

  /** asm-generic values: O_DIRECTORY and O_NOFOLLOW differ from x86_64. */
  static PosixFlags linuxArm64() {
    return new PosixFlags(true, 040000, 0100000, 02000000, 04000, 0100, 0200, 02000, 0400,
        -100, 0x100, 0x200, 40, 6);
  }

  static PosixFlags mac() {
    return new PosixFlags(false, 0x100000, 0x100, 0x1000000, 0x4, 0x200, 0x800, 0x8, 0x20000,
        -2, 0x20, 0x80, 62, 6);
  }
}
