package io.procsweep.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.procsweep.testing.Fixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Acceptance 1 of issue 10: the release archive {@code mvn package} builds, unpacked into a
 * temporary prefix and run as an installed program, through a symlink in another folder, from
 * a third folder.
 */
@EnabledOnOs(OS.LINUX)
class ReleaseArchiveIT {
  private static final String VERSION = System.getProperty("procsweep.version");
  private static Path root;
  private static Path prefix;
  private static Path link;
  private static Path elsewhere;

  @BeforeAll
  static void unpack() throws Exception {
    Path archive = Path.of(System.getProperty("procsweep.archive",
        "target/procsweep-" + VERSION + ".tar.gz"));
    assertTrue(Files.isRegularFile(archive), "mvn package builds " + archive);
    root = Files.createTempDirectory("procsweep-release");
    Path opt = Files.createDirectories(root.resolve("opt"));
    Sh.Result tar = Sh.run(root, List.of("tar", "xzf", archive.toAbsolutePath().toString(),
        "-C", opt.toString()));
    assertEquals(0, tar.code(), tar.toString());
    prefix = opt.resolve("procsweep-" + VERSION);
    Path bin = Files.createDirectories(root.resolve("usr-local-bin"));
    link = bin.resolve("procsweep");
    // Relative, as `ln -s ../../opt/...` would make it: resolved against the link's folder.
    Files.createSymbolicLink(link, bin.relativize(prefix.resolve("bin/procsweep")));
    elsewhere = Files.createDirectories(root.resolve("work"));
  }

  @AfterAll
  static void remove() throws IOException {
    Sh.deleteTree(root);
  }

  @Test
  void layoutHasTheLauncherTheJarJnasLibraryManPagesAndCompletion() {
    assertTrue(Files.isExecutable(prefix.resolve("bin/procsweep")));
    assertTrue(Files.isRegularFile(prefix.resolve("lib/procsweep.jar")));
    assertTrue(Files.isRegularFile(prefix.resolve("lib/native/linux-x86-64/libjnidispatch.so")));
    assertTrue(Files.isRegularFile(prefix.resolve("share/man/man1/procsweep.1")));
    assertTrue(Files.isRegularFile(prefix.resolve("share/bash-completion/completions/procsweep")));
    assertTrue(Files.isRegularFile(prefix.resolve("share/zsh/site-functions/_procsweep")));
  }

  @Test
  void scansThroughASymlinkFromAnotherFolder() throws Exception {
    try (Fixture f = Fixture.start("zombie", true)) {
      int zombie = f.pid("zombie");
      Sh.Result r = Sh.run(elsewhere, List.of(link.toString(), "scan", "--sample", "0",
          "--pid", String.valueOf(zombie), "--format", "json"));
      assertEquals(0, r.code(), r.toString());
      JsonNode doc = new ObjectMapper().readTree(r.out());
      assertEquals("procsweep/report/v2", doc.get("schema").asText(), r.out());
      assertEquals(VERSION, doc.at("/tool/version").asText());
      List<Integer> pids = new ArrayList<>();
      doc.get("findings").forEach(x -> pids.add(x.at("/process/pid").asInt()));
      assertEquals(List.of(zombie), pids, r.out());
    }
  }

  @Test
  void versionIsThePomVersion() throws Exception {
    Sh.Result r = Sh.run(elsewhere, List.of(link.toString(), "--version"));
    assertEquals(0, r.code(), r.toString());
    assertEquals("procsweep " + VERSION, r.out().lines().findFirst().orElse(""));
  }

  /**
   * JNA's library comes from lib/native: an empty JNA temp folder stays empty while a command
   * that signals through JNA runs (JNA would otherwise unpack libjnidispatch there).
   */
  @Test
  void jnaLoadsItsLibraryFromLibNativeWithoutUnpacking() throws Exception {
    Path jnaTmp = Files.createDirectories(root.resolve("jna-tmp"));
    try (Fixture f = Fixture.start("stopped", true)) {
      int stopped = f.pid("stopped");
      Sh.Result r = Sh.run(elsewhere,
          env -> env.put("JAVA_TOOL_OPTIONS", "-Djna.tmpdir=" + jnaTmp),
          List.of(link.toString(), "plan", "--mode", "safe", "--pid", String.valueOf(stopped),
              "--format", "json"));
      assertEquals(0, r.code(), r.toString());
      try (Stream<Path> s = Files.list(jnaTmp)) {
        assertEquals(List.of(), s.toList());
      }
    }
  }

  @Test
  void manPageOfScanRendersWithItsOptions() throws Exception {
    Assumptions.assumeTrue(Sh.installed("man") && Sh.installed("col"),
        "man-db and bsdextrautils are not installed (.ci/run installs them)");
    Path page = prefix.resolve("share/man/man1/procsweep-scan.1");
    Sh.Result r = Sh.run(elsewhere, env -> {
      env.put("MANWIDTH", "80");
      env.put("MANPAGER", "cat");
    }, List.of("sh", "-c", "man -l \"$1\" | col -b", "sh", page.toString()));
    assertEquals(0, r.code(), r.toString());
    for (String s : List.of("procsweep-scan", "Scan every process", "SYNOPSIS", "OPTIONS",
        "--sample DURATION", "--pid PID", "-f, --format", "--fail-on SEVERITY", "EXIT STATUS",
        "Exit codes with --format nagios")) {
      assertTrue(r.out().contains(s), s + " in\n" + r.out());
    }
  }

