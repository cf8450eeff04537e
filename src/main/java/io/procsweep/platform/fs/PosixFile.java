package io.procsweep.platform.fs;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.Path;

/** A file descriptor opened through a {@link PosixDir}. */
final class PosixFile implements OpenFile {
  private final PosixCalls c;
  private final Path path;
  private final int fd;
  private boolean closed;

  PosixFile(PosixCalls c, Path path, int fd) {
    this.c = c;
    this.path = path;
    this.fd = fd;
  }

  @Override
  public FileStat stat() throws IOException {
    return c.statFd(fd, path);
  }

  @Override
  public byte[] read(int maxBytes) throws IOException {
    return c.read(fd, maxBytes, path);
  }

  @Override
  public void write(byte[] data) throws IOException {
    c.write(fd, data, path);
  }

  @Override
  public void fsync() throws IOException {
    c.fsync(fd, path);
  }

  @Override
  public long size() throws IOException {
    return stat().size();
  }

  @Override
  public void truncate(long size) throws IOException {
    try {
      c.libc.ftruncate(fd, size);
    } catch (LastErrorException e) {
      throw c.error(e.getErrorCode(), path);
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      c.closeQuietly(fd);
    }
  }
}
