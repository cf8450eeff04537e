package io.procsweep.rules;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * A pid-file glob, compiled once: the rule loader validates with it and the pid-file walk
 * expands with it, so the two can never disagree (issue 6: {@code run/{a.pid} passed one and
 * crashed the other).
 *
 * <p>Syntax: {@link Globs}' ({@code * ? [abc] [!a-z]}, backslash escapes) within one path
 * component, so {@code *} never crosses {@code /}; {@code **} as a whole component matches zero
 * or more directories; {@code {a,b}} alternatives (nestable, no {@code /} needed inside, an
 * unclosed {@code {} is an error). {@code ..} is refused: a glob never walks up.
 */
public final class PathGlob {
  /** Brace expansion multiplies; past this a glob is a mistake, not a list of pid files. */
  static final int MAX_BRANCHES = 64;

  private final String source;
  private final List<Branch> branches;

  private PathGlob(String source, List<Branch> branches) {
    this.source = source;
    this.branches = List.copyOf(branches);
  }

  /** One path component of a branch. */
  public sealed interface Segment permits Literal, Match, AnyDepth {
    /** Whether a directory entry name matches this component. */
    boolean matches(String name);
  }

  /** A component without wildcards: opened by name, never listed. */
  public record Literal(String name) implements Segment {
    @Override
    public boolean matches(String other) {
      return name.equals(other);
    }
  }

  /** A component with wildcards, matched against each entry of a listed directory. */
  public record Match(String glob, Pattern regex) implements Segment {
    @Override
    public boolean matches(String name) {
      return regex.matcher(name).matches();
    }
  }

  /** {@code **}: zero or more directories. */
  public record AnyDepth() implements Segment {
    @Override
    public boolean matches(String name) {
      return true;
    }
  }

  /** One alternative after brace expansion: absolute, or relative to the rule file's directory. */
  public record Branch(boolean absolute, List<Segment> segments) {
    public Branch {
      segments = List.copyOf(segments);
    }
  }

  /**
   * Compiles {@code source}.
   *
   * @throws IllegalArgumentException with a reason that completes "invalid glob '...': "
   */
  public static PathGlob compile(String source) {
    if (source.isEmpty()) {
      throw new IllegalArgumentException("it is empty");
    }
    if (source.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("it holds a NUL character");
    }
    Globs.toRegex(source); // bracket and escape errors, with positions in the whole glob
    List<String> expanded = new ArrayList<>();
    expand(source, expanded);
    List<Branch> branches = new ArrayList<>();
    for (String b : expanded) {
      branches.add(branch(b));
    }
    return new PathGlob(source, branches);
  }

  public String source() {
    return source;
  }

  public List<Branch> branches() {
    return branches;
  }

  /** True when every branch is absolute, so no base directory is needed. */
  public boolean absolute() {
    return branches.stream().allMatch(Branch::absolute);
  }

  /** Expands the first top-level brace group, then the rest, recursively. */
  private static void expand(String glob, List<String> out) {
    int open = -1;
    int depth = 0;
    List<Integer> commas = new ArrayList<>();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = bracketEnd(glob, i);
      } else if (c == '{') {
        if (depth++ == 0) {
          open = i;
        }
      } else if (c == ',' && depth == 1) {
        commas.add(i);
      } else if (c == '}' && depth > 0 && --depth == 0) {
        String head = glob.substring(0, open);
        String tail = glob.substring(i + 1);
        int from = open + 1;
        commas.add(i);
        for (int end : commas) {
          expand(head + glob.substring(from, end) + tail, out);
          from = end + 1;
        }
        return;
      }
    }
    if (depth > 0) {
      throw new IllegalArgumentException(
          "the '{' at character " + (open + 1) + " is never closed");
    }
    if (out.size() >= MAX_BRANCHES) {
      throw new IllegalArgumentException(
          "its {...} alternatives expand to more than " + MAX_BRANCHES + " globs");
    }
    out.add(glob);
  }

  /** The index of the ']' closing the bracket at {@code start} (Globs validated it). */
  private static int bracketEnd(String glob, int start) {
    int i = start + 1;
    if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
      i++;
    }
    boolean first = true;
    for (; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == ']' && !first) {
        return i;
      }
      if (c == '\\') {
        i++;
      }
      first = false;
    }
    return glob.length();
  }

  private static Branch branch(String glob) {
    boolean absolute = glob.startsWith("/");
    List<Segment> segments = new ArrayList<>();
    for (String part : glob.split("/+")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw new IllegalArgumentException("'..' is not allowed: a pid-file glob never walks up");
      }
      if (part.equals("**")) {
        segments.add(new AnyDepth());
      } else if (hasUnescaped(part, "**")) {
        throw new IllegalArgumentException(
            "'**' must be a whole path component, as in 'run/**/*.pid'");
      } else if (hasWildcard(part)) {
        segments.add(new Match(part, Pattern.compile(Globs.toRegex(part))));
      } else {
        segments.add(new Literal(unescape(part)));
      }
    }
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("it names no file");
    }
    if (segments.get(segments.size() - 1) instanceof Literal
        && ((Literal) segments.get(segments.size() - 1)).name().isEmpty()) {
      throw new IllegalArgumentException("it names no file");
    }
    return new Branch(absolute, segments);
  }

  private static boolean hasWildcard(String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '*' || c == '?' || c == '[') {
        return true;
      }
    }
    return false;
  }

  private static boolean hasUnescaped(String part, String needle) {
    for (int i = 0; i < part.length(); i++) {
      if (part.charAt(i) == '\\') {
        i++;
      } else if (part.startsWith(needle, i)) {
        return true;
      }
    }
    return false;
  }

  private static String unescape(String part) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '\\' && i + 1 < part.length()) {
        c = part.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathGlob && ((PathGlob) o).source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }
}
