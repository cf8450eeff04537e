package io.procsweep.rules;

import io.procsweep.platform.fs.BoundedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns what a user names ({@code --rules FILE|DIR}) and the shipped defaults into
 * {@link RuleInput}s. Kept apart from the loader so that loading stays free of I/O and tests
 * feed it text directly.
 */
public final class RuleInputs {
  /**
   * The largest rule file read (1 MiB): the shipped rule sets are a few KiB, and the cap keeps
   * {@code --rules /dev/zero} or a mistyped path to a disk image from running procsweep out of
   * memory.
   */
  public static final long MAX_BYTES = 1024 * 1024;

  private RuleInputs() {}

  /**
   * A file, or every {@code *.yaml} / {@code *.yml} file directly in a folder in name order (so
   * layering is the same on every machine). Diagnostics name each file by the path as given.
   *
   * @throws java.nio.file.FileSystemException naming the cause in its reason, never the file's
   *     content: {@code no such file}, {@code permission denied}, {@code not a regular file
   *     (fifo)}, {@code larger than 1 MiB}
   */
  public static List<RuleInput> fromPath(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return List.of(read(path));
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(path)) {
      s.filter(p -> {
        String n = p.getFileName().toString();
        return (n.endsWith(".yaml") || n.endsWith(".yml")) && Files.isRegularFile(p);
      }).forEach(files::add);
    }
    files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    List<RuleInput> out = new ArrayList<>();
    for (Path p : files) {
      out.add(read(p));
    }
    return out;
  }

  /**
   * A rule file bundled in the jar, e.g. {@code rules/default.yaml}, named
   * {@code builtin:rules/default.yaml} in diagnostics and reports.
   *
   * @throws NoSuchFileException when the jar does not hold it
   */
  public static RuleInput builtin(String resource) throws IOException {
    try (InputStream in = RuleInputs.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new NoSuchFileException("builtin:" + resource);
      }
      return new RuleInput("builtin:" + resource,
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /**
   * The file's directory with symlinks resolved: where the user keeps the rule file is their
   * choice, so it is followed once here; pid-file globs below it are then walked without
   * following any symlink.
   */
  private static Path directory(Path file) throws IOException {
    return file.toAbsolutePath().getParent().toRealPath();
  }

  private static RuleInput read(Path p) throws IOException {
    // Malformed UTF-8 is replaced rather than fatal: the YAML reader then reports a precise
    // position instead of an I/O error without one.
    byte[] bytes = BoundedFiles.readRegular(p, MAX_BYTES);
    return new RuleInput(p.toString(), new String(bytes, StandardCharsets.UTF_8), directory(p));
  }
}
