package io.procsweep.platform.fs;

import io.procsweep.platform.Os;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An open directory. Every operation names an entry relative to this handle, one component at
 * a time, and never follows a symlink: once the handle is open, renaming or replacing any
 * directory above it, or swapping a name on the path for a symlink, cannot redirect it.
 *
 * <p>Linux and macOS: a file descriptor ({@code openat}/{@code fstatat}/{@code unlinkat} through
 * JNA libc). Windows: a best-effort Java NIO fallback on the path with {@code NOFOLLOW_LINKS};
 * it checks for symlinks but cannot close the race between a check and the operation, and it
 * has no inode numbers ({@link FileId#known()} is false).
 *
 * <p>Names are single path components: no {@code /}, not empty, not {@code .} or {@code ..}.
 */
public sealed interface DirHandle extends AutoCloseable permits PosixDir, NioDir {

  /**
   * Opens an absolute directory path from {@code /}, one component at a time with
   * O_DIRECTORY|O_NOFOLLOW, so a symlink anywhere on the path fails with {@link
   * FsException.Reason#SYMLINK} ({@code <component>: symlink, not followed}).
   *
   * @throws IllegalArgumentException when the path is not absolute
   */
  static DirHandle open(Path absolute) throws IOException {
    if (!absolute.isAbsolute()) {
      throw new IllegalArgumentException("not an absolute path: " + absolute);
    }
    Path path = absolute.normalize();
    if (Os.current() == Os.WINDOWS) {
      return NioDir.open(path);
    }
    return PosixDir.open(path);
  }

  /** The path this handle was opened by (for messages; the handle does not re-resolve it). */
  Path path();

  /** This directory's own stat (dev and inode identify it). */
  FileStat stat() throws IOException;

  /** An entry's stat, not following a symlink (fstatat with AT_SYMLINK_NOFOLLOW). */
  FileStat stat(String name) throws IOException;

  /** The entry names, without {@code .} and {@code ..}, sorted. */
  List<String> list() throws IOException;

  /** Opens a subdirectory; a symlink fails with {@link FsException.Reason#SYMLINK}. */
  DirHandle openDir(String name) throws IOException;

  /**
   * Opens an entry for reading with O_RDONLY|O_NOFOLLOW|O_NONBLOCK: a symlink fails, and a FIFO
   * opens at once instead of waiting for a writer. Check {@link OpenFile#stat()} for the type
   * before reading.
   */
  OpenFile openRead(String name) throws IOException;

  /**
   * Creates a new file with O_CREAT|O_EXCL|O_NOFOLLOW|O_WRONLY; fails with {@link
   * FsException.Reason#EXISTS} if the name exists (a symlink included). The umask applies to
   * {@code mode}.
   */
  OpenFile createExclusive(String name, int mode) throws IOException;

  /**
   * Opens an existing regular file for appending with O_NOFOLLOW|O_NONBLOCK. A FIFO, device,
   * socket or directory fails with {@link FsException.Reason#NOT_REGULAR} (a FIFO never
   * blocks: with no reader the open fails at once, with one the type check does).
   */
  OpenFile openAppend(String name) throws IOException;

  /**
   * {@link #openAppend}, creating the file first (with {@code mode}, then an fsync of this
   * directory, so the new name survives a crash) when it does not exist. Created, closed and
   * opened again: {@link #createExclusive} does not set O_APPEND, which keeps concurrent
   * writers' lines whole. A file created meanwhile by another writer is simply opened; a symlink
   * that appeared is refused by the second open.
   */
  default OpenFile openOrCreateAppend(String name, int mode) throws IOException {
    try {
      return openAppend(name);
    } catch (FsException e) {
      if (e.reason() != FsException.Reason.NOT_FOUND) {
        throw e;
      }
    }
    try {
      createExclusive(name, mode).close();
      fsync();
    } catch (FsException e) {
      if (e.reason() != FsException.Reason.EXISTS) {
        throw e;
      }
    }
    return openAppend(name);
  }

  /** mkdirat; the umask applies to {@code mode} (e.g. {@code 0755}, {@code 0700}). */
  void mkdir(String name, int mode) throws IOException;

  /** renameat within this directory (replaces {@code to} if it exists). */
  void rename(String from, String to) throws IOException;

  /**
   * Removes an entry if it still is the file {@code expected} names: the entry is stat-ed
   * without following symlinks right before unlinkat on this handle, and a different dev or
   * inode fails with {@link FsException.Reason#CHANGED}. Directories are never removed.
   */
  void unlink(String name, FileId expected) throws IOException;

  /** Flushes this directory (after a create or rename, so the new name survives a crash). */
  void fsync() throws IOException;

  /** Closes the handle; never throws. */
  @Override
  void close();
}
