package io.procsweep.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

/**
 * {@code procsweep hook install|uninstall}: a git pre-commit hook for people without the
 * pre-commit framework. It reports this repository's leftovers and never kills; an existing hook
 * is renamed aside, still runs first, and is put back byte for byte by uninstall.
 */
@Command(name = "hook", mixinStandardHelpOptions = true,
    modelTransformer = HelpConventions.class,
    header = "Install or remove a git pre-commit hook that reports this repository's leftovers.",
    description = {"The hook runs 'procsweep scan --repo . --sample 0 --format table --fail-on"
        + " high' before each commit: it reports and never kills. A hook already in place is"
        + " renamed to pre-commit" + HookCommand.SAVED_SUFFIX + ", runs first, and its failure"
        + " stops the commit; uninstall puts it back.", "",
        "Run inside the repository (the hooks directory is git's: core.hooksPath and worktrees"
        + " are respected).", "",
        "Examples:", "  procsweep hook install", "  procsweep hook uninstall"},
    subcommands = {HookCommand.Install.class, HookCommand.Uninstall.class})
final class HookCommand implements Runnable {
  static final String HOOK = "pre-commit";
  static final String SAVED_SUFFIX = ".procsweep-saved";
  /** The line that marks a hook file as ours: uninstall touches nothing without it. */
  static final String MARKER = "# procsweep-hook v1";
  /** Present when install made the hooks directory, so uninstall removes it once empty. */
  static final String MADE_DIR = "# procsweep-hook made-hooks-dir";

  @ParentCommand ProcsweepCommand root;

  @Override
  public void run() {
    throw new ParameterException(root.spec.commandLine().getSubcommands().get("hook"),
        "a subcommand is needed: install or uninstall");
  }

  @Command(name = "install", mixinStandardHelpOptions = true,
      modelTransformer = HelpConventions.class,
      header = "Write .git/hooks/pre-commit (keeping and still running an existing hook).",
      description = {"", "Examples:", "  procsweep hook install",
          "  procsweep hook install --command /opt/procsweep/bin/procsweep"})
  static final class Install implements Callable<Integer> {
    @ParentCommand HookCommand parent;

    @Option(names = "--command", paramLabel = "PATH",
        description = "The procsweep the hook runs. Default: the ./procsweep launcher this"
            + " procsweep was started from, else procsweep on the PATH.")
    Path command;

    @Override
    public Integer call() {
      Path hooks = hooksDir();
      String launcher = command != null ? command.toAbsolutePath().normalize().toString()
          : ownLauncher();
      PrintWriter out = parent.root.spec.commandLine().getOut();
      out.println("procsweep: " + install(hooks, launcher));
      out.flush();
      return ExitCode.OK.code();
    }
  }

  @Command(name = "uninstall", mixinStandardHelpOptions = true,
      modelTransformer = HelpConventions.class,
      header = "Remove the hook install wrote and put back the one it replaced.",
      description = {"", "Example:", "  procsweep hook uninstall"})
  static final class Uninstall implements Callable<Integer> {
    @ParentCommand HookCommand parent;

    @Override
    public Integer call() {
      PrintWriter out = parent.root.spec.commandLine().getOut();
      out.println("procsweep: " + uninstall(hooksDir()));
      out.flush();
      return ExitCode.OK.code();
    }
  }

