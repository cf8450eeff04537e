package io.procsweep.platform.fs;

import java.util.Objects;

/**
 * What fstat/fstatat said about one file (never following a symlink).
 *
 * @param dev device id (0 when unknown: Windows)
 * @param ino inode number (0 when unknown: Windows)
 * @param type what kind of file it is
 * @param uid owner uid; -1 where the file system has none (Windows)
 * @param size size in bytes
 * @param mtimeMs last modification, epoch milliseconds
 */
public record FileStat(long dev, long ino, FileType type, int uid, long size, long mtimeMs) {

  /** An unknown owner (Windows). */
  public static final int NO_UID = -1;

  public FileStat {
    Objects.requireNonNull(type, "type");
  }

  public FileId id() {
    return new FileId(dev, ino);
  }
}