  /** Every page renders without a troff warning: what the generator escapes, it escapes right. */
  @Test
  void everyManPageRendersWithoutWarnings() throws Exception {
    Assumptions.assumeTrue(Sh.installed("man"),
        "man-db is not installed (.ci/run installs it)");
    List<Path> pages;
    try (Stream<Path> s = Files.list(prefix.resolve("share/man/man1"))) {
      pages = s.sorted().toList();
    }
    assertTrue(pages.size() >= 10, "a page per command: " + pages);
    for (Path page : pages) {
      Sh.Result r = Sh.run(elsewhere, env -> env.put("MANWIDTH", "80"),
          List.of("man", "--warnings=all", "-l", "-Tutf8", page.toString()));
      assertEquals(0, r.code(), page + ": " + r);
      assertEquals("", r.err(), page + " renders without warnings");
    }
  }

  @Test
  void bashCompletionRegistersAndCompletesSubcommands() throws Exception {
    Path script = prefix.resolve("share/bash-completion/completions/procsweep");
    Sh.Result r = Sh.run(elsewhere, List.of("bash", "-c", String.join("\n",
        "source \"$1\"",
        "complete -p procsweep",
        "COMP_WORDS=(procsweep sc); COMP_CWORD=1; COMP_LINE='procsweep sc'; COMP_POINT=12",
        "_complete_procsweep procsweep sc procsweep",
        "printf 'offer %s\\n' \"${COMPREPLY[@]}\""), "bash", script.toString()));
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("complete ")
        && l.endsWith(" procsweep")), r.toString());
    Set<String> offered = new TreeSet<>();
    r.out().lines().filter(l -> l.startsWith("offer ")).forEach(l -> offered.add(l.substring(6)));
    assertEquals(Set.of("scan", "schedule"), offered, r.toString());
  }

  /**
   * zsh, interactive in a pseudo-terminal (zpty), with share/zsh/site-functions on its fpath:
   * a Tab after "procsweep scan --sam" completes the option.
   */
  @Test
  void zshCompletionCompletesAnOption() throws Exception {
    Assumptions.assumeTrue(Sh.installed("zsh"), "zsh is not installed (.ci/run installs it)");
    Path script = root.resolve("complete.zsh");
    Files.writeString(script, String.join("\n",
        "zmodload zsh/zpty",
        "zpty z \"HOME=$3 TERM=dumb PATH=$2:\\$PATH zsh -f -i\"",
        "zpty -w z \"fpath=($1 \\$fpath); autoload -U compinit; compinit -u -D\"",
        "zpty -w -n z $'procsweep scan --sam\\t'",
        "zpty -r -m z out '*procsweep scan --sample *' && print -r -- completed",
        "zpty -d z", ""), StandardCharsets.UTF_8);
    Sh.Result r = Sh.run(elsewhere, List.of("timeout", "60", "zsh", "-f", script.toString(),
        prefix.resolve("share/zsh/site-functions").toString(), link.getParent().toString(),
        elsewhere.toString()));
    assertEquals(0, r.code(), r.toString());
    assertEquals("completed", r.out().strip(), r.toString());
  }

  @Test
  void launcherRefusesAJavaOlderThan17WithOneSentence() throws Exception {
    Path stubs = Files.createDirectories(root.resolve("old-java"));
    Path stub = stubs.resolve("java");
    Files.writeString(stub, "#!/bin/sh\n"
        + "echo 'openjdk version \"11.0.22\" 2024-01-16' >&2\n"
        + "echo 'OpenJDK Runtime Environment (build 11.0.22+7)' >&2\n", StandardCharsets.UTF_8);
    assertTrue(stub.toFile().setExecutable(true));
    // The system JVM folder hidden (PROCSWEEP_JVM_DIRS, for tests): the stub is all there is.
    Sh.Result r = Sh.run(elsewhere, env -> {
      env.remove("JAVA_HOME");
      env.remove("PROCSWEEP_JAVA");
      env.put("PROCSWEEP_JVM_DIRS", "");
      env.put("PATH", stubs + ":/usr/bin:/bin");
    }, List.of(link.toString(), "--version"));
    assertEquals(3, r.code(), r.toString());
    assertEquals("", r.out());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.toString());
    assertTrue(lines.get(0).contains("needs Java 17 or newer")
        && lines.get(0).contains(stub + " (PATH, version 11)"), r.toString());

    // JAVA_HOME is looked at too; PROCSWEEP_JAVA is the only one looked at when set.
    String realJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Sh.Result home = Sh.run(elsewhere, env -> {
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.remove("PROCSWEEP_JAVA");
      env.put("PROCSWEEP_JVM_DIRS", "");
      env.put("PATH", stubs + ":/usr/bin:/bin");
    }, List.of(link.toString(), "--version"));
    assertEquals(0, home.code(), home.toString());
    Sh.Result forced = Sh.run(elsewhere, env -> {
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.put("PROCSWEEP_JAVA", stub.toString());
    }, List.of(link.toString(), "--version"));
    assertEquals(3, forced.code(), forced.toString());
    assertTrue(forced.err().contains(stub + " (PROCSWEEP_JAVA, version 11)"), forced.toString());
    Sh.Result explicit = Sh.run(elsewhere, env -> {
      env.remove("JAVA_HOME");
      env.put("PROCSWEEP_JAVA", realJava);
      env.put("PATH", stubs + ":/usr/bin:/bin");
    }, List.of(link.toString(), "--version"));
    assertEquals(0, explicit.code(), explicit.toString());
    // Even where the system folder holds a newer JDK.
    assertTrue(explicit.out().lines().skip(1).findFirst().orElse("")
        .endsWith(") " + System.getProperty("java.home")), explicit.toString());
  }
}
