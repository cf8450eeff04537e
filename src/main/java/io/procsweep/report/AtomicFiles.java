package io.procsweep.report;

import io.procsweep.platform.fs.AtomicReplace;
import io.procsweep.platform.fs.DirHandle;
import io.procsweep.platform.fs.FsException;
import io.procsweep.platform.fs.OpenFile;
import io.procsweep.platform.fs.Redirects;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a file so that readers see either the old content or the whole new content, never half
 * a report: a cron job's dashboard, a CI step reading the gate result, or a Prometheus textfile
 * collector may read the file at any moment.
 *
 * <p>A regular file (new or existing) is written into a fresh temporary file, created with
 * O_EXCL in the target's directory, fsynced, then renamed over the target. The result always has
 * mode 0644 under the umask: never the old file's mode (a 0666 planted by someone else would
 * otherwise survive), never the temporary file's. Every step is relative to a directory handle
 * ({@link DirHandle}), so no symlink swapped in meanwhile can redirect it.
 */
public final class AtomicFiles {
  /** What a written file gets, under the umask: readable reports, as any other tool writes. */
  static final int FILE_MODE = 0644;
  /** What a created directory gets, under the umask. */
  static final int DIR_MODE = 0755;

  /** Like {@code Consumer}, but allowed to throw the IOException that writing may raise. */
  @FunctionalInterface
  public interface IOConsumer<T> {
    void accept(T t) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Writes {@code target} ({@code --output}) as UTF-8 through {@code body}, as a shell redirect
   * would where that is safe:
   *
   * <ul>
   *   <li>a FIFO or device is opened for writing and written to (a FIFO waits for its reader),
   *       never renamed over: {@code /dev/null} stays the null device;
   *   <li>a regular file or a new name gets a new file, atomically (see the class comment);
   *   <li>a symlink as the last component is refused (neither followed nor replaced), as are a
   *       directory and a socket.
   * </ul>
   *
   * Symlinks in the directories above are the user's own choice and are resolved once; missing
   * directories are created 0755. On any failure a regular target is left untouched and the
   * temporary file is removed.
   */
  public static void write(Path target, IOConsumer<Writer> body) throws IOException {
    Path absolute = target.toAbsolutePath();
    String name = fileName(absolute);
    Path parent = absolute.getParent();
    Path existing = parent;
    List<String> missing = new ArrayList<>();
    while (existing != null && !Files.exists(existing)) {
      missing.add(0, existing.getFileName().toString());
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new FsException(parent, FsException.Reason.NOT_FOUND);
    }
    Path realParent = existing.toRealPath();
    if (missing.isEmpty()) {
      Optional<OpenFile> special = Redirects.openSpecial(realParent, name);
      if (special.isPresent()) {
        try (OpenFile f = special.get()) {
          writeTo(f, body);
        }
        return;
      }
    }
    try (DirHandle dir = openOrCreate(realParent, missing)) {
      replace(dir, name, body);
    }
  }

  /**
   * Writes {@code target} atomically where no component of its absolute path may be a symlink
   * ({@code --save}): each directory is opened from {@code /} without following symlinks, and
   * missing ones are created 0755 and opened the same way.
   */
  public static void writeNoFollow(Path target, IOConsumer<Writer> body) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    String name = fileName(absolute);
    Path parent = absolute.getParent();
    Path existing = parent;
    List<String> missing = new ArrayList<>();
    while (existing != null
        && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      missing.add(0, existing.getFileName().toString());
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new FsException(parent, FsException.Reason.NOT_FOUND);
    }
    try (DirHandle dir = openOrCreate(existing, missing)) {
      replace(dir, name, body);
    }
  }

  /** Opens {@code base} from {@code /}, then creates and opens each missing directory below. */
  static DirHandle openOrCreate(Path base, List<String> missing) throws IOException {
    return AtomicReplace.openOrCreate(base, missing, DIR_MODE);
  }

  /** Temporary file, O_EXCL, 0644 under the umask; written, fsynced, renamed over {@code name}. */
  static void replace(DirHandle dir, String name, IOConsumer<Writer> body) throws IOException {
    AtomicReplace.replace(dir, name, FILE_MODE, out -> writeTo(out, body));
  }

  private static void writeTo(OpenFile f, IOConsumer<Writer> body) throws IOException {
    writeTo(AtomicReplace.outputStream(f), body);
  }

  private static void writeTo(OutputStream out, IOConsumer<Writer> body) throws IOException {
    // Not closed by us: closing the Writer would close the file before fsync.
    Writer w = new OutputStreamWriter(new BufferedOutputStream(out, 64 * 1024),
        StandardCharsets.UTF_8);
    body.accept(w);
    w.flush();
  }

  private static String fileName(Path absolute) throws FsException {
    Path name = absolute.getFileName();
    if (name == null || name.toString().equals(".") || name.toString().equals("..")) {
      throw new FsException(absolute, FsException.Reason.NOT_REGULAR, "not a file name");
    }
    return name.toString();
  }
}
