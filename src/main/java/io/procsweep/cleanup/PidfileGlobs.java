package io.procsweep.cleanup;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Expands pid-file globs ({@code .run/*.pid}, {@code /var/run/app/**}{@code /*.pid}) with the
 * JDK's glob syntax. Patterns are split on {@code /}, never parsed as paths first: {@code *}
 * is not a legal path character on Windows.
 */
final class PidfileGlobs {
  private PidfileGlobs() {}

  /** Every regular file any glob matches, relative globs resolved against {@code base}; sorted. */
  static List<Path> expand(Path base, List<String> globs) {
    TreeSet<Path> out = new TreeSet<>();
    for (String glob : globs) {
      expandOne(base, glob, out);
    }
    return new ArrayList<>(out);
  }

  private static void expandOne(Path base, String glob, TreeSet<Path> out) {
    boolean absolute = glob.startsWith("/");
    String[] parts = glob.split("/+");
    Path dir = absolute ? base.getRoot() : base;
    int i = 0;
    for (; i < parts.length; i++) {
      if (hasMeta(parts[i])) {
        break;
      }
      if (!parts[i].isEmpty()) {
        dir = dir.resolve(parts[i]);
      }
    }
    if (i == parts.length) {
      if (Files.isRegularFile(dir)) {
        out.add(dir.normalize());
      }
      return;
    }
    if (!Files.isDirectory(dir)) {
      return;
    }
    String rest = String.join("/", Arrays.copyOfRange(parts, i, parts.length));
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
    int depth = rest.contains("**") ? Integer.MAX_VALUE : parts.length - i;
    Path root = dir;
    try {
      Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), depth,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && matcher.matches(root.relativize(file))) {
                out.add(file.normalize());
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              // An unreadable directory holds no pid file we could check anyway.
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // walkFileTree only throws what the visitor throws, and ours never does.
    }
  }

  private static boolean hasMeta(String part) {
    for (char c : part.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return true;
      }
    }
    return false;
  }
}
