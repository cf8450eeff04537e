package io.procsweep.platform.fs;

import io.procsweep.platform.Os;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Writing to an existing FIFO or device the way a shell's {@code >} does: open it for writing
 * (a FIFO waits for its reader, as {@code cmd > fifo} does), never create, rename or replace it.
 * {@code --output /dev/null} must stay the null device, not become a regular file.
 *
 * <p>Added beside {@link DirHandle} rather than in it because it is the one operation that must
 * block; it reuses the same libc binding ({@link PosixCalls}) and the same walk from {@code /}.
 */
public final class Redirects {
  private Redirects() {}

  /**
   * If {@code name} in {@code absoluteDir} is a FIFO or a character or block device, opens it
   * with O_WRONLY|O_NOFOLLOW|O_NOCTTY (no O_CREAT, no O_TRUNC, blocking) and returns it. Empty
   * when the name does not exist or is a regular file: the caller writes a new file then.
   * The directory is walked from {@code /} without following symlinks.
   *
   * @throws FsException SYMLINK when the name is a symlink; NOT_REGULAR for a directory or
   *     socket; CHANGED when the file opened is no longer the FIFO or device that was seen
   */
  public static Optional<OpenFile> openSpecial(Path absoluteDir, String name) throws IOException {
    if (!absoluteDir.isAbsolute()) {
      throw new IllegalArgumentException("not an absolute path: " + absoluteDir);
    }
    if (Os.current() == Os.WINDOWS) {
      // No FIFOs or device nodes in the file system there; NioDir handles every file.
      return Optional.empty();
    }
    Path dir = absoluteDir.normalize();
    Path p = dir.resolve(Names.entry(name));
    PosixCalls c = PosixCalls.get(dir);
    int dirFd = PosixDir.walk(c, dir);
    try {
      FileStat seen;
      try {
        seen = c.statAt(dirFd, name, p);
      } catch (FsException e) {
        if (e.reason() == FsException.Reason.NOT_FOUND) {
          return Optional.empty();
        }
        throw e;
      }
      if (seen.type() == FileType.REGULAR) {
        return Optional.empty();
      }
      if (seen.type() == FileType.SYMLINK) {
        throw new FsException(p, FsException.Reason.SYMLINK);
      }
      if (!special(seen.type())) {
        throw new FsException(p, FsException.Reason.NOT_REGULAR,
            "not a regular file, FIFO or device (" + seen.type().label() + ")");
      }
      PosixFile file = new PosixFile(c, p, c.openFile(dirFd, name, PosixFlags.O_WRONLY, 0, p));
      try {
        FileStat opened = file.stat();
        if (!special(opened.type()) || !opened.id().equals(seen.id())) {
          throw new FsException(p, FsException.Reason.CHANGED,
              "changed while being opened (now a " + opened.type().label() + ")");
        }
        return Optional.of(file);
      } catch (IOException | RuntimeException e) {
        file.close();
        throw e;
      }
    } finally {
      c.closeQuietly(dirFd);
    }
  }

  private static boolean special(FileType t) {
    return t == FileType.FIFO || t == FileType.CHAR_DEVICE || t == FileType.BLOCK_DEVICE;
  }
}
