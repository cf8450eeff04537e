package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code procsweep hook install|uninstall} on a real git repository, with real commits running
 * the hook: an existing hook keeps working (first, its failure stops the commit) and uninstall
 * puts it back byte for byte, mode included.
 */
@DisabledOnOs(OS.WINDOWS)
class HookInstallTest {
  @TempDir Path dir;

  @Test
  void keepsAnExistingHookRunningFirstAndUninstallRestoresItByteForByte() throws Exception {
    Path repo = repo();
    Path log = dir.resolve("hook.log");
    Path hooks = repo.resolve(".git/hooks");
    Path old = hooks.resolve("pre-commit");
    byte[] oldBytes = ("#!/bin/sh\n# the team's own hook \u00e9\n"
        + "echo old >> '" + log + "'\nexit ${OLD_HOOK_EXIT:-0}\n")
        .getBytes(StandardCharsets.UTF_8);
    Files.write(old, oldBytes);
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-x---"));
    var listingBefore = listing(hooks);
    // Stands in for procsweep so the hook chain is what is tested, not a scan of this machine.
    Path stub = dir.resolve("fake-procsweep");
    Files.writeString(stub, "#!/bin/sh\necho \"procsweep $*\" >> '" + log + "'\n");
    Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwx------"));

    Cli.Result install = Cli.run(repo, "hook", "install", "--command", stub.toString());
    assertEquals(0, install.code(), install.err());
    assertTrue(install.out().contains("pre-commit.procsweep-saved"), install.out());

    assertEquals(0, git(repo, Map.of(), "commit", "-q", "--allow-empty", "-m", "two"));
    assertEquals(List.of("old", "procsweep scan --repo . --sample 0 --format table --fail-on high"),
        Files.readAllLines(log));

    // The earlier hook's failure stops the commit, and procsweep's scan does not run.
    Files.delete(log);
    assertNotEquals(0, git(repo, Map.of("OLD_HOOK_EXIT", "7"), "commit", "-q", "--allow-empty",
        "-m", "three"));
    assertEquals(List.of("old"), Files.readAllLines(log));

    // A second install updates procsweep's hook and does not save it over the team's.
    assertEquals(0, Cli.run(repo, "hook", "install", "--command", stub.toString()).code());

    Cli.Result uninstall = Cli.run(repo, "hook", "uninstall");
    assertEquals(0, uninstall.code(), uninstall.err());
    assertArrayEquals(oldBytes, Files.readAllBytes(old));
    assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(old)));
    assertEquals(listingBefore, listing(hooks));
  }

  @Test
  void uninstallLeavesAHookItDidNotWriteAlone() throws Exception {
    Path repo = repo();
    Path hook = repo.resolve(".git/hooks/pre-commit");
    byte[] bytes = "#!/bin/sh\nexit 0\n".getBytes(StandardCharsets.UTF_8);
    Files.write(hook, bytes);

    Cli.Result r = Cli.run(repo, "hook", "uninstall");
    assertEquals(2, r.code());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("was not written by 'procsweep hook install'"), r.err());
    assertArrayEquals(bytes, Files.readAllBytes(hook));
  }

  @Test
  void installWithoutAnEarlierHookAndUninstallLeaveTheHooksDirAsItWas() throws Exception {
    Path repo = repo();
    Path hooks = repo.resolve(".git/hooks");
    var before = listing(hooks);

    Cli.Result r = Cli.run(repo, "hook", "install");
    assertEquals(0, r.code(), r.err());
    String script = Files.readString(hooks.resolve("pre-commit"));
    // By default the hook runs the ./procsweep launcher of the tree procsweep came from.
    Path launcher = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .resolve("procsweep").toAbsolutePath().normalize();
    assertTrue(script.contains("exec '" + launcher + "' scan --repo ."), script);
    assertTrue(Files.isExecutable(hooks.resolve("pre-commit")));

    assertEquals(0, Cli.run(repo, "hook", "uninstall").code());
    assertEquals(before, listing(hooks));
  }

  @Test
  void refusesASymlinkedHooksDirectory() throws Exception {
    Path repo = repo();
    Path hooks = repo.resolve(".git/hooks");
    Path elsewhere = Files.createDirectory(dir.resolve("shared-hooks"));
    deleteTree(hooks);
    Files.createSymbolicLink(hooks, elsewhere);

    Cli.Result r = Cli.run(repo, "hook", "install");
    assertEquals(2, r.code());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("is a symbolic link"), r.err());
    try (var left = Files.list(elsewhere)) {
      assertEquals(0, left.count(), "nothing is written through the link");
    }
  }

  @Test
  void outsideARepositoryIsOneSentence() throws Exception {
    Path plain = Files.createDirectory(dir.resolve("not-a-repo"));
    Cli.Result r = Cli.run(plain, "hook", "install");
    assertEquals(2, r.code());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("is not inside a git repository"), r.err());
    assertNotEquals("", r.err());
  }

  private Path repo() throws IOException, InterruptedException {
    Path repo = Files.createDirectory(dir.resolve("repo"));
    assertEquals(0, git(repo, Map.of(), "init", "-q"));
    assertEquals(0, git(repo, Map.of(), "commit", "-q", "--allow-empty", "-m", "one"));
    Files.createDirectories(repo.resolve(".git/hooks"));
    return repo;
  }

  static int git(Path repo, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c",
        "user.email=t@example.invalid", "-c", "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("git " + String.join(" ", args) + " did not finish");
    }
    return p.exitValue();
  }

  private static TreeSet<String> listing(Path hooks) throws IOException {
    try (var s = Files.list(hooks)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  @Test
  void scriptQuotesTheLauncherPath() {
    assertFalse(HookCommand.script("/a b/it's", false).contains("exec /a b"));
    assertTrue(HookCommand.script("/a b/it's", false).contains("exec '/a b/it'\\''s' scan"));
  }
}
