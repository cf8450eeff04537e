package io.procsweep.cli;

import io.procsweep.report.AtomicFiles;
import io.procsweep.report.AtomicFiles.IOConsumer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import picocli.CommandLine;

/** Where a command's result goes: atomically into its {@code --output} file, or stdout. */
final class CommandOutput {
  private CommandOutput() {}

  /**
   * Writes through {@code body} into {@code file} when one is given, saying so on stderr as
   * "{@code what} written to FILE", else to standard output.
   */
  static void emit(CommandLine cl, Path file, String what, IOConsumer<Writer> body)
      throws IOException {
    if (file != null) {
      writeFile(file, body);
      cl.getErr().println("procsweep: " + what + " written to " + file);
    } else {
      PrintWriter out = cl.getOut();
      body.accept(out);
      out.flush();
    }
  }

  /** Writes {@code file} atomically; a failure is one sentence for the user. */
  static void writeFile(Path file, IOConsumer<Writer> body) {
    try {
      AtomicFiles.write(file, body);
    } catch (IOException e) {
      throw new UserException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
