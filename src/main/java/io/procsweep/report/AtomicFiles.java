package io.procsweep.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Writes a file so that readers see either the old content or the whole new content, never half
 * a report: a cron job's dashboard, a CI step reading the gate result, or a Prometheus textfile
 * collector may read the file at any moment.
 */
public final class AtomicFiles {

  /** Like {@code Consumer}, but allowed to throw the IOException that writing may raise. */
  @FunctionalInterface
  public interface IOConsumer<T> {
    void accept(T t) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Writes {@code target} as UTF-8 through {@code body}: into a temporary file in the same
   * directory (a rename is only atomic within one file system), fsynced, then moved over the
   * target. Creates missing parent directories. On any failure the temporary file is removed and
   * an existing target is left untouched.
   *
   * <p>A new file gets the temporary file's owner-only permissions (command lines in reports can
   * hold secrets); an existing target keeps its permissions where the file system has POSIX ones.
   */
  public static void write(Path target, IOConsumer<Writer> body) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
    boolean moved = false;
    try {
      keepPermissions(absolute, tmp);
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        // Not closed by us: closing the Writer would close the channel before force().
        Writer w =
            new BufferedWriter(
                new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
        body.accept(w);
        w.flush();
        channel.force(true);
      }
      move(tmp, absolute);
      moved = true;
      syncDirectory(dir);
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // The original failure is what the caller needs to see; a stray temp file is
          // named after the target and starts with a dot, so it is easy to spot.
        }
      }
    }
  }

  private static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Some file systems (certain network and FUSE mounts) cannot rename atomically; a
      // replacing move is the best they offer.
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void keepPermissions(Path target, Path tmp) throws IOException {
    if (!Files.exists(target)) {
      return;
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(target);
      Files.setPosixFilePermissions(tmp, perms);
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): nothing to carry over.
    }
  }

  /** Makes the rename itself durable on Linux; other systems cannot open a directory, fine. */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Best effort: the file content is already synced; only the rename's durability
      // across a power cut depends on this.
    }
  }
}
