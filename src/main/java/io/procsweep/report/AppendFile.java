package io.procsweep.report;

import io.procsweep.platform.fs.DirHandle;
import io.procsweep.platform.fs.FsException;
import io.procsweep.platform.fs.OpenFile;
import io.procsweep.platform.fs.Redirects;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A file that lines are appended to as they come, as a shell's {@code >>} would, for a reader
 * that tails it ({@code watch --events}): a regular file is opened with O_APPEND (created mode
 * 0644 under the umask when missing, with missing directories 0755), a FIFO or device is
 * written to, and a symlink as the file itself is refused, as {@code --output} refuses it.
 * Symlinks in the directories above are the user's choice and are followed, as there.
 */
public final class AppendFile {
  private AppendFile() {}

  /**
   * Opens {@code target}. Text written to the returned writer reaches the file at each {@code
   * flush()}, in one write: with O_APPEND, two writers sharing the file never cut into each
   * other's lines.
   */
  public static Writer open(Path target) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    Path name = absolute.getFileName();
    if (name == null) {
      throw new FsException(absolute, FsException.Reason.NOT_REGULAR, "not a file name");
    }
    Path existing = absolute.getParent();
    List<String> missing = new ArrayList<>();
    while (existing != null && !Files.exists(existing)) {
      missing.add(0, existing.getFileName().toString());
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new FsException(absolute.getParent(), FsException.Reason.NOT_FOUND);
    }
    Path realParent = existing.toRealPath();
    if (missing.isEmpty()) {
      Optional<OpenFile> special = Redirects.openSpecial(realParent, name.toString());
      if (special.isPresent()) {
        return new FlushedWriter(special.get());
      }
    }
    try (DirHandle dir = AtomicFiles.openOrCreate(realParent, missing)) {
      return new FlushedWriter(dir.openOrCreateAppend(name.toString(), AtomicFiles.FILE_MODE));
    }
  }

  /** Collects text until {@code flush()}, then writes it as UTF-8 in one call. */
  private static final class FlushedWriter extends Writer {
    private final OpenFile file;
    private final StringBuilder pending = new StringBuilder();
    private boolean closed;

    FlushedWriter(OpenFile file) {
      this.file = file;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
      if (closed) {
        throw new IOException("closed");
      }
      pending.append(buf, off, len);
    }

    @Override
    public void flush() throws IOException {
      if (pending.length() > 0) {
        byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
        pending.setLength(0);
        file.write(bytes);
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      try {
        flush();
      } finally {
        closed = true;
        file.close();
      }
    }
  }
}
