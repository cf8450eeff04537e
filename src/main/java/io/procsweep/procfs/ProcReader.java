package io.procsweep.procfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads whole /proc files into one reused buffer. /proc files report size 0, so
 * {@code Files.readAllBytes} would allocate and grow a fresh array for each of the thousands of
 * small files a snapshot reads; here one array serves the whole read. Not thread-safe: one per
 * thread of a snapshot read.
 *
 * <p>{@link #isGone} and {@link #reason} are the one classification of a failed /proc read that
 * the snapshot and cleanup's identity check share: gone (the process exited) or unreadable
 * (we may not look), with a short reason.
 */
public final class ProcReader {
  private byte[] buf = new byte[16 * 1024];

  /** The buffer holding the last file read; valid up to the length {@link #read} returned. */
  public byte[] buffer() {
    return buf;
  }

  /**
   * Reads the whole file. Throws {@link NoSuchFileException} when it (or its process) is gone,
   * {@link AccessDeniedException} when another user's process hides it.
   */
  public int read(String path) throws IOException {
    try (FileChannel ch = FileChannel.open(Path.of(path), StandardOpenOption.READ)) {
      int total = 0;
      while (true) {
        if (total == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = ch.read(ByteBuffer.wrap(buf, total, buf.length - total));
        if (n < 0) {
          return total;
        }
        total += n;
      }
    }
  }

  /**
   * Reads a seq_file such as {@code /proc/net/tcp}, skipping the final read that only reports
   * end of file when the kernel has already shown it cannot have more. Why: every read of
   * /proc/net/tcp walks the whole established-connections hash (262,144 buckets on a 2 GiB VM,
   * measured 1.7 ms per walk), and the read that returns 0 costs a full walk too. seq_file
   * fills at most its page-sized buffer per read and stops early only when the iteration ends
   * (or the caller's buffer is full, which ours never is below a page), so a read that leaves
   * more than a whole record's room in that page has returned everything.
   *
   * @param pageSize the kernel's page size (seq_file's initial buffer)
   * @param maxRecord longest record the file can hold (a /proc/net line is under 200 bytes)
   */
  public int readSeqFile(String path, long pageSize, int maxRecord) throws IOException {
    try (FileChannel ch = FileChannel.open(Path.of(path), StandardOpenOption.READ)) {
      int total = 0;
      while (true) {
        if (buf.length - total < pageSize) {
          buf = Arrays.copyOf(buf, (int) Math.max(buf.length * 2L, total + pageSize));
        }
        int n = ch.read(ByteBuffer.wrap(buf, total, buf.length - total));
        if (n < 0) {
          return total;
        }
        total += n;
        if (n > 0 && n + maxRecord < pageSize) {
          return total;
        }
      }
    }
  }

  /** Whether the failure means the process went away (as opposed to: we may not look). */
  public static boolean isGone(IOException e) {
    if (e instanceof NoSuchFileException) {
      return true;
    }
    // ESRCH: opening or reading files of a process that is exiting right now. An error on
    // open() comes as a FileSystemException with a reason, one from read() as a bare message.
    String why = e instanceof FileSystemException
        ? ((FileSystemException) e).getReason() : e.getMessage();
    return "No such process".equals(why);
  }

  /** Short reason for a report's {@code unreadable} list. */
  public static String reason(IOException e) {
    if (isGone(e)) {
      return "process exited";
    }
    if (e instanceof AccessDeniedException) {
      return "access denied";
    }
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
