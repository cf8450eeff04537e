package io.procsweep.platform.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Windows: best effort with Java NIO. Every step checks for symlinks (and junctions, which NIO
 * reports as "other") with NOFOLLOW_LINKS, but holds a path, not a handle, so a swap between a
 * check and the operation is not caught. There is no inode: {@link FileId}s are (0, 0).
 */
final class NioDir implements DirHandle {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private final Path path;

  private NioDir(Path path) {
    this.path = path;
  }

  static NioDir open(Path absolute) throws IOException {
    Path at = absolute.getRoot();
    for (Path part : absolute) {
      at = at.resolve(part);
      requireDir(at);
    }
    return new NioDir(absolute);
  }

  private static void requireDir(Path p) throws IOException {
    BasicFileAttributes a = attrs(p);
    if (a.isSymbolicLink() || a.isOther()) {
      throw new FsException(p, FsException.Reason.SYMLINK);
    }
    if (!a.isDirectory()) {
      throw new FsException(p, FsException.Reason.NOT_DIRECTORY);
    }
  }

  static BasicFileAttributes attrs(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
    } catch (IOException e) {
      throw map(e, p);
    }
  }

  static FileStat stat(Path p, BasicFileAttributes a) {
    FileType type = a.isSymbolicLink() ? FileType.SYMLINK
        : a.isDirectory() ? FileType.DIRECTORY
        : a.isRegularFile() ? FileType.REGULAR : FileType.UNKNOWN;
    return new FileStat(0, 0, type, FileStat.NO_UID, a.size(), a.lastModifiedTime().toMillis());
  }

  static FsException map(IOException e, Path p) {
    if (e instanceof FsException) {
      return (FsException) e;
    }
    if (e instanceof NoSuchFileException) {
      return new FsException(p, FsException.Reason.NOT_FOUND);
    }
    if (e instanceof AccessDeniedException) {
      return new FsException(p, FsException.Reason.ACCESS_DENIED);
    }
    if (e instanceof FileAlreadyExistsException) {
      return new FsException(p, FsException.Reason.EXISTS);
    }
    if (e instanceof NotDirectoryException) {
      return new FsException(p, FsException.Reason.NOT_DIRECTORY);
    }
    return new FsException(p, FsException.Reason.OTHER, e.getMessage());
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
    return stat(path, attrs(path));
  }

  @Override
  public FileStat stat(String name) throws IOException {
    Path p = child(name);
    return stat(p, attrs(p));
  }

  @Override
  public List<String> list() throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(path)) {
      for (Path p : s) {
        names.add(p.getFileName().toString());
      }
    } catch (IOException e) {
      throw map(e, path);
    }
    names.sort(null);
    return names;
  }

  @Override
  public DirHandle openDir(String name) throws IOException {
    Path p = child(name);
    requireDir(p);
    return new NioDir(p);
  }

  @Override
  public OpenFile openRead(String name) throws IOException {
    return open(child(name), Set.of(StandardOpenOption.READ, NOFOLLOW), false);
  }

  @Override
  public OpenFile createExclusive(String name, int mode) throws IOException {
    // Windows has no mode bits; ACLs are inherited from the directory.
    return open(child(name),
        Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, NOFOLLOW), false);
  }

  @Override
  public OpenFile openAppend(String name) throws IOException {
    return open(child(name), Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND,
        NOFOLLOW), true);
  }

  private static OpenFile open(Path p, Set<OpenOption> options, boolean regularOnly)
      throws IOException {
    if (!options.contains(StandardOpenOption.CREATE_NEW)) {
      BasicFileAttributes a = attrs(p);
      if (a.isSymbolicLink()) {
        throw new FsException(p, FsException.Reason.SYMLINK);
      }
      if (regularOnly && !a.isRegularFile()) {
        throw new FsException(p, FsException.Reason.NOT_REGULAR);
      }
    }
    try {
      return new NioFile(p, FileChannel.open(p, options));
    } catch (IOException e) {
      throw map(e, p);
    }
  }

  @Override
  public void mkdir(String name, int mode) throws IOException {
    Path p = child(name);
    try {
      Files.createDirectory(p);
    } catch (IOException e) {
      throw map(e, p);
    }
  }

  @Override
  public void rename(String from, String to) throws IOException {
    Path p = child(from);
    try {
      Files.move(p, child(to), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw map(e, p);
    }
  }

  @Override
  public void unlink(String name, FileId expected) throws IOException {
    Path p = child(name);
    BasicFileAttributes a = attrs(p);
    if (a.isDirectory()) {
      throw new FsException(p, FsException.Reason.NOT_REGULAR, "a directory, not removed");
    }
    if (expected.known()) {
      // This fallback never hands out known ids; one from elsewhere cannot be checked here.
      throw new FsException(p, FsException.Reason.CHANGED);
    }
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw map(e, p);
    }
  }

  @Override
  public void fsync() {
    // Windows cannot open a directory for flushing; NTFS journals the metadata anyway.
  }

  @Override
  public void close() {
    // Nothing is held open.
  }
}
