package io.procsweep.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fake /proc tree in a test's folder: files and symlinks, and a stat line to put in them. */
final class FakeProc {
  private final Path proc;

  FakeProc(Path proc) {
    this.proc = proc;
  }

  Path path() {
    return proc;
  }

  /**
   * A /proc/PID/stat line: pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt
   * majflt cmajflt utime stime cutime cstime priority nice num_threads itrealvalue starttime
   * vsize rss, its own group and session leader on a terminal.
   */
  static String stat(int pid, String name, char state, int ppid, long flags, long start) {
    return pid + " (" + name + ") " + state + " " + ppid + " " + pid + " " + pid + " 34816 -1 "
        + flags + " 0 0 0 0 250 50 0 0 20 0 2 0 " + start + " 1000 3\n";
  }

  void write(String rel, String content) throws IOException {
    Path p = proc.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  void link(String rel, String target) throws IOException {
    Path p = proc.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.createSymbolicLink(p, Path.of(target));
  }
}
