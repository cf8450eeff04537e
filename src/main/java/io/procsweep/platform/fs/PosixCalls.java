package io.procsweep.platform.fs;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.procsweep.platform.Os;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The fd-level operations shared by {@link PosixDir} and {@link PosixFile}: libc calls, errno
 * to {@link FsException}, and the stat and dirent layouts of Linux and macOS.
 */
final class PosixCalls {
  private static volatile PosixCalls instance;

  final FsLibc libc;
  final PosixFlags flags;

  private PosixCalls(FsLibc libc, PosixFlags flags) {
    this.libc = libc;
    this.flags = flags;
  }

  /** The binding for this machine, loaded on first use. */
  static PosixCalls get(Path forError) throws FsException {
    PosixCalls c = instance;
    if (c != null) {
      return c;
    }
    synchronized (PosixCalls.class) {
      if (instance == null) {
        PosixFlags flags = PosixFlags.current();
        boolean macX86 = Os.current() == Os.MACOS
            && !System.getProperty("os.arch", "").toLowerCase(Locale.ROOT).contains("aarch64");
        try {
          instance = new PosixCalls(FsLibc.load(macX86), flags);
        } catch (LinkageError e) {
          // JNA's native library could not be loaded: no handle-based access at all.
          throw new FsException(forError, FsException.Reason.UNAVAILABLE, e.getMessage());
        }
      }
      return instance;
    }
  }

  /** openat with O_DIRECTORY|O_NOFOLLOW; a symlink or non-directory is named as such. */
  int openDir(int dirfd, String name, Path path) throws FsException {
    int f = PosixFlags.O_RDONLY | flags.oDirectory() | flags.oNofollow() | flags.oCloexec();
    try {
      return libc.openat(dirfd, name, f);
    } catch (LastErrorException e) {
      int errno = e.getErrorCode();
      if (errno == flags.eloop() || errno == PosixFlags.ENOTDIR) {
        throw new FsException(path, isSymlink(dirfd, name, path) || errno == flags.eloop()
            ? FsException.Reason.SYMLINK : FsException.Reason.NOT_DIRECTORY);
      }
      throw error(errno, path);
    }
  }

  /** openat with O_NOFOLLOW|O_CLOEXEC|O_NOCTTY added to {@code extra}. */
  int openFile(int dirfd, String name, int extra, int mode, Path path) throws FsException {
    int f = extra | flags.oNofollow() | flags.oCloexec() | flags.oNoctty();
    try {
      return libc.openat(dirfd, name, f, mode);
    } catch (LastErrorException e) {
      int errno = e.getErrorCode();
      if (errno == flags.eloop()) {
        throw new FsException(path, FsException.Reason.SYMLINK);
      }
      if (errno == flags.enxio()) {
        // O_WRONLY|O_NONBLOCK on a FIFO nobody reads (or a device without its hardware).
        throw new FsException(path, FsException.Reason.NOT_REGULAR,
            "not a regular file (a FIFO or device)");
      }
      if (errno == PosixFlags.EISDIR) {
        throw new FsException(path, FsException.Reason.NOT_REGULAR, "a directory");
      }
      throw error(errno, path);
    }
  }

  private boolean isSymlink(int dirfd, String name, Path path) {
    try {
      return statAt(dirfd, name, path).type() == FileType.SYMLINK;
    } catch (FsException e) {
      return false;
    }
  }

  FileStat statAt(int dirfd, String name, Path path) throws FsException {
    try {
      if (flags.linux()) {
        byte[] buf = new byte[256];
        libc.statx(dirfd, name, flags.atSymlinkNofollow(), PosixFlags.STATX_BASIC_STATS, buf);
        return statx(buf);
      }
      byte[] buf = new byte[144];
      libc.fstatat(dirfd, name, buf, flags.atSymlinkNofollow());
      return macStat(buf);
    } catch (LastErrorException e) {
      throw error(e.getErrorCode(), path);
    }
  }

  FileStat statFd(int fd, Path path) throws FsException {
    try {
      if (flags.linux()) {
        byte[] buf = new byte[256];
        libc.statx(fd, "", PosixFlags.AT_EMPTY_PATH, PosixFlags.STATX_BASIC_STATS, buf);
        return statx(buf);
      }
      byte[] buf = new byte[144];
      libc.fstat(fd, buf);
      return macStat(buf);
    } catch (LastErrorException e) {
      throw error(e.getErrorCode(), path);
    }
  }

