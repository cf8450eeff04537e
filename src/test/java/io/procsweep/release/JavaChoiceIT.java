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
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Acceptance 3 of issue 11: the release launcher (lib/jvm.sh, which the repository launcher
 * sources too) runs the newest JDK of the machine, and Java 17 where that is the only one it can
 * reach; each maps a class-data archive of its own from the second start; an archive that does
 * not fit falls back without a word.
 */
@EnabledOnOs(OS.LINUX)
class JavaChoiceIT {
  private static final String VERSION = System.getProperty("procsweep.version");
  private static final Path JVMS = Path.of("/usr/lib/jvm");
  private static Path root;
  private static Path launcher;
  private static Path otherInstall;
  private static Path work;

  /** A JDK of the system folder, as its release file describes it. */
  record Jdk(Path home, String version, int major) {
    static Optional<Jdk> at(Path dir) {
      Path release = dir.resolve("release");
      if (!Files.isRegularFile(release) || !Files.isExecutable(dir.resolve("bin/java"))) {
        return Optional.empty();
      }
      try {
        return Files.readAllLines(release, StandardCharsets.UTF_8).stream()
            .filter(l -> l.startsWith("JAVA_VERSION="))
            .map(l -> l.substring("JAVA_VERSION=".length()).replace("\"", ""))
            .findFirst()
            .map(v -> new Jdk(real(dir), v, Integer.parseInt(v.split("[^0-9]")[0])));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
  }

  @BeforeAll
  static void unpack() throws Exception {
    Path archive = Path.of(System.getProperty("procsweep.archive",
        "target/procsweep-" + VERSION + ".tar.gz"));
    root = Files.createTempDirectory("procsweep-java-choice");
    Sh.Result tar = Sh.run(root, List.of("tar", "xzf", archive.toAbsolutePath().toString(),
        "-C", root.toString()));
    assertEquals(0, tar.code(), tar.toString());
    launcher = root.resolve("procsweep-" + VERSION + "/bin/procsweep");
    Path other = Files.createDirectories(root.resolve("other"));
    tar = Sh.run(root, List.of("tar", "xzf", archive.toAbsolutePath().toString(),
        "-C", other.toString()));
    assertEquals(0, tar.code(), tar.toString());
    otherInstall = other.resolve("procsweep-" + VERSION + "/bin/procsweep");
    work = Files.createDirectories(root.resolve("work"));
  }

  @AfterAll
  static void remove() throws IOException {
    Sh.deleteTree(root);
  }

  static List<Jdk> systemJdks() throws IOException {
    List<Jdk> jdks = new ArrayList<>();
    try (Stream<Path> s = Files.list(JVMS)) {
      for (Path dir : s.sorted().toList()) {
        Jdk.at(dir).filter(j -> jdks.stream().noneMatch(k -> k.home().equals(j.home())))
            .ifPresent(jdks::add);
      }
    }
    return jdks;
  }

  /** As the machine is: the launcher runs the newest JDK of /usr/lib/jvm (Temurin 25 here). */
  @Test
  void theNewestJdkRunsAndMapsItsArchiveFromTheSecondStart() throws Exception {
    List<Jdk> jdks = Files.isDirectory(JVMS) ? systemJdks() : List.of();
    Assumptions.assumeTrue(jdks.stream().map(Jdk::major).distinct().count() >= 2,
        "a choice needs two JDKs of different majors in /usr/lib/jvm, found " + jdks);
    Jdk newest = jdks.stream().max(Comparator.comparingInt(Jdk::major)).orElseThrow();
    Path cache = Files.createDirectories(root.resolve("cache-newest"));
    runsTwiceWithItsArchive(newest, cache, JavaChoiceIT::asTheMachineIs);
  }

  /**
   * Java 17 the only JDK it can reach: a java link to it on the PATH, no JAVA_HOME, and the
   * system folder hidden (PROCSWEEP_JVM_DIRS, which exists for tests).
   */
  @Test
  void java17RunsWhereItIsTheOnlyJdk() throws Exception {
    Jdk java17 = java17();
    Path cache = Files.createDirectories(root.resolve("cache-17"));
    runsTwiceWithItsArchive(java17, cache, only(java17, root.resolve("only-17-bin")));
  }

  /**
   * An archive at the launcher's path that the JVM cannot use: one made for another install's
   * jar (the JVM would warn about that one), garbage, one made by the other JDK. Each JDK
   * (the newest, and Java 17 alone) runs on: exit 0, nothing on stderr, the report on stdout.
   */
  @Test
  void anArchiveThatDoesNotFitFallsBackSilently() throws Exception {
    Consumer<Map<String, String>> only17 = only(java17(), root.resolve("stale-bin"));
    Path before = null;
    for (Consumer<Map<String, String>> jdk : List.of(JavaChoiceIT::asTheMachineIs, only17)) {
      Path cache = Files.createTempDirectory(root, "cache-stale");
      Path otherCache = Files.createTempDirectory(root, "cache-other");
      Consumer<Map<String, String>> here = withCache(jdk, cache);
      Path archive = trained(launcher, here, cache);
      Path foreign = trained(otherInstall, withCache(jdk, otherCache), otherCache);
      assertTrue(!foreign.equals(archive), "the other install has an archive of its own");

      Files.copy(foreign, archive, StandardCopyOption.REPLACE_EXISTING);
      scanFindsTheFixtureSilently(here);
      Files.write(archive, "not a class-data archive\n".repeat(4096).getBytes(
          StandardCharsets.UTF_8));
      scanFindsTheFixtureSilently(here);
      if (before != null && !before.getFileName().equals(archive.getFileName())) {
        Files.copy(before, archive, StandardCopyOption.REPLACE_EXISTING);
        scanFindsTheFixtureSilently(here);
      }
      before = foreign;
    }
  }

  private static Consumer<Map<String, String>> withCache(Consumer<Map<String, String>> env,
      Path cache) {
    return e -> {
      env.accept(e);
      e.put("XDG_CACHE_HOME", cache.toString());
    };
  }

  /** The archive a first start of that launcher trains. */
  private static Path trained(Path launcher, Consumer<Map<String, String>> env, Path cache)
      throws Exception {
    Sh.Result first = Sh.run(work, env, List.of(launcher.toString(), "--version"));
    assertEquals(0, first.code(), first.toString());
    return onlyArchive(cache);
  }

  static Jdk java17() throws IOException {
    Optional<Jdk> java17 = Files.isDirectory(JVMS)
        ? systemJdks().stream().filter(j -> j.major() == 17).findFirst() : Optional.empty();
    Assumptions.assumeTrue(java17.isPresent(), "no Java 17 in /usr/lib/jvm");
    return java17.get();
  }

  /** As the machine is: no JAVA_HOME or PROCSWEEP_JAVA, the system JVM folder searched. */
  static void asTheMachineIs(Map<String, String> env) {
    env.remove("JAVA_HOME");
    env.remove("PROCSWEEP_JAVA");
    env.remove("PROCSWEEP_JVM_DIRS");
  }

  /**
   * That JDK the only one reachable: a java link to it in folder bin, made here, alone on the
   * PATH before /usr/bin, no JAVA_HOME, and the system folder hidden (PROCSWEEP_JVM_DIRS, which
   * exists for tests).
   */
  static Consumer<Map<String, String>> only(Jdk jdk, Path bin) throws IOException {
    Files.createDirectories(bin);
    Files.deleteIfExists(bin.resolve("java"));
    Files.createSymbolicLink(bin.resolve("java"), jdk.home().resolve("bin/java"));
    return env -> {
      env.remove("JAVA_HOME");
      env.remove("PROCSWEEP_JAVA");
      env.put("PROCSWEEP_JVM_DIRS", "");
      env.put("PATH", bin + ":/usr/bin:/bin");
    };
  }

  /**
   * First start: that JDK runs (--version's second line) and trains an archive of its own in
   * the cache folder. Second start: a scan that finds a real zombie, with the JVM logging where
   * each class came from: procsweep's own came from the archive.
   */
  private static void runsTwiceWithItsArchive(Jdk expected, Path cache,
      Consumer<Map<String, String>> base) throws Exception {
    Consumer<Map<String, String>> env = withCache(base, cache);
    Sh.Result first = Sh.run(work, env, List.of(launcher.toString(), "--version"));
    assertEquals(0, first.code(), first.toString());
    assertEquals("", first.err(), first.toString());
    List<String> lines = first.out().lines().toList();
    assertEquals("procsweep " + VERSION, lines.get(0), first.toString());
    assertTrue(lines.size() == 2 && lines.get(1).startsWith("Java " + expected.version() + " ("),
        "runs Java " + expected.version() + ":\n" + first);
    assertEquals(expected.home(), real(Path.of(lines.get(1).substring(
        lines.get(1).lastIndexOf(") ") + 2))), first.toString());
    Path archive = onlyArchive(cache);
    assertTrue(archive.getFileName().toString().startsWith(
        "procsweep-java" + expected.major() + "-" + expected.version() + "-"), archive.toString());

    Path classLog = root.resolve("class-load-" + expected.major() + ".log");
    scanFindsTheFixtureSilently(e -> {
      env.accept(e);
      e.put("PROCSWEEP_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
    });
    String log = Files.readString(classLog, StandardCharsets.UTF_8);
    assertTrue(log.lines().anyMatch(l -> l.contains(" io.procsweep.cli.Main source: shared "
        + "objects file")), "Main from the archive " + archive + ":\n" + log.lines()
        .filter(l -> l.contains("io.procsweep.cli.Main ")).toList());
    assertEquals(List.of(archive), archives(cache), "no second training");
  }

  private static void scanFindsTheFixtureSilently(Consumer<Map<String, String>> env)
      throws Exception {
    try (Fixture f = Fixture.start("zombie", true)) {
      int zombie = f.pid("zombie");
      Sh.Result r = Sh.run(work, env, List.of(launcher.toString(), "scan", "--sample", "0",
          "--pid", String.valueOf(zombie), "--format", "json"));
      assertEquals(0, r.code(), r.toString());
      assertEquals("", r.err(), r.toString());
      JsonNode doc = new ObjectMapper().readTree(r.out());
      List<Integer> pids = new ArrayList<>();
      doc.get("findings").forEach(x -> pids.add(x.at("/process/pid").asInt()));
      assertEquals(List.of(zombie), pids, r.out());
    }
  }

  private static Path onlyArchive(Path cache) throws IOException {
    List<Path> archives = archives(cache);
    assertEquals(1, archives.size(), "one archive in " + cache + ": " + archives);
    return archives.get(0);
  }

  private static List<Path> archives(Path cache) throws IOException {
    Path dir = cache.resolve("procsweep");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p;
    }
  }
}
