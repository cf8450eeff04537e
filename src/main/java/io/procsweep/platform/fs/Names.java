package io.procsweep.platform.fs;

/** Checks that a name is one directory entry, so no operation can walk elsewhere. */
final class Names {
  private Names() {}

  static String entry(String name) {
    if (name == null || name.isEmpty() || name.equals(".") || name.equals("..")
        || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a single file name: " + name);
    }
    return name;
  }
}
