package io.procsweep.cli;

import io.procsweep.report.Format;
import io.procsweep.report.Formats;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Which {@link Format} a command prints its result in. */
final class OutputFormat {
  private OutputFormat() {}

  /**
   * The explicit choice, else a table for a person at a terminal and JSON for a pipe or a
   * file: what reads a file or a pipe is usually a program; failing that, the document's first
   * format. An explicit format the document does not have (see {@link Formats}) is refused in
   * one sentence. The terminal is asked only when no format was given.
   */
  static Format choose(Formats.Kind<?> kind, Format explicit, boolean toFile,
      Supplier<Terminal> terminal) {
    if (explicit == null) {
      Format usual = !toFile && terminal.get().stdout() ? Format.table : Format.json;
      return kind.supports(usual) ? usual : kind.formats().iterator().next();
    }
    if (!kind.supports(explicit)) {
      throw new UserException(kind.name() + " cannot be written as " + explicit + "; use "
          + kind.formats().stream().map(Format::name).collect(Collectors.joining(" or ")));
    }
    return explicit;
  }
}
