package io.procsweep.cleanup;

import static io.procsweep.cleanup.LiveRun.actionFor;
import static io.procsweep.cleanup.LiveRun.alive;
import static io.procsweep.cleanup.LiveRun.allSent;
import static io.procsweep.cleanup.LiveRun.awaitGone;
import static io.procsweep.cleanup.LiveRun.makeSignalling;
import static io.procsweep.cleanup.LiveRun.outcome;
import static io.procsweep.cleanup.LiveRun.sentIn;
import static io.procsweep.cleanup.LiveRun.target;
import static io.procsweep.cleanup.LiveRun.writePlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.procsweep.testing.Cli;
import io.procsweep.testing.Fixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved plan is untrusted input (issue 6): real fixtures, a real plan saved by {@code
 * procsweep plan}, then edited as someone with write access to the file would, then {@code
 * clean --plan}. Whatever the edit, nothing outside what a fresh plan made now allows is
 * signalled: the victim is still alive and the audit log records no signal sent to it. Every
 * run is scoped to the fixture's marker or pid.
 */
@EnabledOnOs(OS.LINUX)
class SavedPlanTrustTest {
  @TempDir Path dir;
  private LiveRun run;

  @BeforeEach
  void setUp() {
    run = new LiveRun(dir);
  }

  private void assertUntouched(int pid, JsonNode outcome) throws Exception {
    assertTrue(alive(pid), "pid " + pid + " was ended");
    assertEquals(List.of(), sentIn(outcome, pid), outcome.toString());
    assertEquals(List.of(), run.auditedSignals(pid, "intent"), run.auditText());
    assertEquals(List.of(), run.auditedSignals(pid, "sent"), run.auditText());
  }

  /** Nothing was even attempted: the run was refused before any signal. */
  private void assertNothingAudited(int pid) throws Exception {
    assertTrue(alive(pid), "pid " + pid + " was ended");
    assertEquals(List.of(), run.auditedSignals(pid, "intent"), run.auditText());
    assertEquals(List.of(), run.auditedSignals(pid, "sent"), run.auditText());
  }

  @Test
  void aProtectedNameStaysProtectedWhenThePlanIsEditedToKillIt() throws Exception {
    try (Fixture f = Fixture.start("orphan", true)) {
      int o = f.pid("orphan");
      Path rules = run.file("protect.yaml", "version: 1\nsubreapers: [psweep-reaper]\n"
          + "protect:\n  names: [psweep-fixture]\n");
      Path plan = dir.resolve("plan.json");
      ObjectNode doc = run.plan(plan, "--mode", "forced", "--rules", rules.toString(),
          "--match", f.marker());
      ObjectNode a = actionFor(doc, o);
      assertEquals("none", a.get("action").asText(), doc.toString());
      assertEquals("protected", a.get("reason").asText());

      makeSignalling(a, "kill-tree", 500, "SIGTERM", "SIGTERM", "SIGKILL");
      writePlan(plan, doc);
      Cli.Result r = run.clean("--plan", plan.toString(), "--yes", "--rules", rules.toString(),
          "--match", f.marker());

      assertEquals(0, r.code(), r.err() + r.out());
      JsonNode out = outcome(r);
      JsonNode t = target(out, o);
      assertEquals("preserved", t.get("status").asText(), out.toString());
      assertEquals("protected", t.get("reason").asText());
      assertUntouched(o, out);
    }
  }

  @Test
  void aKillTreeRetargetedAtAProtectedProcessLeavesItAlone() throws Exception {
    try (Fixture victim = Fixture.start("orphan", true);
        Fixture legit = Fixture.start("orphan", true)) {
      int v = victim.pid("orphan");
      int l = legit.pid("orphan");
      Path rules = run.file("protect.yaml", "version: 1\nsubreapers: [psweep-reaper]\n"
          + "protect:\n  cmdline_regex: ['" + victim.marker() + "']\n");
      String match = victim.marker() + "|" + legit.marker();
      Path plan = dir.resolve("plan.json");
      ObjectNode doc = run.plan(plan, "--mode", "forced", "--rules", rules.toString(),
          "--match", match);
      ObjectNode a = actionFor(doc, l);
      assertEquals("kill-tree", a.get("action").asText(), doc.toString());
      JsonNode victimIdentity = actionFor(doc, v).get("target").deepCopy();

      // The legitimate kill-tree, pointed at the protected process (its real identity).
      a.set("target", victimIdentity);
      a.putArray("processes").add(victimIdentity.deepCopy());
      writePlan(plan, doc);
      Cli.Result r = run.clean("--plan", plan.toString(), "--yes", "--grace", "1s",
          "--rules", rules.toString(), "--match", match);

      JsonNode out = outcome(r);
      for (JsonNode t : out.get("targets")) {
        if (t.at("/target/pid").asInt() == v) {
          assertTrue(List.of("preserved", "skipped").contains(t.get("status").asText()),
              out.toString());
        }
      }
      assertUntouched(v, out);
      assertUntouched(l, out); // no longer in the plan: nothing may act on it either
    }
  }

