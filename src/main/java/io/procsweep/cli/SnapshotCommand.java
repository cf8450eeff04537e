package io.procsweep.cli;

import io.procsweep.report.SnapshotJsonWriter;
import io.procsweep.snapshot.Backend;
import io.procsweep.snapshot.Snapshot;
import io.procsweep.snapshot.SnapshotSources;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code procsweep snapshot}: the raw inventory scans start from. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
    modelTransformer = HelpConventions.class,
    header = "Print every process and listening socket as read (procsweep/snapshot/v1 JSON).",
    description = {"No rules are applied; this is the input a scan classifies.", "",
        "Examples:", "  procsweep snapshot --output snapshot.json",
        "  procsweep snapshot --format json | jq '.listeners[] | select(.port==8000)'"})
final class SnapshotCommand implements Callable<Integer> {
  enum Format { json }

  @ParentCommand ProcsweepCommand root;

  @Option(names = {"-f", "--format"}, paramLabel = "json", defaultValue = "json",
      description = "Output format (only json). Default: ${DEFAULT-VALUE}.")
  Format format = Format.json;

  @Option(names = "--backend", paramLabel = "auto|proc|oshi", defaultValue = "auto",
      description = "Process table reader. Default: ${DEFAULT-VALUE}.")
  Backend backend = Backend.AUTO;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write to FILE (atomically) instead of standard output.")
  Path output;

  @Override
  public Integer call() throws Exception {
    Snapshot snapshot = SnapshotSources.create(backend).read(true);
    SnapshotJsonWriter writer = new SnapshotJsonWriter();
    String version = ProcsweepCommand.version();
    CommandOutput.emit(root.spec.commandLine(), output, "snapshot",
        w -> writer.write(snapshot, version, w));
    return ExitCode.OK.code();
  }
}
