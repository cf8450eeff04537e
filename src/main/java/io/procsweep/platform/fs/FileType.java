package io.procsweep.platform.fs;

/** What kind of file a directory entry is, read without following symlinks. */
public enum FileType {
  REGULAR("regular"),
  DIRECTORY("directory"),
  SYMLINK("symlink"),
  FIFO("fifo"),
  CHAR_DEVICE("char-device"),
  BLOCK_DEVICE("block-device"),
  SOCKET("socket"),
  UNKNOWN("unknown");

  private final String label;

  FileType(String label) {
    this.label = label;
  }

  /** A lower-case word for messages and reports. */
  public String label() {
    return label;
  }

  /** The type in a {@code st_mode}; the S_IFMT bits are the same on Linux and macOS. */
  static FileType fromMode(int mode) {
    switch (mode & 0170000) {
      case 0100000:
        return REGULAR;
      case 0040000:
        return DIRECTORY;
      case 0120000:
        return SYMLINK;
      case 0010000:
        return FIFO;
      case 0020000:
        return CHAR_DEVICE;
      case 0060000:
        return BLOCK_DEVICE;
      case 0140000:
        return SOCKET;
      default:
        return UNKNOWN;
    }
  }
}
