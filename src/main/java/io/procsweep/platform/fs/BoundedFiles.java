package io.procsweep.platform.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an input file a user names (a rule file, a saved plan) only if it is a regular file of
 * at most a given size. A FIFO, {@code /dev/zero} or a 5 GB file would otherwise hang procsweep
 * or run it out of memory.
 *
 * <p>Symlinks the user gave are followed once, by resolving the path to its real form; the real
 * directory is then walked from {@code /} without following symlinks ({@link DirHandle}) and the
 * file opened O_NONBLOCK, so a FIFO opens at once and is refused by its type, never waited on.
 */
public final class BoundedFiles {
  private BoundedFiles() {}

  /**
   * The whole content of {@code path}, at most {@code maxBytes} bytes.
   *
   * <p>Every failure is a {@link FileSystemException} whose {@link
   * FileSystemException#getReason() reason} is a short phrase for a message, never file
   * content: {@code no such file} ({@link NoSuchFileException}), {@code permission denied}
   * ({@link AccessDeniedException}), {@code not a regular file (fifo)}, {@code larger than 1 MiB}.
   */
  public static byte[] readRegular(Path path, long maxBytes) throws IOException {
    if (maxBytes < 0 || maxBytes >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException("maxBytes out of range: " + maxBytes);
    }
    String shown = path.toString();
    Path real;
    try {
      real = path.toRealPath();
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(shown, null, "no such file");
    } catch (AccessDeniedException e) {
      throw new AccessDeniedException(shown, null, "permission denied");
    } catch (FileSystemException e) {
      throw new FileSystemException(shown, null, reasonOf(e));
    }
    Path dirPath = real.getParent();
    if (dirPath == null || real.getFileName() == null) {
      throw new FileSystemException(shown, null, "not a regular file (directory)");
    }
    try (DirHandle dir = DirHandle.open(dirPath);
        OpenFile file = dir.openRead(real.getFileName().toString())) {
      FileStat st = file.stat();
      if (st.type() != FileType.REGULAR) {
        throw new FileSystemException(shown, null,
            "not a regular file (" + st.type().label() + ")");
      }
      if (st.size() > maxBytes) {
        throw tooLarge(shown, maxBytes);
      }
      // One byte more than allowed: a file that grew since the stat is still caught.
      byte[] bytes = file.read((int) maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw tooLarge(shown, maxBytes);
      }
      return bytes;
    } catch (FsException e) {
      throw translate(shown, e);
    }
  }

  /** {@code 1 MiB}, {@code 64 KiB} or {@code 1000 bytes}. */
  public static String size(long bytes) {
    if (bytes > 0 && bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MiB";
    }
    if (bytes > 0 && bytes % 1024 == 0) {
      return bytes / 1024 + " KiB";
    }
    return bytes + (bytes == 1 ? " byte" : " bytes");
  }

  private static FileSystemException tooLarge(String shown, long maxBytes) {
    return new FileSystemException(shown, null, "larger than " + size(maxBytes));
  }

  private static FileSystemException translate(String shown, FsException e) {
    switch (e.reason()) {
      case NOT_FOUND:
        return new NoSuchFileException(shown, null, "no such file");
      case ACCESS_DENIED:
        return new AccessDeniedException(shown, null, "permission denied");
      case NOT_REGULAR:
        return new FileSystemException(shown, null, "not a regular file");
      case SYMLINK:
        // The real path held no symlink a moment ago: someone swapped one in.
        return new FileSystemException(shown, null, "changed while being opened (a symlink)");
      default:
        String m = e.getMessage();
        int colon = m == null ? -1 : m.lastIndexOf(": ");
        return new FileSystemException(shown, null,
            colon >= 0 ? m.substring(colon + 2) : e.reason().text());
    }
  }

  private static String reasonOf(FileSystemException e) {
    return e.getReason() != null ? e.getReason() : "cannot be read";
  }
}
