package io.procsweep.cleanup.pidfile;

import io.procsweep.platform.fs.DirHandle;
import io.procsweep.platform.fs.FileId;
import io.procsweep.platform.fs.FileStat;
import io.procsweep.platform.fs.FileType;
import io.procsweep.platform.fs.FsException;
import io.procsweep.rules.PathGlob;
import io.procsweep.rules.PidfileGlob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Walks the directories a pid-file glob names through {@link DirHandle}s: literal components
 * are opened by name, wildcard components match listed entries, {@code **} descends. Nothing is
 * followed through a symlink; every failure to open or list is reported, never skipped
 * silently (one unlistable directory used to end the walk and drop protection).
 */
final class PidfileGlobs {
  /** {@code **} never needs more; past it something is wrong (or built to exhaust us). */
  static final int MAX_DEPTH = 32;

  /** Receives what the walk finds. */
  interface Sink {
    /** A matched entry that is not a directory, to check through {@code dir}. */
    void file(DirHandle dir, FileId dirId, String name);

    /** A directory (or matched entry) that could not be walked. */
    void unreadable(Path path, String reason);
  }

  private PidfileGlobs() {}

  /** Walks every branch of {@code glob}. */
  static void walk(PidfileGlob glob, Sink sink) {
    for (PathGlob.Branch b : glob.glob().branches()) {
      // "/" made absolute: on Windows that is the current drive's root.
      Path root = b.absolute() ? Path.of("/").toAbsolutePath() : glob.base();
      walkFrom(root, b.segments(), sink);
    }
  }

  private static void walkFrom(Path root, List<PathGlob.Segment> segments, Sink sink) {
    // Literal leading components are opened in one walk from '/', none followed.
    int i = 0;
    Path start = root;
    while (i < segments.size() - 1 && segments.get(i) instanceof PathGlob.Literal) {
      start = start.resolve(((PathGlob.Literal) segments.get(i)).name());
      i++;
    }
    DirHandle dir;
    try {
      dir = DirHandle.open(start);
    } catch (FsException e) {
      if (e.reason() != FsException.Reason.NOT_FOUND) {
        sink.unreadable(e.path(), e.detail());
      }
      return;
    } catch (IOException e) {
      sink.unreadable(start, "cannot be opened");
      return;
    }
    try (dir) {
      descend(dir, segments, i, 0, sink);
    }
  }

  private static void descend(DirHandle dir, List<PathGlob.Segment> segs, int i, int depth,
      Sink sink) {
    FileId dirId;
    try {
      dirId = dir.stat().id();
    } catch (IOException e) {
      sink.unreadable(dir.path(), reason(e));
      return;
    }
    PathGlob.Segment seg = segs.get(i);
    boolean last = i == segs.size() - 1;
    if (seg instanceof PathGlob.Literal) {
      String name = ((PathGlob.Literal) seg).name();
      entry(dir, dirId, name, segs, i, last, depth, sink, true);
      return;
    }
    List<String> names;
    try {
      names = dir.list();
    } catch (IOException e) {
      sink.unreadable(dir.path(), reason(e));
      return;
    }
    if (seg instanceof PathGlob.AnyDepth) {
      if (!last) {
        descend(dir, segs, i + 1, depth, sink); // ** as zero directories
      }
      for (String name : names) {
        FileStat st = stat(dir, name, sink);
        if (st == null) {
          continue;
        }
        if (st.type() == FileType.DIRECTORY) {
          subdir(dir, name, segs, i, depth + 1, sink);
        } else if (st.type() == FileType.SYMLINK) {
          // Might be a directory with pid files in it: say so rather than guess.
          sink.unreadable(dir.path().resolve(name), FsException.Reason.SYMLINK.text());
        } else if (last) {
          sink.file(dir, dirId, name);
        }
      }
      return;
    }
    for (String name : names) {
      if (seg.matches(name)) {
        entry(dir, dirId, name, segs, i, last, depth, sink, false);
      }
    }
  }

  /** One matched entry: a file to check when last, else a directory to descend into. */
  private static void entry(DirHandle dir, FileId dirId, String name,
      List<PathGlob.Segment> segs, int i, boolean last, int depth, Sink sink, boolean literal) {
    if (last) {
      FileStat st;
      try {
        st = dir.stat(name);
      } catch (FsException e) {
        if (e.reason() != FsException.Reason.NOT_FOUND) {
          sink.unreadable(e.path(), e.detail());
        }
        return;
      } catch (IOException e) {
        sink.unreadable(dir.path().resolve(name), reason(e));
        return;
      }
      if (st.type() != FileType.DIRECTORY) {
        sink.file(dir, dirId, name); // the check reports symlinks and FIFOs
      }
      return;
    }
    FileStat st = stat(dir, name, sink);
    if (st == null) {
      return;
    }
    if (st.type() == FileType.DIRECTORY) {
      subdir(dir, name, segs, i + 1, depth + 1, sink);
    } else if (st.type() == FileType.SYMLINK) {
      sink.unreadable(dir.path().resolve(name), FsException.Reason.SYMLINK.text());
    } else if (literal) {
      sink.unreadable(dir.path().resolve(name), FsException.Reason.NOT_DIRECTORY.text());
    }
  }

  private static void subdir(DirHandle dir, String name, List<PathGlob.Segment> segs, int i,
      int depth, Sink sink) {
    if (depth > MAX_DEPTH) {
      sink.unreadable(dir.path().resolve(name), "deeper than " + MAX_DEPTH + " directories");
      return;
    }
    try (DirHandle sub = dir.openDir(name)) {
      descend(sub, segs, i, depth, sink);
    } catch (FsException e) {
      sink.unreadable(e.path(), e.detail());
    } catch (IOException e) {
      sink.unreadable(dir.path().resolve(name), reason(e));
    }
  }

  /** The entry's stat, or null: gone meanwhile (silently) or unreadable (reported). */
  private static FileStat stat(DirHandle dir, String name, Sink sink) {
    try {
      return dir.stat(name);
    } catch (FsException e) {
      if (e.reason() != FsException.Reason.NOT_FOUND) {
        sink.unreadable(e.path(), e.detail());
      }
      return null;
    } catch (IOException e) {
      sink.unreadable(dir.path().resolve(name), reason(e));
      return null;
    }
  }

  private static String reason(IOException e) {
    return e instanceof FsException ? ((FsException) e).detail() : "cannot be read";
  }
}
