package io.procsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procsweep.cleanup.CleanupSamples;
import io.procsweep.cleanup.Mode;
import io.procsweep.cleanup.Outcome;
import io.procsweep.cleanup.Plan;
import java.io.IOException;
import java.io.StringWriter;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatsTest {

  @Test
  void aScanHasEveryFormatAPlanAndAnOutcomeTableAndJson() {
    assertEquals(EnumSet.allOf(Format.class), Formats.SCAN.formats());
    for (Formats.Kind<?> kind : List.of(Formats.PLAN, Formats.OUTCOME)) {
      assertEquals(EnumSet.of(Format.table, Format.json), kind.formats(), kind.name());
    }
  }

  @Test
  void theScanWritersAreTheReportWriters() {
    TableOptions layout = new TableOptions(100, true);
    assertInstanceOf(TableReportWriter.class, Formats.SCAN.writer(Format.table, layout));
    assertInstanceOf(JsonReportWriter.class, Formats.SCAN.writer(Format.json, layout));
    assertInstanceOf(JunitReportWriter.class, Formats.SCAN.writer(Format.junit, layout));
    assertInstanceOf(MarkdownReportWriter.class, Formats.SCAN.writer(Format.markdown, layout));
    assertInstanceOf(PrometheusReportWriter.class,
        Formats.SCAN.writer(Format.prometheus, layout));
    assertInstanceOf(NagiosReportWriter.class, Formats.SCAN.writer(Format.nagios, layout));
  }

  @Test
  void aPlanCannotBeWrittenAsJunit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Formats.PLAN.writer(Format.junit, TableOptions.defaults()));
    assertEquals("a plan cannot be written as junit", e.getMessage());
  }

  @Test
  void aPlanWriterWritesWhatTheWriterItStandsForWrites() throws IOException {
    Plan plan = CleanupSamples.plan(Mode.FORCED);
    TableOptions layout = new TableOptions(90, false);
    StringWriter viaRegistry = new StringWriter();
    Formats.PLAN.writer(Format.table, layout).write(plan, viaRegistry);
    StringWriter direct = new StringWriter();
    new PlanTable(90).write(plan, direct);
    assertEquals(direct.toString(), viaRegistry.toString());

    StringWriter json = new StringWriter();
    Formats.PLAN.writer(Format.json, layout).write(plan, json);
    assertTrue(json.toString().startsWith("{"), json.toString());
  }

  @Test
  void anOutcomeTableUsesTheGivenWidth() throws IOException {
    Outcome dry = CleanupSamples.dryRun(CleanupSamples.plan(Mode.FORCED));
    for (int width : new int[] {60, 200}) {
      StringWriter viaRegistry = new StringWriter();
      Formats.OUTCOME.writer(Format.table, new TableOptions(width, false)).write(dry, viaRegistry);
      StringWriter direct = new StringWriter();
      new OutcomeTable(width).write(dry, direct);
      assertEquals(direct.toString(), viaRegistry.toString());
    }
  }

  @Test
  void theRegistryCannotBeChangedFromOutside() {
    assertThrows(UnsupportedOperationException.class,
        () -> Formats.PLAN.formats().remove(Format.json));
  }
}
