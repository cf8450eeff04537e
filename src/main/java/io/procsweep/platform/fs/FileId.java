package io.procsweep.platform.fs;

/**
 * Which file an entry is: device and inode. Two reads with the same id saw the same file; a
 * name whose id changed now names another file (swapped, or deleted and re-created).
 *
 * <p>On Windows the NIO fallback has no inode: both are 0 there ({@link #known()} false), and
 * identity checks degrade to "same name".
 */
public record FileId(long dev, long ino) {

  /** False on the Windows fallback, where no device/inode pair is available. */
  public boolean known() {
    return dev != 0 || ino != 0;
  }
}
