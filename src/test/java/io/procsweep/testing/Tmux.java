package io.procsweep.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tmux server of this test's own (its own socket, {@code -S}), running commands in a real
 * pseudo-terminal of a chosen width, as a person's terminal would. {@link #close()} kills that
 * server only, and with it whatever still runs in its panes.
 */
public final class Tmux implements AutoCloseable {
  private static final String DONE = "__psweep_done_exit=";
  private static final Pattern EXIT = Pattern.compile(DONE + "(\\d+)");

  private final Path socketDir;
  private final Path socket;
  private int sessions;

  /** A server on a socket in a fresh temporary folder, removed by {@link #close()}. */
  public Tmux() throws IOException {
    socketDir = Files.createTempDirectory("psweep-tmux");
    socket = socketDir.resolve("s");
  }

  /** What a pane showed when its command finished, and the command's exit code. */
  public record Screen(int exitCode, List<String> lines) {}

  /** Whether tmux is on the PATH. */
  public static boolean available() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "tmux"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs {@code shellCommand} (sh syntax, in {@code workDir}) in a new session {@code columns}
   * wide, waits (up to 120 s) until it finishes, and returns the pane: wrapped lines joined
   * (so a line longer than the pane shows as one), up to the line that says it finished.
   */
  public Screen run(Path workDir, int columns, String shellCommand)
      throws IOException, InterruptedException {
    String session = "s" + (++sessions);
    // The pane stays after the command (sleep) so it can be read; close() ends it.
    String script = "cd " + quote(workDir.toString()) + " && clear && " + shellCommand
        + "; echo " + DONE + "$?; sleep 600";
    tmux("new-session", "-d", "-s", session, "-x", Integer.toString(columns), "-y", "50",
        "sh -c " + quote(script));
    for (int i = 0; i < 1200; i++) {
      List<String> lines = tmux("capture-pane", "-p", "-J", "-t", session);
      for (int at = 0; at < lines.size(); at++) {
        Matcher m = EXIT.matcher(lines.get(at));
        if (m.matches()) {
          return new Screen(Integer.parseInt(m.group(1)), List.copyOf(lines.subList(0, at)));
        }
      }
      Thread.sleep(100);
    }
    throw new IOException("the command in tmux did not finish: " + shellCommand + "\n"
        + String.join("\n", tmux("capture-pane", "-p", "-J", "-t", session)));
  }

  /** Single-quotes {@code s} for sh. */
  public static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** sh words for a command line, each quoted. */
  public static String quote(List<String> words) {
    List<String> out = new ArrayList<>();
    for (String w : words) {
      out.add(quote(w));
    }
    return String.join(" ", out);
  }

  private List<String> tmux(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-u", "-S", socket.toString(), "-f",
        "/dev/null"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", cmd) + " failed: " + out);
      }
      return out.lines().toList();
    } finally {
      p.destroyForcibly();
    }
  }

  /** Kills this test's tmux server, and only it, and removes its socket. */
  @Override
  public void close() throws IOException, InterruptedException {
    try {
      if (sessions > 0) {
        tmux("kill-server");
      }
    } catch (IOException e) {
      // "no server running": its last session already ended, nothing of ours is left
    } finally {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(socketDir);
    }
  }
}
