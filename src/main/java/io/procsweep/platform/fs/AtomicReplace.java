package io.procsweep.platform.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Replaces a file in a directory so that readers see the old content or the whole new one:
 * a temporary file created with O_EXCL next to it, written, fsynced, renamed over the name, then
 * the directory fsynced. Everything goes through one {@link DirHandle}, so no symlink swapped in
 * meanwhile can redirect it. Reports ({@code --output}, {@code --save}) and the state file
 * ({@code --state}) are written this way.
 */
public final class AtomicReplace {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Writes the new content; may throw what writing throws. */
  @FunctionalInterface
  public interface Body {
    void write(OutputStream out) throws IOException;
  }

  private AtomicReplace() {}

  /**
   * Temporary file, O_EXCL, {@code mode} under the umask; written by {@code body}, fsynced,
   * renamed over {@code name}, directory fsynced. On any failure {@code name} is untouched and
   * the temporary file removed.
   */
  public static void replace(DirHandle dir, String name, int mode, Body body)
      throws IOException {
    String tmp = null;
    OpenFile file = null;
    for (int attempt = 0; file == null; attempt++) {
      tmp = tempName(name);
      try {
        file = dir.createExclusive(tmp, mode);
      } catch (FsException e) {
        if (e.reason() != FsException.Reason.EXISTS || attempt >= 10) {
          // Named after the target: the random temporary name means nothing to the user. Not
          // found in a directory that is open means it takes no new files (/proc, /sys).
          String why = e.reason() == FsException.Reason.NOT_FOUND
              ? "its file system takes no new files" : e.detail();
          throw new FsException(dir.path().resolve(name), e.reason(), "cannot create a file in "
              + dir.path() + " to replace it atomically (" + why + ")");
        }
      }
    }
    FileId id = file.stat().id();
    boolean moved = false;
    try {
      try (OpenFile f = file) {
        body.write(outputStream(f));
        f.fsync();
      }
      dir.rename(tmp, name);
      moved = true;
      syncQuietly(dir);
    } finally {
      if (!moved) {
        try {
          dir.unlink(tmp, id);
        } catch (IOException e) {
          // The original failure is what the caller needs to see; a stray temp file is
          // named after the target and starts with a dot, so it is easy to spot.
        }
      }
    }
  }

  /**
   * Opens {@code base} (absolute, existing) from {@code /}, then creates ({@code mode} under the
   * umask) and opens each of {@code missing} below it in turn; a directory created meanwhile by
   * someone else is opened as it is, a symlink refused.
   */
  public static DirHandle openOrCreate(Path base, List<String> missing, int mode)
      throws IOException {
    DirHandle dir = DirHandle.open(base);
    try {
      for (String part : missing) {
        try {
          dir.mkdir(part, mode);
        } catch (FsException e) {
          if (e.reason() != FsException.Reason.EXISTS) {
            throw e;
          }
        }
        DirHandle next = dir.openDir(part);
        dir.close();
        dir = next;
      }
      return dir;
    } catch (IOException | RuntimeException e) {
      dir.close();
      throw e;
    }
  }

  /** An OutputStream onto an open file; closing it does not close the file. */
  public static OutputStream outputStream(OpenFile file) {
    return new FileOutput(file);
  }

  /** {@code .scan.json.3f9a0c1d.tmp}: hidden, named after the target, unguessable. */
  private static String tempName(String name) {
    byte[] r = new byte[6];
    RANDOM.nextBytes(r);
    // Keep the whole name within NAME_MAX (255 bytes) whatever the target's length.
    String stem = name.length() > 100 ? name.substring(0, 100) : name;
    return "." + stem + "." + HexFormat.of().formatHex(r) + ".tmp";
  }

  /** Makes the rename durable; the content already is, so a failure here is not fatal. */
  private static void syncQuietly(DirHandle dir) {
    try {
      dir.fsync();
    } catch (IOException e) {
      // Only the rename's durability across a power cut depends on this.
    }
  }

  private static final class FileOutput extends OutputStream {
    private final OpenFile file;

    FileOutput(OpenFile file) {
      this.file = file;
    }

    @Override
    public void write(int b) throws IOException {
      file.write(new byte[] {(byte) b});
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > 0) {
        file.write(off == 0 && len == b.length ? b : Arrays.copyOfRange(b, off, off + len));
      }
    }
  }
}
