package io.procsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's pre-commit runs this repository's {@code .pre-commit-hooks.yaml} with {@code try-repo}
 * in a temporary git repository, as a user's config would: pre-commit clones this repository (its
 * committed HEAD) and the {@code ./procsweep} launcher builds the jar there on first use. One
 * pre-commit home for the class, so that build happens once.
 */
@EnabledOnOs(OS.LINUX)
class PreCommitHooksTest {
  private static final Path BASE =
      Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();

  @TempDir static Path home;
  @TempDir Path dir;

  @BeforeAll
  static void needsPreCommit() throws Exception {
    Assumptions.assumeTrue(onPath("pre-commit"), "Debian's pre-commit is not installed"
        + " (apt-get install -y pre-commit; .ci/run does)");
    Assumptions.assumeTrue(onPath("mvn"), "the launcher needs Maven to build the jar");
  }

  @Test
  void rulesValidateHookPassesAGoodRuleFileAndFailsABadOneWithItsPosition() throws Exception {
    Path repo = repo(Map.of("procsweep-rules.yaml", """
        version: 1
        rules:
          - id: my-stale-server
            category: stale-listener
            severity: medium
            when:
              name: {in: [my-server]}
        """, "notes.yaml", "not: [a rule file\n"));
    Run good = tryRepo(repo, "procsweep-rules-validate");
    assertEquals(0, good.code(), good.out());
    assertTrue(good.out().contains("procsweep rules validate") && good.out().contains("Passed"),
        good.out());

    Files.writeString(repo.resolve("procsweep-rules.yaml"), """
        version: 1
        rules:
          - id: my-stale-server
            category: stale-listener
            severity: hig
            when:
              name: {in: [my-server]}
        """);
    Run bad = tryRepo(repo, "procsweep-rules-validate");
    assertNotEquals(0, bad.code(), bad.out());
    assertTrue(bad.out().contains("Failed"), bad.out());
    assertTrue(bad.out().contains("procsweep-rules.yaml:5:"), bad.out());
    // notes.yaml does not match the hook's files pattern, so it was never handed to procsweep.
    assertTrue(!bad.out().contains("notes.yaml"), bad.out());
  }

  @Test
  void leftoversHookRunsOnPushAndManualStagesOnly() throws Exception {
    Path repo = repo(Map.of("README", "x\n"));
    // The default (commit) stage does not include it: commits stay fast.
    Run commitStage = tryRepo(repo, "procsweep-leftovers");
    assertNotEquals(0, commitStage.code(), commitStage.out());
    assertTrue(commitStage.out().contains("No hook with id `procsweep-leftovers` in stage"),
        commitStage.out());
  }

  @Test
  void leftoversHookPassesInARepositoryThatLeftNothingBehind() throws Exception {
    Assumptions.assumeTrue(scanKnowsRepo(), "scan --repo is not in this build yet; the"
        + " hook's scope needs it");
    Path repo = repo(Map.of("README", "x\n"));
    Run r = tryRepo(repo, "procsweep-leftovers", "--hook-stage", "manual");
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("Passed"), r.out());
  }

  @Test
  void leftoversHookFailsOnAStoppedListenerOfTheRepositoryAndLeavesItAlone() throws Exception {
    Assumptions.assumeTrue(scanKnowsRepo(), "scan --repo is not in this build yet; the"
        + " hook's scope needs it");
    Path repo = repo(Map.of("README", "x\n"));
    // A server started from the repository that holds its port while stopped: high, and in the
    // repository's scope by its working directory.
    Process server = new ProcessBuilder("python3", "-c", "import os, signal, socket\n"
        + "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n"
        + "print(s.getsockname()[1], flush=True)\n"
        + "os.kill(os.getpid(), signal.SIGSTOP)\n")
        .directory(repo.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      String port = new java.io.BufferedReader(new java.io.InputStreamReader(
          server.getInputStream(), StandardCharsets.UTF_8)).readLine();
      assertTrue(port != null && port.matches("\\d+"), "the server listens: " + port);
      awaitStopped(server.pid());

      Run r = tryRepo(repo, "procsweep-leftovers", "--hook-stage", "manual");
      assertNotEquals(0, r.code(), r.out());
      assertTrue(r.out().contains("Failed"), r.out());
      assertTrue(r.out().contains("stale-listener-stopped"), r.out());
      assertTrue(r.out().contains(Long.toString(server.pid())), r.out());
      // Report only: the server is still there, still stopped.
      assertTrue(server.isAlive());
      assertEquals('T', state(server.pid()));
    } finally {
      server.destroyForcibly();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static void awaitStopped(long pid) throws Exception {
    for (int i = 0; i < 500 && state(pid) != 'T'; i++) {
      Thread.sleep(10);
    }
    assertEquals('T', state(pid), "the server stopped itself");
  }

  private static char state(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return stat.charAt(stat.lastIndexOf(')') + 2);
  }

  private static boolean scanKnowsRepo() {
    StringWriter out = new StringWriter();
    Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "scan", "--help");
    return out.toString().contains("--repo");
  }

  record Run(int code, String out) {}

  private Run tryRepo(Path repo, String hook, String... more) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("pre-commit", "try-repo", BASE.toString(), hook,
        "--all-files"));
    cmd.addAll(List.of(more));
    Path out = dir.resolve("pre-commit.out");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile())
        .redirectErrorStream(true).redirectOutput(out.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("PRE_COMMIT_HOME", home.toString());
    pb.environment().put("PRE_COMMIT_COLOR", "never");
    pb.environment().remove("PROCSWEEP_CLASSPATH");
    Process p = pb.start();
    if (!p.waitFor(600, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("pre-commit try-repo did not finish");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  private Path repo(Map<String, String> files) throws Exception {
    Path repo = Files.createDirectory(dir.resolve("repo"));
    assertEquals(0, HookInstallTest.git(repo, Map.of(), "init", "-q"));
    for (var e : files.entrySet()) {
      Files.writeString(repo.resolve(e.getKey()), e.getValue());
    }
    assertEquals(0, HookInstallTest.git(repo, Map.of(), "add", "."));
    assertEquals(0, HookInstallTest.git(repo, Map.of(), "commit", "-q", "-m", "one"));
    return repo;
  }

  private static boolean onPath(String tool) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "command -v " + tool)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }
}
