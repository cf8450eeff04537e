package io.procsweep.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The repository launcher {@code ./procsweep}, in a copy of this tree (its own target/, so the
 * build under test never touches the one the other tests use): concurrent first launches take
 * turns on the build, a symlink on the PATH runs the tree's jar, a failed build exits 3.
 */
@EnabledOnOs(OS.LINUX)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RepositoryLauncherIT {
  private static final String VERSION = System.getProperty("procsweep.version");
  private static Path root;
  private static Path tree;
  private static Path link;
  private static Path elsewhere;

  /** The working tree's files, not a clone of the last commit: what is being tested is here. */
  @BeforeAll
  static void copyTree() throws IOException {
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    root = Files.createTempDirectory("procsweep-launcher");
    tree = root.resolve("procsweep-src");
    for (String part : List.of("procsweep", "pom.xml", "README.md", "rules", "src/main",
        "src/assembly", "src/release")) {
      copy(base.resolve(part), tree.resolve(part));
    }
    Path bin = Files.createDirectories(root.resolve("bin"));
    link = bin.resolve("procsweep");
    Files.createSymbolicLink(link, tree.resolve("procsweep"));
    elsewhere = Files.createDirectories(root.resolve("work"));
  }

  @AfterAll
  static void remove() throws IOException {
    Sh.deleteTree(root);
  }

  @Test
  @Order(1)
  void twoLaunchesWhileTheJarIsMissingBothRunAndOnlyOneBuilds() throws Exception {
    assertFalse(Files.exists(tree.resolve("target/procsweep.jar")));
    List<String> viaLink = List.of(link.toString(), "--version");
    List<String> direct = List.of(tree.resolve("procsweep").toString(), "--version");
    Process a = Sh.start(elsewhere, env -> { }, viaLink);
    Process b = Sh.start(tree, env -> { }, direct);
    Sh.Result ra = Sh.finish(a, viaLink);
    Sh.Result rb = Sh.finish(b, direct);
    assertEquals(0, ra.code(), ra.toString());
    assertEquals(0, rb.code(), rb.toString());
    assertEquals("procsweep " + VERSION, ra.out().lines().findFirst().orElse(""));
    assertEquals("procsweep " + VERSION, rb.out().lines().findFirst().orElse(""));
    long builds = Stream.of(ra.err(), rb.err()).flatMap(String::lines)
        .filter(l -> l.startsWith("procsweep: building the jar")).count();
    assertEquals(1, builds, "one build, the other launch waits for it:\n" + ra + "\n" + rb);
    String builder = ra.err().lines().anyMatch(l -> l.startsWith("procsweep: building the jar"))
        ? ra.err() : rb.err();
    // Progress while building: a line per Maven step, the compiler's among them.
    assertTrue(builder.lines().anyMatch(l -> l.matches("procsweep: +\\d+ s  compiler:compile")),
        builder);
    assertTrue(builder.contains("procsweep: built " + tree.resolve("target/procsweep.jar")),
        builder);
  }

  @Test
  @Order(2)
  void aBuiltTreeRunsThroughTheSymlinkWithoutBuilding() throws Exception {
    Sh.Result r = Sh.run(elsewhere, List.of(link.toString(), "--version"));
    assertEquals(0, r.code(), r.toString());
    assertFalse(r.err().contains("building"), r.toString());
  }

  /**
   * The repository launcher sources the release archive's lib/jvm.sh (JavaChoiceIT tests the
   * choice in depth): as the machine is, the newest JDK; with Java 17 the only one reachable,
   * Java 17; each with an archive of its own in target/.
   */
  @Test
  @Order(3)
  void runsTheNewestJdkOrTheOnlyOneWithAnArchiveEachInTarget() throws Exception {
    List<JavaChoiceIT.Jdk> jdks = JavaChoiceIT.systemJdks();
    JavaChoiceIT.Jdk newest = jdks.stream()
        .max(java.util.Comparator.comparingInt(JavaChoiceIT.Jdk::major)).orElseThrow();
    JavaChoiceIT.Jdk java17 = JavaChoiceIT.java17();
    Assumptions.assumeTrue(newest.major() > 17, "Java 17 is the newest JDK here: " + jdks);
    for (var run : List.of(
        Map.entry(newest, (Consumer<Map<String, String>>) JavaChoiceIT::asTheMachineIs),
        Map.entry(java17, JavaChoiceIT.only(java17, root.resolve("only-17"))))) {
      Sh.Result r = Sh.run(elsewhere, run.getValue(), List.of(link.toString(), "--version"));
      assertEquals(0, r.code(), r.toString());
      assertEquals("", r.err(), r.toString());
      assertTrue(r.out().lines().skip(1).findFirst().orElse("")
          .startsWith("Java " + run.getKey().version() + " ("), r.toString());
      try (Stream<Path> s = Files.list(tree.resolve("target"))) {
        String prefix = "procsweep-java" + run.getKey().major() + "-";
        assertEquals(1, s.filter(p -> p.getFileName().toString().startsWith(prefix)).count(),
            prefix + "* in target/");
      }
    }
  }

  /** Exit 3 (the scan could not run), not 1, which a CI gate reads as findings. */
  @Test
  @Order(4)
  void aFailedBuildExits3AndNamesItsLog() throws Exception {
    Path main = tree.resolve("src/main/java/io/procsweep/cli/Main.java");
    Files.writeString(main, Files.readString(main, StandardCharsets.UTF_8) + "\nnot java\n",
        StandardCharsets.UTF_8);
    Sh.Result r = Sh.run(elsewhere, List.of(link.toString(), "scan", "--sample", "0"));
    assertEquals(3, r.code(), r.toString());
    assertEquals("", r.out());
    assertTrue(r.err().contains("procsweep: build failed; see " + tree.resolve(
        "target.build.log")), r.toString());
    assertTrue(Files.readString(tree.resolve("target.build.log")).contains("COMPILATION ERROR"));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
