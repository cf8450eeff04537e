package io.procsweep.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import oshi.software.os.InternetProtocolStats.IPConnection;
import oshi.software.os.InternetProtocolStats.TcpState;
import oshi.software.os.OSProcess.State;

/** The pure parts of the OSHI backend: OSHI's soft "unknown" values must not read as data. */
class OshiMappingTest {

  @Test
  void states() {
    assertEquals(ProcState.RUNNING, OshiSnapshotSource.mapState(State.RUNNING, true, false));
    assertEquals(ProcState.SLEEPING, OshiSnapshotSource.mapState(State.SLEEPING, true, false));
    assertEquals(ProcState.DISK_SLEEP, OshiSnapshotSource.mapState(State.WAITING, true, false));
    assertEquals(ProcState.SLEEPING, OshiSnapshotSource.mapState(State.WAITING, false, false));
    assertEquals(ProcState.STOPPED, OshiSnapshotSource.mapState(State.STOPPED, true, false));
    assertEquals(ProcState.STOPPED, OshiSnapshotSource.mapState(State.SUSPENDED, false, false));
    assertEquals(ProcState.ZOMBIE, OshiSnapshotSource.mapState(State.ZOMBIE, true, false));
    assertEquals(ProcState.IDLE, OshiSnapshotSource.mapState(State.OTHER, true, true));
    assertEquals(ProcState.OTHER, OshiSnapshotSource.mapState(State.OTHER, true, false));
    assertEquals(ProcState.OTHER, OshiSnapshotSource.mapState(State.NEW, false, false));
    assertNull(OshiSnapshotSource.mapState(State.INVALID, true, false));
  }

  @Test
  void uids() {
    assertEquals(1000, OshiSnapshotSource.parseUid("1000"));
    assertEquals(0, OshiSnapshotSource.parseUid("0"));
    assertNull(OshiSnapshotSource.parseUid(""));
    assertNull(OshiSnapshotSource.parseUid(null));
    assertNull(OshiSnapshotSource.parseUid("S-1-5-18"));
    assertNull(OshiSnapshotSource.parseUid("4294967295"));
  }

  @Test
  void listenersFromConnections() {
    byte[] any4 = new byte[4];
    byte[] lo4 = {127, 0, 0, 1};
    byte[] any6 = new byte[16];
    List<IPConnection> conns = List.of(
        new IPConnection("tcp4", lo4, 8080, any4, 0, TcpState.LISTEN, 0, 0, 4321),
        new IPConnection("tcp4", lo4, 8080, lo4, 50000, TcpState.ESTABLISHED, 0, 0, 4321),
        new IPConnection("tcp6", any6, 22, any6, 0, TcpState.LISTEN, 0, 0, -1),
        new IPConnection("udp4", any4, 68, any4, 0, TcpState.CLOSED, 0, 0, 77),
        new IPConnection("udp4", lo4, 40000, new byte[] {8, 8, 8, 8}, 53, TcpState.UNKNOWN, 0,
            0, 77),
        new IPConnection("udp6", any6, 0, any6, 0, TcpState.CLOSED, 0, 0, 77));
    assertEquals(List.of(
            new Listener("tcp6", "::", 22, null, null),
            new Listener("udp", "0.0.0.0", 68, 77, null),
            new Listener("tcp", "127.0.0.1", 8080, 4321, null)),
        OshiSnapshotSource.toListeners(conns));
  }

  @Test
  void protocols() {
    assertEquals("tcp", OshiSnapshotSource.protocol("tcp4"));
    assertEquals("tcp6", OshiSnapshotSource.protocol("tcp6"));
    assertEquals("udp", OshiSnapshotSource.protocol("udp4"));
    assertEquals("udp6", OshiSnapshotSource.protocol("udp6"));
    assertNull(OshiSnapshotSource.protocol("unix"));
    assertNull(OshiSnapshotSource.protocol(null));
  }
}
