package io.procsweep.rules;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Rule files parsed at build time ({@link RawTreeCacheBuilder}), found by the sha256 of their
 * text: the shipped rules load without starting the YAML parser, and a file whose text differs
 * by one byte (a user's copy, a rules folder edited after the build) simply is not found and is
 * parsed from its YAML.
 */
final class RawTreeCache {
  /** Where the build puts the trees, in the jar and in target/classes. */
  static final String FOLDER = "rules/trees/";

  /** The trees built into procsweep's own jar. */
  static final RawTreeCache SHIPPED = new RawTreeCache(RawTreeCache.class.getClassLoader());

  private final ClassLoader loader;

  RawTreeCache(ClassLoader loader) {
    this.loader = loader;
  }

  /** The tree parsed from text with this sha256, or null when none was built (or it is unusable). */
  RawNode find(String sha256) {
    try (InputStream in = loader.getResourceAsStream(name(sha256))) {
      return in == null ? null : RawTreeCodec.read(new BufferedInputStream(in), sha256);
    } catch (IOException e) {
      return null;
    }
  }

  static String name(String sha256) {
    return FOLDER + sha256 + ".bin";
  }
}
