package io.procsweep.platform.fs;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A directory file descriptor on Linux and macOS. */
final class PosixDir implements DirHandle {
  private final PosixCalls c;
  private final Path path;
  private final int fd;
  private boolean closed;

  private PosixDir(PosixCalls c, Path path, int fd) {
    this.c = c;
    this.path = path;
    this.fd = fd;
  }

  static PosixDir open(Path absolute) throws IOException {
    PosixCalls c = PosixCalls.get(absolute);
    return new PosixDir(c, absolute, walk(c, absolute));
  }

  /**
   * Walks from {@code /}: each component is opened relative to the one before it, never
   * following a symlink. Returns the directory's descriptor, which the caller closes.
   */
  static int walk(PosixCalls c, Path absolute) throws IOException {
    Path root = absolute.getRoot();
    int fd = c.openDir(c.flags.atFdcwd(), root.toString(), root);
    Path at = root;
    try {
      for (Path part : absolute) {
        at = at.resolve(part);
        int next = c.openDir(fd, part.toString(), at);
        c.closeQuietly(fd);
        fd = next;
      }
    } catch (IOException | RuntimeException e) {
      c.closeQuietly(fd);
      throw e;
    }
    return fd;
  }

  @Override
  public Path path() {
    return path;
  }

  private Path child(String name) {
    return path.resolve(Names.entry(name));
  }

  @Override
  public FileStat stat() throws IOException {
    return c.statFd(fd, path);
  }

  @Override
  public FileStat stat(String name) throws IOException {
    return c.statAt(fd, name, child(name));
  }

  @Override
  public List<String> list() throws IOException {
    return c.list(fd, path);
  }

  @Override
  public DirHandle openDir(String name) throws IOException {
    Path p = child(name);
    return new PosixDir(c, p, c.openDir(fd, name, p));
  }

  @Override
  public OpenFile openRead(String name) throws IOException {
    Path p = child(name);
    int f = c.openFile(fd, name, PosixFlags.O_RDONLY | c.flags.oNonblock(), 0, p);
    return new PosixFile(c, p, f);
  }

  @Override
  public OpenFile createExclusive(String name, int mode) throws IOException {
    Path p = child(name);
    int f = c.openFile(fd, name,
        PosixFlags.O_WRONLY | c.flags.oCreat() | c.flags.oExcl(), mode, p);
    return new PosixFile(c, p, f);
  }

  @Override
  public OpenFile openAppend(String name) throws IOException {
    Path p = child(name);
    int f = c.openFile(fd, name,
        PosixFlags.O_WRONLY | c.flags.oAppend() | c.flags.oNonblock(), 0, p);
    PosixFile file = new PosixFile(c, p, f);
    try {
      FileType type = file.stat().type();
      if (type != FileType.REGULAR) {
        throw new FsException(p, FsException.Reason.NOT_REGULAR,
            "not a regular file (" + type.label() + ")");
      }
      return file;
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  @Override
  public void mkdir(String name, int mode) throws IOException {
    Path p = child(name);
    try {
      c.libc.mkdirat(fd, name, mode);
    } catch (LastErrorException e) {
      throw c.error(e.getErrorCode(), p);
    }
  }

  @Override
  public void rename(String from, String to) throws IOException {
    Path p = child(from);
    child(to);
    try {
      c.libc.renameat(fd, from, fd, to);
    } catch (LastErrorException e) {
      throw c.error(e.getErrorCode(), p);
    }
  }

  @Override
  public void unlink(String name, FileId expected) throws IOException {
    Path p = child(name);
    FileStat now = c.statAt(fd, name, p);
    if (now.dev() != expected.dev() || now.ino() != expected.ino()) {
      throw new FsException(p, FsException.Reason.CHANGED,
          "changed (another file has the name now)");
    }
    if (now.type() == FileType.DIRECTORY) {
      throw new FsException(p, FsException.Reason.NOT_REGULAR, "a directory, not removed");
    }
    try {
      c.libc.unlinkat(fd, name, 0);
    } catch (LastErrorException e) {
      throw c.error(e.getErrorCode(), p);
    }
  }

  @Override
  public void fsync() throws IOException {
    c.fsync(fd, path);
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      c.closeQuietly(fd);
    }
  }
}
