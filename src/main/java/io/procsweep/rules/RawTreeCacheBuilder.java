package io.procsweep.rules;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Build step (process-classes): parses each shipped rule file once and writes its tree for
 * {@link RawTreeCache}, so no run of procsweep parses them again. A shipped file that is not
 * valid YAML fails the build here rather than at every user's first scan.
 *
 * <p>Usage: {@code RawTreeCacheBuilder RULES_DIR CLASSES_DIR}.
 */
public final class RawTreeCacheBuilder {
  private RawTreeCacheBuilder() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: RawTreeCacheBuilder RULES_DIR CLASSES_DIR");
    }
    Path folder = Path.of(args[1]).resolve(RawTreeCache.FOLDER);
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of(args[0]))) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
    }
    // Trees of earlier versions of the files would only take room in the jar.
    if (Files.isDirectory(folder)) {
      try (Stream<Path> old = Files.list(folder)) {
        for (Path p : old.collect(Collectors.toList())) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(folder);
    for (Path file : files) {
      String content = Files.readString(file, StandardCharsets.UTF_8);
      String sha = RuleLoader.sha256(content);
      Diagnostics diagnostics = new Diagnostics();
      RawNode root = new YamlTreeReader().read(content,
          diagnostics.file(0, file.getFileName().toString(), content));
      if (!diagnostics.isEmpty() || root == null) {
        throw new IllegalStateException("shipped rule file " + file + " is not valid YAML: "
            + diagnostics.sorted().stream().map(DiagnosticPrinter::format)
                .collect(Collectors.joining("\n")));
      }
      try (OutputStream out = Files.newOutputStream(folder.resolve(sha + ".bin"))) {
        RawTreeCodec.write(root, sha, out);
      }
    }
    System.out.println("RawTreeCacheBuilder: " + files.size() + " rule files parsed into "
        + folder);
  }
}