  @Test
  void anotherUsersProcessStaysUntouchedInSafeModeWhenThePlanIsEditedToTerminateIt()
      throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "skipped: making another user's process needs root");
    try (Fixture f = Fixture.start("other-user-orphan", true)) {
      int o = f.pid("orphan");
      assertEquals("65534", uidOf(o), "the fixture runs as nobody");
      Path rules = run.subreaperRules();
      Path plan = dir.resolve("plan.json");
      ObjectNode doc = run.plan(plan, "--mode", "safe", "--rules", rules.toString(),
          "--match", f.marker());
      ObjectNode a = actionFor(doc, o);
      assertEquals("none", a.get("action").asText(), doc.toString());
      assertEquals("other-user", a.get("reason").asText());

      makeSignalling(a, "terminate", 500, "SIGTERM");
      writePlan(plan, doc);
      Cli.Result r = run.clean("--plan", plan.toString(), "--yes", "--rules", rules.toString(),
          "--match", f.marker());

      JsonNode out = outcome(r);
      JsonNode t = target(out, o);
      assertEquals("skipped", t.get("status").asText(), out.toString());
      assertEquals("other-user", t.get("reason").asText());
      assertUntouched(o, out);
    }
  }

  /** A plan for a TERM-ignoring orphan in safe mode: SIGKILL would be the only way to end it. */
  private record SafePlan(Fixture fixture, int orphan, Path rules, Path plan, ObjectNode doc) {}

  private SafePlan safePlanForStubbornOrphan(Fixture f) throws Exception {
    int o = f.pid("orphan");
    Path rules = run.subreaperRules();
    Path plan = dir.resolve("plan.json");
    ObjectNode doc = run.plan(plan, "--mode", "safe", "--rules", rules.toString(),
        "--match", f.marker());
    ObjectNode a = actionFor(doc, o);
    assertEquals("terminate", a.get("action").asText(), doc.toString());
    return new SafePlan(f, o, rules, plan, doc);
  }

  @Test
  void aDuplicateModeKeyCannotTurnASafePlanForced() throws Exception {
    try (Fixture f = Fixture.start("stubborn-orphan", true)) {
      SafePlan p = safePlanForStubbornOrphan(f);
      String text = Files.readString(p.plan(), StandardCharsets.UTF_8);
      Matcher m = Pattern.compile("\"mode\"\\s*:\\s*\"safe\"").matcher(text);
      assertTrue(m.find(), text);
      // A lenient reader keeps the last value: forced.
      Files.writeString(p.plan(), text.substring(0, m.end()) + ", \"mode\": \"forced\""
          + text.substring(m.end()), StandardCharsets.UTF_8);

      Cli.Result r = run.clean("--plan", p.plan().toString(), "--yes", "--grace", "1s",
          "--rules", p.rules().toString(), "--match", f.marker());

      assertEquals(2, r.code(), r.err() + r.out());
      assertTrue(r.err().contains("twice"), r.err());
      assertEquals(1, r.err().strip().lines().count(), "one sentence: " + r.err());
      assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
      assertNothingAudited(p.orphan());
    }
  }

  @Test
  void aSafePlanClaimingWindowsCannotSendSigkillOnLinux() throws Exception {
    try (Fixture f = Fixture.start("stubborn-orphan", true)) {
      SafePlan p = safePlanForStubbornOrphan(f);
      p.doc().put("platform", "windows");
      makeSignalling(actionFor(p.doc(), p.orphan()), "terminate", 500, "SIGTERM", "SIGKILL");
      writePlan(p.plan(), p.doc());

      Cli.Result r = run.clean("--plan", p.plan().toString(), "--yes", "--grace", "1s",
          "--rules", p.rules().toString(), "--match", f.marker());

      // Refused outright (the plan is for another platform), or carried out without SIGKILL.
      if (r.code() != 2) {
        JsonNode out = outcome(r);
        assertFalse(allSent(out).contains("SIGKILL"), out.toString());
      } else {
        assertEquals(1, r.err().strip().lines().count(), "one sentence: " + r.err());
      }
      assertTrue(alive(p.orphan()), "safe mode ended a TERM-ignoring process");
      assertEquals(List.of(), run.auditedSignals(p.orphan(), "sent").stream()
          .filter(s -> s.equals("SIGKILL") || s.equals("SIGSTOP")).toList(), run.auditText());
    }
  }

  @Test
  void aSafePlanEditedToEscalateSendsOnlySigterm() throws Exception {
    try (Fixture f = Fixture.start("stubborn-orphan", true)) {
      SafePlan p = safePlanForStubbornOrphan(f);
      makeSignalling(actionFor(p.doc(), p.orphan()), "terminate", 300,
          "SIGTERM", "SIGKILL", "SIGKILL");
      writePlan(p.plan(), p.doc());

      Cli.Result r = run.clean("--plan", p.plan().toString(), "--yes", "--grace", "1s",
          "--rules", p.rules().toString(), "--match", f.marker());

      assertEquals(4, r.code(), "the TERM-ignoring orphan survives safe mode: " + r.err()
          + r.out());
      JsonNode out = outcome(r);
      JsonNode t = target(out, p.orphan());
      assertEquals("survived", t.get("status").asText(), out.toString());
      assertEquals(List.of("SIGTERM"), sentIn(out, p.orphan()));
      assertEquals(List.of("SIGTERM"), run.auditedSignals(p.orphan(), "sent"), run.auditText());
      assertTrue(alive(p.orphan()));
    }
  }

  @Test
  void aPlanWithoutItsHostIsRefused() throws Exception {
    try (Fixture f = Fixture.start("stubborn-orphan", true)) {
      SafePlan p = safePlanForStubbornOrphan(f);
      p.doc().remove("host");
      writePlan(p.plan(), p.doc());

      Cli.Result r = run.clean("--plan", p.plan().toString(), "--yes", "--grace", "1s",
          "--rules", p.rules().toString(), "--match", f.marker());

      assertEquals(2, r.code(), r.err() + r.out());
      assertTrue(r.err().contains("host"), r.err());
      assertEquals(1, r.err().strip().lines().count(), "one sentence: " + r.err());
      assertNothingAudited(p.orphan());
    }
  }

  @Test
  void scopeGivenWithPlanNarrowsIt() throws Exception {
    try (Fixture one = Fixture.start("orphan", true);
        Fixture two = Fixture.start("orphan", true)) {
      int a = one.pid("orphan");
      int b = two.pid("orphan");
      Path rules = run.subreaperRules();
      Path plan = dir.resolve("plan.json");
      ObjectNode doc = run.plan(plan, "--mode", "safe", "--rules", rules.toString(),
          "--match", one.marker() + "|" + two.marker());
      assertEquals("terminate", actionFor(doc, a).get("action").asText(), doc.toString());
      assertEquals("terminate", actionFor(doc, b).get("action").asText(), doc.toString());

      Cli.Result r = run.clean("--plan", plan.toString(), "--yes", "--grace", "3s",
          "--rules", rules.toString(), "--pid", String.valueOf(a));

      assertEquals(0, r.code(), r.err() + r.out());
      JsonNode out = outcome(r);
      assertEquals("terminated", target(out, a).get("status").asText(), out.toString());
      awaitGone(a);
      JsonNode left = target(out, b);
      assertEquals("skipped", left.get("status").asText(), out.toString());
      assertEquals(List.of(), sentIn(out, b));
      assertEquals(List.of(), run.auditedSignals(b, "intent"), run.auditText());
      assertTrue(alive(b), "--pid narrowed the plan to the other orphan");

      // --match narrows the same way: now only the second one.
      Cli.Result r2 = run.clean("--plan", plan.toString(), "--yes", "--grace", "3s",
          "--rules", rules.toString(), "--match", two.marker());
      JsonNode out2 = outcome(r2);
      assertEquals("terminated", target(out2, b).get("status").asText(), out2.toString());
      awaitGone(b);
    }
  }

  private static String uidOf(int pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("Uid:")) {
        return line.split("\\s+")[1];
      }
    }
    throw new AssertionError("no Uid line for " + pid);
  }
}
