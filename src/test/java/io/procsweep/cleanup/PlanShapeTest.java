package io.procsweep.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plan fields that grouped parent actions and port holders added: {@code zombies} (optional,
 * so plans saved before still read) and a terminate's {@code processes} (holders, then target).
 */
class PlanShapeTest {
  private static final String HEAD = "{\"schema\":\"procsweep/plan/v1\",\"mode\":\"safe\","
      + "\"createdAt\":\"2026-11-21T12:00:00.000Z\",\"graceMs\":5000,\"host\":\"h\","
      + "\"platform\":\"linux\",\"ruleSets\":[],\"actions\":[";

  private static String proc(int pid, String state) {
    return "{\"pid\":" + pid + ",\"startTime\":\"2026-11-21T11:00:00.000Z\",\"startTimeMs\":"
        + (1_700_000_000_000L + pid) + ",\"name\":\"p" + pid + "\",\"user\":\"alice\","
        + "\"uid\":1000,\"state\":\"" + state + "\"}";
  }

  private static String action(String kind, String target, String processes, String zombies) {
    return "{\"action\":\"" + kind + "\",\"target\":" + target + ",\"pidfile\":null,"
        + "\"finding\":{\"rule\":\"r\",\"category\":\"zombie\",\"severity\":\"medium\"},"
        + "\"steps\":[{\"signal\":\"" + (kind.equals("signal-parent") ? "SIGCHLD" : "SIGTERM")
        + "\",\"waitMs\":5000}],\"processes\":[" + processes + "],\"excluded\":[],"
        + (zombies == null ? "" : "\"zombies\":[" + zombies + "],")
        + "\"reason\":null,\"detail\":null,\"note\":null,\"description\":\"x\"}";
  }

  private static Plan read(String action) throws Exception {
    return new PlanJsonReader().read(new StringReader(HEAD + action + "]}"), "plan.json");
  }

  @Test
  void aPlanSavedBeforeGroupingReadsAsOneZombie() throws Exception {
    Plan p = read(action("signal-parent", proc(4242, "zombie"), proc(4100, "sleeping"), null));
    SignalParent s = assertInstanceOf(SignalParent.class, p.actions().get(0));
    assertEquals(List.of(4242), s.zombies().stream().map(Target::pid).toList());
  }

  @Test
  void zombiesAreReadAndTheTargetIsTheLowest() throws Exception {
    Plan p = read(action("signal-parent", proc(4242, "zombie"), proc(4100, "sleeping"),
        proc(4243, "zombie") + "," + proc(4242, "zombie")));
    SignalParent s = assertInstanceOf(SignalParent.class, p.actions().get(0));
    assertEquals(List.of(4242, 4243), s.zombies().stream().map(Target::pid).toList());
    PlanFormatException e = assertThrows(PlanFormatException.class, () -> read(action(
        "signal-parent", proc(4243, "zombie"), proc(4100, "sleeping"),
        proc(4243, "zombie") + "," + proc(4242, "zombie"))));
    assertTrue(e.getMessage().contains("actions[0].target"), e.getMessage());
  }

  @Test
  void onlyParentActionsListZombies() {
    PlanFormatException e = assertThrows(PlanFormatException.class, () -> read(action(
        "terminate", proc(5000, "sleeping"), proc(5000, "sleeping"), proc(4242, "zombie"))));
    assertTrue(e.getMessage().contains("actions[0].zombies"), e.getMessage());
  }

  @Test
  void aTerminatesProcessesAreItsPortHoldersThenItself() throws Exception {
    Plan p = read(action("terminate", proc(5000, "sleeping"),
        proc(5002, "sleeping") + "," + proc(5000, "sleeping"), null));
    Terminate t = assertInstanceOf(Terminate.class, p.actions().get(0));
    assertEquals(List.of(5002), t.holders().stream().map(Target::pid).toList());
    PlanFormatException e = assertThrows(PlanFormatException.class, () -> read(action(
        "terminate", proc(5000, "sleeping"), proc(5002, "sleeping"), null)));
    assertTrue(e.getMessage().contains("actions[0].processes"), e.getMessage());
  }
}
