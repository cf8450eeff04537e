package io.procsweep.platform.fs;

import com.sun.jna.FunctionMapper;
import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.Map;

/**
 * The libc calls behind {@link PosixDir} and {@link PosixFile}. Calls that can fail declare
 * {@link LastErrorException} so JNA captures errno right after the call. Sizes are Java longs:
 * only 64-bit (LP64) Linux and macOS are supported, where size_t, ssize_t and off_t are 64 bits.
 */
interface FsLibc extends Library {

  /** openat(2) is variadic; the mode goes through varargs so Apple arm64 passes it right. */
  int openat(int dirfd, String path, int flags, Object... mode) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  int dup(int fd) throws LastErrorException;

  long read(int fd, byte[] buf, long count) throws LastErrorException;

  long write(int fd, byte[] buf, long count) throws LastErrorException;

  int fsync(int fd) throws LastErrorException;

  int ftruncate(int fd, long length) throws LastErrorException;

  int mkdirat(int dirfd, String path, int mode) throws LastErrorException;

  int renameat(int olddirfd, String oldpath, int newdirfd, String newpath)
      throws LastErrorException;

  int unlinkat(int dirfd, String path, int flags) throws LastErrorException;

  /** Linux (glibc 2.28+): one struct layout on every architecture, unlike struct stat. */
  int statx(int dirfd, String path, int flags, int mask, byte[] buf) throws LastErrorException;

  /** macOS only (struct stat with 64-bit inodes). */
  int fstatat(int dirfd, String path, byte[] buf, int flags) throws LastErrorException;

  /** macOS only. */
  int fstat(int fd, byte[] buf) throws LastErrorException;

  /** Takes over {@code fd}: {@link #closedir} closes it. */
  Pointer fdopendir(int fd) throws LastErrorException;

  /**
   * Not declared to throw: NULL with errno 0 is the end of the directory. Callers reset the
   * last error before and read it after.
   */
  Pointer readdir(Pointer dir);

  void rewinddir(Pointer dir);

  int closedir(Pointer dir);

  String strerror(int errnum);

  static FsLibc load(boolean macX8664) {
    if (!macX8664) {
      return Native.load("c", FsLibc.class);
    }
    // Intel macOS keeps the 32-bit-inode struct stat/dirent under the plain names.
    Map<String, String> inode64 = Map.of(
        "fstatat", "fstatat$INODE64", "fstat", "fstat$INODE64",
        "fdopendir", "fdopendir$INODE64", "readdir", "readdir$INODE64");
    FunctionMapper mapper = (lib, m) -> inode64.getOrDefault(m.getName(), m.getName());
    return Native.load("c", FsLibc.class, Map.of(Library.OPTION_FUNCTION_MAPPER, mapper));
  }
}
