package io.procsweep.platform;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.util.OptionalInt;

/**
 * What the terminal behind a file descriptor is: whether there is one (isatty) and how wide it
 * is (ioctl TIOCGWINSZ). Asked of stdout alone: {@code System.console()} is null as soon as
 * stdin is not a terminal, and {@code scan < /dev/null} on a terminal still prints for a
 * person. Fails soft: without libc (Windows, JNA's native library missing) there is no
 * terminal to measure, and {@code System.console()} says whether there is one.
 */
public final class Tty {
  public static final int STDIN = 0;
  public static final int STDOUT = 1;

  // <asm-generic/ioctls.h> on Linux; _IOR('t', 104, struct winsize) on macOS and the BSDs.
  private static final long TIOCGWINSZ_LINUX = 0x5413L;
  private static final long TIOCGWINSZ_BSD = 0x40087468L;

  private Tty() {}

  /**
   * Whether {@code fd} is a terminal. Without libc (Windows, JNA's native library missing) the
   * JDK's answer, which needs stdin and stdout both to be one.
   */
  public static boolean isTerminal(int fd) {
    UnixLibc c = libc();
    if (c == null) {
      return System.console() != null;
    }
    return c.isatty(fd) == 1;
  }

  /**
   * The width of the terminal {@code fd} is, in columns; empty when it is not a terminal, the
   * call fails, or the terminal reports 0 (a pty nobody sized, as some CI runners make).
   */
  public static OptionalInt columns(int fd) {
    UnixLibc c = libc();
    Os os = Os.current();
    if (c == null || (os != Os.LINUX && os != Os.MACOS)) {
      return OptionalInt.empty();
    }
    // struct winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; }
    try (Memory winsize = new Memory(8)) {
      winsize.clear();
      c.ioctl(fd, new NativeLong(os == Os.LINUX ? TIOCGWINSZ_LINUX : TIOCGWINSZ_BSD), winsize);
      int cols = Short.toUnsignedInt(winsize.getShort(2));
      return cols > 0 ? OptionalInt.of(cols) : OptionalInt.empty();
    } catch (LastErrorException e) {
      return OptionalInt.empty(); // ENOTTY: a pipe or a file
    }
  }

  private static UnixLibc libc() {
    if (Os.current() == Os.WINDOWS) {
      return null;
    }
    try {
      return UnixLibc.shared();
    } catch (LinkageError e) {
      return null;
    }
  }
}
