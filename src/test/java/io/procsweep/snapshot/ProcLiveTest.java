package io.procsweep.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The proc backend against this machine's real /proc, with fixture processes and sockets. */
@EnabledOnOs(OS.LINUX)
class ProcLiveTest {
  private static final int SELF = (int) ProcessHandle.current().pid();

  private static ProcessInfo find(Snapshot s, int pid) {
    return s.processes().stream().filter(p -> p.pid() == pid).findFirst().orElse(null);
  }

  @Test
  void readsThisJvm() throws Exception {
    Snapshot s = new ProcSnapshotSource().read(false);
    assertEquals("proc", s.backend());
    assertTrue(s.processes().size() > 1);
    assertTrue(s.listeners().isEmpty(), "no listener read was asked for");
    ProcessInfo self = find(s, SELF);
    assertNotNull(self);
    assertEquals((int) ProcessHandle.current().parent().orElseThrow().pid(), self.ppid());
    assertEquals(Path.of(ProcessHandle.current().info().command().orElseThrow()).toRealPath(),
        Path.of(self.exe()).toRealPath());
    assertFalse(self.cmdline().isEmpty());
    // Not RUNNING: the process state is that of the thread-group leader, and the java launcher
    // runs main() in a second thread while the leader waits for it.
    assertEquals(ProcState.SLEEPING, self.state());
    assertFalse(self.kernelThread());
    long startedMs = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
    // The JDK derives its start instant from the same stat field and btime.
    assertTrue(Math.abs(startedMs - self.startTimeMs()) <= 10,
        startedMs + " vs " + self.startTimeMs());
    assertTrue(self.threads() > 1);
    assertTrue(self.rssBytes() > 1_000_000);
    assertNotNull(self.uid());
    assertNotNull(self.user());
    assertTrue(s.host().bootTimeMs() > 0 && s.host().bootTimeMs() < self.startTimeMs());
    // Every pid at most once, sorted.
    List<Integer> pids = s.processes().stream().map(ProcessInfo::pid).collect(Collectors.toList());
    assertEquals(pids.stream().sorted().distinct().collect(Collectors.toList()), pids);
  }

  @Test
  void findsOwnTcpAndUdpListeners() throws Exception {
    InetAddress lo = InetAddress.getByName("127.0.0.1");
    try (ServerSocket tcp = new ServerSocket(0, 50, lo);
        DatagramSocket udp = new DatagramSocket(new InetSocketAddress(lo, 0))) {
      Snapshot s = new ProcSnapshotSource().read(true);
      // The JDK opens dual-stack IPv6 sockets unless java.net.preferIPv4Stack is set, so the
      // kernel lists them in tcp6/udp6 with an IPv4-mapped address.
      Listener t = only(s, "tcp", tcp.getLocalPort());
      assertTrue(Set.of("127.0.0.1", "::ffff:127.0.0.1").contains(t.address()), t.toString());
      assertEquals(SELF, t.pid());
      assertNotNull(t.inode());
      Listener u = only(s, "udp", udp.getLocalPort());
      assertTrue(Set.of("127.0.0.1", "::ffff:127.0.0.1").contains(u.address()), u.toString());
      assertEquals(SELF, u.pid());
      List<Listener> sorted = new java.util.ArrayList<>(s.listeners());
      sorted.sort(ProcNet.ORDER);
      assertEquals(sorted, s.listeners());
    }
  }

  @Test
  void inheritedListenerIsReportedForEveryHolder() throws Exception {
    // The parent opens a listener, forks a child that keeps the inherited fd, and prints the
    // port and the child's pid.
    String script = String.join("\n",
        "import os, socket, sys, time",
        "s = socket.socket()",
        "s.bind(('127.0.0.1', 0))",
        "s.listen()",
        "child = os.fork()",
        "if child == 0:",
        "    time.sleep(120)",
        "    os._exit(0)",
        "print(s.getsockname()[1], child, flush=True)",
        "time.sleep(120)");
    try (Spawned py = Spawned.start("python3", "-c", script)) {
      String line = py.readLine();
      assertNotNull(line, "python3 printed nothing");
      String[] parts = line.trim().split(" ");
      int port = Integer.parseInt(parts[0]);
      int child = Integer.parseInt(parts[1]);

      Snapshot s = new ProcSnapshotSource().read(true);
      List<Listener> found = s.listeners().stream()
          .filter(l -> l.port() == port && l.protocol().startsWith("tcp"))
          .collect(Collectors.toList());
      assertEquals(Set.of(py.pid(), child),
          found.stream().map(Listener::pid).collect(Collectors.toSet()), found.toString());
      assertEquals(2, found.size());
      assertEquals(1, found.stream().map(Listener::inode).distinct().count(), "one socket");

      // OSHI keeps one pid per socket inode: exactly one of the two holders is named. If this
      // starts failing, OSHI fixed it and OshiSnapshotSource's comment needs updating.
      Snapshot o = new OshiSnapshotSource().read(true);
      List<Listener> viaOshi = o.listeners().stream()
          .filter(l -> l.port() == port && l.protocol().startsWith("tcp"))
          .collect(Collectors.toList());
      assertEquals(1, viaOshi.size(), viaOshi.toString());
      assertTrue(Set.of(py.pid(), child).contains(viaOshi.get(0).pid()), viaOshi.toString());
    }
  }

  @Test
  void nameThatLooksLikeStatFieldsIsReadWhole() throws Exception {
    String name = "x) Z 1 1";
    // No exec: the shell renames itself, then waits for sleep (a trailing command keeps dash
    // from exec'ing sleep in its place, which would reset the name).
    try (Spawned sh = Spawned.start("sh", "-c",
        "printf '" + name + "' > /proc/$$/comm; sleep 60; true")) {
      Path comm = Path.of("/proc/" + sh.pid() + "/comm");
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!Files.readString(comm, StandardCharsets.UTF_8).equals(name + "\n")) {
        assertTrue(System.nanoTime() < deadline, "the shell never renamed itself");
        Thread.sleep(20);
      }
      // Wait until it sleeps in wait() for its child rather than catching it mid-fork.
      ProcessInfo p = null;
      while (System.nanoTime() < deadline) {
        p = find(new ProcSnapshotSource().read(false), sh.pid());
        if (p != null && p.state() == ProcState.SLEEPING
            && !ProcessHandle.of(sh.pid()).orElseThrow().children().findAny().isEmpty()) {
          break;
        }
        Thread.sleep(20);
      }
      assertNotNull(p);
      assertEquals(name, p.name());
      assertEquals(ProcState.SLEEPING, p.state());
      assertEquals(SELF, p.ppid());
      assertEquals(List.of("sh", "-c"), p.cmdline().subList(0, 2));
    }
  }

  /** The one listener on {@code port} for {@code protocol} over IPv4 or IPv6. */
  private static Listener only(Snapshot s, String protocol, int port) {
    List<Listener> l = s.listeners().stream()
        .filter(x -> x.protocol().startsWith(protocol) && x.port() == port)
        .collect(Collectors.toList());
    assertEquals(1, l.size(), protocol + " " + port + ": " + s.listeners());
    return l.get(0);
  }
}
