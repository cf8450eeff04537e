package io.procsweep.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The .deb the pom's deb profile builds where dpkg-deb exists: its files, extracted into a
 * temporary root, run as installed (/usr/bin/procsweep a link into /usr/lib/procsweep) and its
 * gzipped man pages render.
 */
@EnabledOnOs(OS.LINUX)
class DebPackageIT {
  private static final String VERSION = System.getProperty("procsweep.version");

  @Test
  void extractedPackageRunsAndItsManPageRenders() throws Exception {
    Assumptions.assumeTrue(Files.exists(Path.of("/usr/bin/dpkg-deb")),
        "dpkg-deb is not installed, so the pom's deb profile built no package");
    Path target = Path.of(System.getProperty("procsweep.target", "target"));
    Path deb = target.resolve("procsweep_" + VERSION.replace('-', '~') + "_all.deb");
    assertTrue(Files.isRegularFile(deb), "mvn package builds " + deb);
    Path root = Files.createTempDirectory("procsweep-deb");
    try {
      Sh.Result info = Sh.run(root, List.of("dpkg-deb", "--field", deb.toAbsolutePath()
          .toString(), "Package", "Version", "Architecture", "Depends"));
      assertEquals(0, info.code(), info.toString());
      assertEquals(List.of("Package: procsweep", "Version: " + VERSION.replace('-', '~'),
          "Architecture: all",
          "Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless"),
          info.out().lines().toList());
      Path usr = root.resolve("root");
      Sh.Result x = Sh.run(root, List.of("dpkg-deb", "-x", deb.toAbsolutePath().toString(),
          usr.toString()));
      assertEquals(0, x.code(), x.toString());
      assertTrue(Files.isSymbolicLink(usr.resolve("usr/bin/procsweep")));
      assertTrue(Files.isRegularFile(usr.resolve(
          "usr/share/bash-completion/completions/procsweep")));
      assertTrue(Files.isRegularFile(usr.resolve("usr/share/zsh/vendor-completions/_procsweep")));
      try (Stream<Path> s = Files.list(usr.resolve("usr/lib/procsweep"))) {
        assertEquals(List.of("bin", "lib"), s.map(p -> p.getFileName().toString()).sorted()
            .toList());
      }
      Sh.Result version = Sh.run(root, List.of(usr.resolve("usr/bin/procsweep").toString(),
          "--version"));
      assertEquals(0, version.code(), version.toString());
      assertEquals("procsweep " + VERSION, version.out().lines().findFirst().orElse(""));

      Assumptions.assumeTrue(Sh.installed("man") && Sh.installed("col"),
          "man-db and bsdextrautils are not installed (.ci/run installs them)");
      Sh.Result man = Sh.run(root, env -> env.put("MANWIDTH", "80"), List.of("sh", "-c",
          "man -l \"$1\" | col -b", "sh",
          usr.resolve("usr/share/man/man1/procsweep-scan.1.gz").toString()));
      assertEquals(0, man.code(), man.toString());
      assertTrue(man.out().contains("EXIT STATUS"), man.out());
    } finally {
      Sh.deleteTree(root);
    }
  }
}