  /** struct statx (linux/stat.h): the same layout on every architecture. */
  static FileStat statx(byte[] raw) {
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
    int uid = b.getInt(20);
    int mode = b.getShort(28) & 0xffff;
    long ino = b.getLong(32);
    long size = b.getLong(40);
    long mtimeMs = b.getLong(112) * 1000 + (b.getInt(120) & 0xffffffffL) / 1_000_000;
    long dev = ((b.getInt(136) & 0xffffffffL) << 32) | (b.getInt(140) & 0xffffffffL);
    return new FileStat(dev, ino, FileType.fromMode(mode), uid, size, mtimeMs);
  }

  /** macOS struct stat with 64-bit inodes (sys/stat.h, __DARWIN_STRUCT_STAT64). */
  static FileStat macStat(byte[] raw) {
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder());
    long dev = b.getInt(0) & 0xffffffffL;
    int mode = b.getShort(4) & 0xffff;
    long ino = b.getLong(8);
    int uid = b.getInt(16);
    long mtimeMs = b.getLong(48) * 1000 + b.getLong(56) / 1_000_000;
    long size = b.getLong(96);
    return new FileStat(dev, ino, FileType.fromMode(mode), uid, size, mtimeMs);
  }

  /** Entry names of the directory {@code fd}, sorted, without {@code .} and {@code ..}. */
  List<String> list(int fd, Path path) throws FsException {
    int copy;
    Pointer dir;
    try {
      // fdopendir takes over the fd it gets; a dup keeps this handle's own fd open.
      copy = libc.dup(fd);
    } catch (LastErrorException e) {
      throw error(e.getErrorCode(), path);
    }
    try {
      dir = libc.fdopendir(copy);
    } catch (LastErrorException e) {
      closeQuietly(copy);
      throw error(e.getErrorCode(), path);
    }
    try {
      // The dup shares the offset with fd: start from the top whatever listed it before.
      libc.rewinddir(dir);
      List<String> names = new ArrayList<>();
      int nameOffset = flags.linux() ? 19 : 21;
      while (true) {
        Native.setLastError(0);
        Pointer entry = libc.readdir(dir);
        if (entry == null) {
          int errno = Native.getLastError();
          if (errno != 0) {
            throw error(errno, path);
          }
          break;
        }
        String name = entry.getString(nameOffset);
        if (!name.equals(".") && !name.equals("..")) {
          names.add(name);
        }
      }
      names.sort(null);
      return names;
    } finally {
      libc.closedir(dir);
    }
  }

  byte[] read(int fd, int maxBytes, Path path) throws FsException {
    byte[] buf = new byte[Math.max(0, maxBytes)];
    int got = 0;
    try {
      while (got < buf.length) {
        byte[] chunk = got == 0 ? buf : new byte[buf.length - got];
        long n = libc.read(fd, chunk, chunk.length);
        if (n <= 0) {
          break;
        }
        if (chunk != buf) {
          System.arraycopy(chunk, 0, buf, got, (int) n);
        }
        got += (int) n;
      }
    } catch (LastErrorException e) {
      throw error(e.getErrorCode(), path);
    }
    return got == buf.length ? buf : Arrays.copyOf(buf, got);
  }

  void write(int fd, byte[] data, Path path) throws FsException {
    int done = 0;
    try {
      while (done < data.length) {
        byte[] chunk = done == 0 ? data : Arrays.copyOfRange(data, done, data.length);
        long n = libc.write(fd, chunk, chunk.length);
        if (n <= 0) {
          throw new FsException(path, FsException.Reason.OTHER, "write made no progress");
        }
        done += (int) n;
      }
    } catch (LastErrorException e) {
      throw error(e.getErrorCode(), path);
    }
  }

  void fsync(int fd, Path path) throws FsException {
    try {
      libc.fsync(fd);
    } catch (LastErrorException e) {
      throw error(e.getErrorCode(), path);
    }
  }

  void closeQuietly(int fd) {
    try {
      libc.close(fd);
    } catch (LastErrorException e) {
      // close fails only for a bad fd or an I/O error already reported by fsync: nothing to do.
    }
  }

  FsException error(int errno, Path path) {
    FsException.Reason reason;
    if (errno == PosixFlags.ENOENT) {
      reason = FsException.Reason.NOT_FOUND;
    } else if (errno == PosixFlags.EACCES || errno == PosixFlags.EPERM) {
      reason = FsException.Reason.ACCESS_DENIED;
    } else if (errno == PosixFlags.EEXIST) {
      reason = FsException.Reason.EXISTS;
    } else if (errno == PosixFlags.ENOTDIR) {
      reason = FsException.Reason.NOT_DIRECTORY;
    } else if (errno == flags.eloop()) {
      reason = FsException.Reason.SYMLINK;
    } else {
      String text = libc.strerror(errno);
      return new FsException(path, FsException.Reason.OTHER,
          text == null ? "errno " + errno : text.toLowerCase(Locale.ROOT));
    }
    return new FsException(path, reason);
  }
}
