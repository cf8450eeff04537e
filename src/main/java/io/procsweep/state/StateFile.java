package io.procsweep.state;

import io.procsweep.platform.fs.AtomicReplace;
import io.procsweep.platform.fs.BoundedFiles;
import io.procsweep.platform.fs.DirHandle;
import io.procsweep.platform.fs.FsException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The state one run leaves the next ({@code --state FILE}), as {@link StateJson}.
 *
 * <ul>
 *   <li><b>Locked.</b> Runs on one file take turns: a {@link Session} holds an exclusive lock
 *       from reading the state, through the scan, to writing the next one, so no run's update is
 *       lost to another's. The lock is on a sidecar, {@code FILE.lock}, never on FILE itself:
 *       FILE is replaced by rename on every write, so a run waiting on the old FILE's lock
 *       would get it on a file nobody reads any more and then read stale state. The sidecar is
 *       never replaced or removed. It is an OS record lock ({@link FileChannel#lock}: fcntl on
 *       Linux and macOS), released by the kernel when a run dies, so a killed run never leaves
 *       the file locked.
 *   <li><b>Atomic.</b> Written into a temporary file next to FILE, fsynced, renamed over it,
 *       the directory fsynced ({@link AtomicReplace}): a crash leaves the old state or the new.
 *   <li><b>Never fatal when bad.</b> A file that is cut short, not ours, unreadable or larger
 *       than {@value #MAX_BYTES} bytes is renamed aside to {@code FILE.corrupt-<UTC time>}, one
 *       warning names both paths, and the run goes on from empty state.
 *   <li>Missing directories are created 0700 (the state names other users' processes); FILE
 *       and its lock are 0600.
 * </ul>
 */
public final class StateFile {
  /** Far above a real state (about 200 bytes per process); a bigger file is not ours. */
  public static final int MAX_BYTES = 32 * 1024 * 1024;

  /** How long a run waits for another to finish with the file before giving up. */
  public static final Duration LOCK_WAIT = Duration.ofMinutes(5);

  static final int FILE_MODE = 0600;
  static final int DIR_MODE = 0700;

  private static final DateTimeFormatter ASIDE =
      DateTimeFormatter.ofPattern("'.corrupt-'yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path path;
  private final Consumer<String> warnings;
  private final Clock clock;
  private final Duration lockWait;

  /**
   * @param path the state file; made absolute here, once
   * @param warnings gets one line per problem that does not stop the run (a state file set
   *     aside), without a prefix
   */
  public StateFile(Path path, Consumer<String> warnings) {
    this(path, warnings, Clock.systemUTC(), LOCK_WAIT);
  }

  public StateFile(Path path, Consumer<String> warnings, Clock clock, Duration lockWait) {
    this.path = path.toAbsolutePath().normalize();
    if (this.path.getFileName() == null) {
      throw new IllegalArgumentException("not a file name: " + path);
    }
    this.warnings = warnings;
    this.clock = clock;
    this.lockWait = lockWait;
  }

  public Path path() {
    return path;
  }

  /** The sidecar the lock is taken on. */
  public Path lockPath() {
    return path.resolveSibling(path.getFileName() + ".lock");
  }

  /**
   * Locks the file (waiting up to the lock wait for another run to finish with it) and reads
   * the state. Close the session to release the lock.
   *
   * @throws StateException when the directory cannot be made or opened, or the lock is not
   *     had in time
   */
  public Session open() throws StateException, InterruptedException {
    Session s = locked();
    try {
      s.state = read(s.dir);
      return s;
    } catch (StateException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** The lock alone, nothing read: for a write that replaces whatever is there. */
  private Session locked() throws StateException, InterruptedException {
    DirHandle dir = openDirectory();
    FileChannel channel = null;
    try {
      channel = openLock();
      return new Session(dir, channel, acquire(channel));
    } catch (StateException | InterruptedException | RuntimeException e) {
      closeQuietly(channel);
      dir.close();
      throw e;
    }
  }

  /** Reads the state under the lock, and releases it: a loop's start. */
  public ScanState load() throws StateException, InterruptedException {
    try (Session s = open()) {
      return s.state();
    }
  }

  /**
   * Writes the state under the lock: a loop's iteration, its state kept in memory meanwhile.
   * The old file is replaced unread: parsing it would only be thrown away.
   */
  public void save(ScanState state) throws StateException, InterruptedException {
    try (Session s = locked()) {
      s.save(state);
    }
  }

  /** The state file, locked: read at open, written by {@link #save}, unlocked by close. */
  public final class Session implements AutoCloseable {
    private final DirHandle dir;
    private final FileChannel channel;
    private final FileLock lock;
    private ScanState state;

    private Session(DirHandle dir, FileChannel channel, FileLock lock) {
      this.dir = dir;
      this.channel = channel;
      this.lock = lock;
    }

    /** The state as read ({@link ScanState#EMPTY} when there was none, or it was set aside). */
    public ScanState state() {
      return state;
    }

    /** Replaces the file with {@code next}, atomically. */
    public void save(ScanState next) throws StateException {
      try {
        AtomicReplace.replace(dir, name(), FILE_MODE,
            out -> StateJson.write(next, clock.instant(), out));
      } catch (IOException e) {
        throw new StateException("cannot write the state file " + path + ": " + reason(e), e);
      }
      state = next;
    }

    /** Releases the lock. */
    @Override
    public void close() {
      try {
        lock.release();
      } catch (IOException e) {
        // Closing the channel below releases it too.
      }
      closeQuietly(channel);
      dir.close();
    }
  }

  private String name() {
    return path.getFileName().toString();
  }

  /** The directory, its missing parts created 0700; symlinks above it are the user's own. */
  private DirHandle openDirectory() throws StateException {
    Path parent = path.getParent();
    Path existing = parent;
    List<String> missing = new ArrayList<>();
    while (existing != null && !Files.exists(existing)) {
      missing.add(0, existing.getFileName().toString());
      existing = existing.getParent();
    }
    try {
      if (existing == null) {
        throw new FsException(parent, FsException.Reason.NOT_FOUND);
      }
      return AtomicReplace.openOrCreate(existing.toRealPath(), missing, DIR_MODE);
    } catch (IOException e) {
      throw new StateException("cannot create or open the directory of the state file " + path
          + ": " + reason(e), e);
    }
  }

  private FileChannel openLock() throws StateException {
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS);
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        FileAttribute<?> mode = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));
        return FileChannel.open(lockPath(), options, mode);
      }
      return FileChannel.open(lockPath(), options);
    } catch (IOException e) {
      throw new StateException("cannot open the state lock " + lockPath() + ": " + reason(e), e);
    }
  }

  /** Polls, so the wait is bounded and a lock held by this JVM (another thread) waits too. */
  private FileLock acquire(FileChannel channel) throws StateException, InterruptedException {
    long deadline = System.nanoTime() + lockWait.toNanos();
    long pause = 10;
    while (true) {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by another session in this JVM
      } catch (IOException e) {
        throw new StateException("cannot lock the state file " + path + " (" + lockPath()
            + "): " + reason(e), e);
      }
      if (lock != null) {
        return lock;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new StateException("another procsweep run has held the state file " + path
            + " (lock " + lockPath() + ") for longer than " + describe(lockWait)
            + "; try again when it has finished");
      }
      Thread.sleep(pause);
      pause = Math.min(200, pause * 2);
    }
  }

  /** The state in the file; a file that cannot be used is set aside and the state is empty. */
  private ScanState read(DirHandle dir) throws StateException {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      // Not set aside: a directory there is a mistake in the path, not a damaged file.
      throw new StateException("the state file " + path + " is a directory");
    }
    String problem;
    try {
      return StateJson.read(BoundedFiles.readRegular(path, MAX_BYTES));
    } catch (NoSuchFileException e) {
      return ScanState.EMPTY; // the first run
    } catch (IOException e) {
      problem = reason(e);
    } catch (StateFormatException e) {
      problem = e.getMessage();
    }
    setAside(dir, problem);
    return ScanState.EMPTY;
  }

  private void setAside(DirHandle dir, String problem) {
    String aside = name() + ASIDE.format(clock.instant());
    try {
      for (int i = 1; exists(dir, aside); i++) {
        aside = name() + ASIDE.format(clock.instant()) + "-" + i;
      }
      dir.rename(name(), aside);
      warnings.accept("the state file " + path + " could not be used (" + problem
          + "); set aside as " + path.resolveSibling(aside) + ", starting from empty state");
    } catch (IOException e) {
      warnings.accept("the state file " + path + " could not be used (" + problem
          + ") nor set aside as " + path.resolveSibling(aside) + " (" + reason(e)
          + "); starting from empty state");
    }
  }

  private static boolean exists(DirHandle dir, String name) throws IOException {
    try {
      dir.stat(name);
      return true;
    } catch (FsException e) {
      if (e.reason() == FsException.Reason.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private static String reason(IOException e) {
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason();
    }
    return String.valueOf(e.getMessage());
  }

  private static String describe(Duration d) {
    return d.toMinutes() > 0 && d.toSecondsPart() == 0 ? d.toMinutes() + " min"
        : d.toMillis() + " ms";
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Nothing left to do with it.
      }
    }
  }
}