  /** Installs the hook into {@code hooks}; returns what was done, as one sentence. */
  static String install(Path hooks, String launcher) {
    if (Files.isSymbolicLink(hooks)) {
      throw new UserException("the hooks directory " + hooks + " is a symbolic link procsweep did"
          + " not create; install the hook there by hand");
    }
    Path hook = hooks.resolve(HOOK);
    Path saved = hooks.resolve(HOOK + SAVED_SUFFIX);
    try {
      boolean madeDir = false;
      if (!Files.exists(hooks, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(hooks);
        madeDir = true;
      } else if (!Files.isDirectory(hooks, LinkOption.NOFOLLOW_LINKS)) {
        throw new UserException(hooks + " is not a directory");
      }
      boolean exists = Files.exists(hook, LinkOption.NOFOLLOW_LINKS);
      if (exists && isOurs(hook)) {
        madeDir = read(hook).contains(MADE_DIR + "\n");
        replace(hooks, hook, script(launcher, madeDir));
        return "updated " + hook;
      }
      if (exists && Files.exists(saved, LinkOption.NOFOLLOW_LINKS)) {
        throw new UserException("both " + hook + " and " + saved + " exist, so a hook was"
            + " replaced after procsweep's; move one of them away and install again");
      }
      if (exists && Files.isDirectory(hook, LinkOption.NOFOLLOW_LINKS)) {
        throw new UserException(hook + " is a directory, not a hook");
      }
      Path tmp = Files.createTempFile(hooks, HOOK, ".procsweep-tmp");
      try {
        writeExecutable(tmp, script(launcher, madeDir));
        if (exists) {
          // A rename keeps the old hook's bytes, mode and (if it is one) symlink as they were.
          Files.move(hook, saved, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
          Files.move(tmp, hook, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          if (exists) {
            Files.move(saved, hook, StandardCopyOption.ATOMIC_MOVE);
          }
          throw e;
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      return "installed " + hook + (exists ? "; the earlier hook is now " + saved
          + " and runs first" : "");
    } catch (IOException e) {
      throw new UserException("cannot install the hook in " + hooks + ": " + e.getMessage(), e);
    }
  }

  /** Removes the hook install wrote and renames the saved one back; returns what was done. */
  static String uninstall(Path hooks) {
    if (Files.isSymbolicLink(hooks)) {
      throw new UserException("the hooks directory " + hooks + " is a symbolic link procsweep did"
          + " not create; nothing was changed");
    }
    Path hook = hooks.resolve(HOOK);
    Path saved = hooks.resolve(HOOK + SAVED_SUFFIX);
    try {
      if (!Files.exists(hook, LinkOption.NOFOLLOW_LINKS)) {
        throw new UserException("no procsweep hook is installed in " + hooks);
      }
      if (!isOurs(hook)) {
        throw new UserException(hook + " was not written by 'procsweep hook install'; it is left"
            + " as it is");
      }
      boolean madeDir = read(hook).contains(MADE_DIR + "\n");
      Files.delete(hook);
      if (Files.exists(saved, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(saved, hook, StandardCopyOption.ATOMIC_MOVE);
        return "removed procsweep's hook and restored the earlier " + hook;
      }
      if (madeDir) {
        try (var left = Files.list(hooks)) {
          if (left.findAny().isEmpty()) {
            Files.delete(hooks);
          }
        }
      }
      return "removed " + hook;
    } catch (IOException e) {
      throw new UserException("cannot uninstall the hook in " + hooks + ": " + e.getMessage(), e);
    }
  }

  /** The hook: the saved hook first (its failure stops the commit), then a report-only scan. */
  static String script(String launcher, boolean madeDir) {
    return "#!/bin/sh\n"
        + MARKER + "\n"
        + (madeDir ? MADE_DIR + "\n" : "")
        + "# Written by 'procsweep hook install'; 'procsweep hook uninstall' removes it and puts\n"
        + "# back " + HOOK + SAVED_SUFFIX + " (the hook that was here before), if any.\n"
        + "# Reports leftover processes and stale ports of this repository; never kills.\n"
        + "saved=\"$(dirname \"$0\")/" + HOOK + SAVED_SUFFIX + "\"\n"
        + "if [ -x \"$saved\" ]; then\n"
        + "  \"$saved\" \"$@\" || exit $?\n"
        + "fi\n"
        + "exec " + shellQuote(launcher)
        + " scan --repo . --sample 0 --format table --fail-on high\n";
  }

  static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static boolean isOurs(Path hook) throws IOException {
    return Files.isRegularFile(hook, LinkOption.NOFOLLOW_LINKS)
        && read(hook).startsWith("#!/bin/sh\n" + MARKER + "\n");
  }

  private static String read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      // A hook is a short script; 64 KiB is plenty to find the marker and bounds the read.
      return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
    }
  }

  private static void replace(Path hooks, Path hook, String text) throws IOException {
    Path tmp = Files.createTempFile(hooks, HOOK, ".procsweep-tmp");
    try {
      writeExecutable(tmp, text);
      Files.move(tmp, hook, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void writeExecutable(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      file.toFile().setExecutable(true); // Windows: Git for Windows runs it through sh anyway
    }
  }

  /** git's hooks directory for the current directory's repository (core.hooksPath included). */
  static Path hooksDir() {
    Path cwd = Path.of("").toAbsolutePath();
    String answer;
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "--git-path", "hooks")
          .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
      git.getOutputStream().close();
      answer = new String(git.getInputStream().readNBytes(64 * 1024), StandardCharsets.UTF_8)
          .trim();
      if (!git.waitFor(30, TimeUnit.SECONDS)) {
        git.destroyForcibly();
        throw new UserException("git rev-parse did not answer within 30 seconds");
      }
      if (git.exitValue() != 0) {
        throw new UserException(cwd + " is not inside a git repository (run this in the"
            + " repository the hook is for)");
      }
    } catch (IOException e) {
      throw new UserException("cannot run git to find the hooks directory: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("interrupted while asking git for the hooks directory", e);
    }
    List<String> lines = answer.lines().toList();
    if (lines.isEmpty()) {
      throw new UserException("git did not name a hooks directory for " + cwd);
    }
    return cwd.resolve(lines.get(lines.size() - 1)).normalize();
  }

  /**
   * The {@code procsweep} launcher of the tree this code was loaded from (the jar in
   * {@code X/target/procsweep.jar} or classes in {@code X/target/classes}), else the bare name,
   * for a procsweep on the PATH.
   */
  static String ownLauncher() {
    try {
      Path from = Path.of(HookCommand.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
      Path dir = from.getParent() == null ? null : from.getParent().getParent();
      if (dir != null) {
        Path launcher = dir.resolve("procsweep");
        if (Files.isRegularFile(launcher) && Files.isExecutable(launcher)) {
          return launcher.toAbsolutePath().normalize().toString();
        }
      }
    } catch (URISyntaxException | RuntimeException e) {
      // no code source to go by (a custom class loader): fall back to the PATH
    }
    return "procsweep";
  }
}
