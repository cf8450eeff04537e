package io.procsweep.schedule;

import java.util.regex.Pattern;

/**
 * Path syntax of the machine a job runs on, which need not be this one: a Windows task is often
 * written on Linux, where {@code java.nio} would call {@code C:\ProgramData} relative.
 */
public enum PathStyle {
  POSIX('/') {
    @Override
    public boolean isAbsolute(String path) {
      return path.startsWith("/");
    }
  },
  WINDOWS('\\') {
    private final Pattern absolute = Pattern.compile("^([A-Za-z]:\\\\|\\\\\\\\[^\\\\]+\\\\).*");

    @Override
    public boolean isAbsolute(String path) {
      return absolute.matcher(path).matches();
    }

    @Override
    String normalize(String path) {
      return path.replace('/', '\\');
    }
  };

  private final char separator;

  PathStyle(char separator) {
    this.separator = separator;
  }

  public abstract boolean isAbsolute(String path);

  String normalize(String path) {
    return path;
  }

  /** The directory holding {@code path}; the root stays itself ({@code /}, {@code C:\}). */
  public String parent(String path) {
    String p = normalize(path);
    int at = p.lastIndexOf(separator);
    if (at < 0) {
      return p;
    }
    String dir = p.substring(0, at);
    // "/state.json" lives in "/", "C:\state.json" in "C:\".
    return dir.isEmpty() || dir.endsWith(":") ? dir + separator : dir;
  }

  /** {@code dir} and a file name in it. */
  public String join(String dir, String name) {
    String d = normalize(dir);
    return d.endsWith(String.valueOf(separator)) ? d + name : d + separator + name;
  }
}
