package io.procsweep.cli;

import io.procsweep.report.AtomicFiles;
import io.procsweep.platform.fs.FsException;
import io.procsweep.report.AtomicFiles.IOConsumer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Where a command's result goes: into its {@code --output} file (atomically for a regular file,
 * straight into a FIFO or device as a shell redirect would), or stdout.
 */
final class CommandOutput {
  private CommandOutput() {}

  /**
   * Writes through {@code body} into {@code file} when one is given, saying so on stderr as
   * "{@code what} written to FILE", else to standard output.
   */
  static void emit(CommandLine cl, Path file, String what, IOConsumer<Writer> body)
      throws IOException {
    if (file != null) {
      writeOutput(file, body);
      cl.getErr().println("procsweep: " + what + " written to " + file);
    } else {
      PrintWriter out = cl.getOut();
      body.accept(out);
      out.flush();
    }
  }

  /**
   * Writes {@code --output} {@code file} as {@link AtomicFiles#write} does; a failure is one
   * sentence naming the option and the file: {@code --output /: is a directory}.
   */
  static void writeOutput(Path file, IOConsumer<Writer> body) {
    try {
      AtomicFiles.write(file, body);
    } catch (IOException e) {
      throw new UserException("--output " + file + ": " + why(file, e), e);
    }
  }

  /** Writes {@code file} as {@link AtomicFiles#write} does; a failure is one sentence. */
  static void writeFile(Path file, IOConsumer<Writer> body) {
    try {
      AtomicFiles.write(file, body);
    } catch (IOException e) {
      throw new UserException("cannot write " + file + ": " + why(file, e), e);
    }
  }

  /** Why writing {@code file} failed, without repeating its name when the error is about it. */
  private static String why(Path file, IOException e) {
    if (Files.isDirectory(file)) {
      return "is a directory"; // "/" has no file name, "/tmp" is not a regular file: one answer
    }
    if (e instanceof FsException f
        && f.path().normalize().equals(file.toAbsolutePath().normalize())) {
      return f.detail();
    }
    return e.getMessage();
  }

  /**
   * Writes {@code file} ({@code --save}) with no symlink followed anywhere on its absolute path
   * ({@link AtomicFiles#writeNoFollow}); a failure is one sentence.
   */
  static void saveFile(Path file, IOConsumer<Writer> body) {
    try {
      AtomicFiles.writeNoFollow(file, body);
    } catch (IOException e) {
      throw new UserException("cannot save " + file + ": " + e.getMessage(), e);
    }
  }
}
