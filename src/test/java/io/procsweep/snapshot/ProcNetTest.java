package io.procsweep.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcNetTest {

  private static List<ProcNet.NetSocket> parse(String text, String protocol) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    return ProcNet.parse(b, b.length, protocol, ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void tcpKeepsOnlyListeners() {
    String tcp = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1162 1 000000003e3220e0 100 0 0 10 0
           1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 23456 1 0000000000000000 100 0 0 10 0
           2: 0100007F:1F90 0100007F:A2B4 01 00000000:00000000 02:0000028C 00000000  1000        0 23457 1 0000000000000000 20 4 30 10 -1
           3: 0F02000A:0016 0102000A:C350 06 00000000:00000000 03:00000E1D 00000000     0        0 0 3 0000000000000000
        """;
    assertEquals(List.of(
            new ProcNet.NetSocket("tcp", "0.0.0.0", 2024, 1162),
            new ProcNet.NetSocket("tcp", "127.0.0.1", 8080, 23456)),
        parse(tcp, "tcp"));
  }

  @Test
  void tcp6Addresses() {
    String tcp6 = """
          sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 34567 1 0000000000000000 100 0 0 10 0
           1: 00000000000000000000000001000000:0277 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 34568 1 0000000000000000 100 0 0 10 0
           2: 0000000000000000FFFF00000100007F:1F91 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 34569 1 0000000000000000 100 0 0 10 0
           3: 000080FE000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 34570 1 0000000000000000 100 0 0 10 0
           4: B80D0120000000000000000005000000:01BB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 34571 1 0000000000000000 100 0 0 10 0
        """;
    List<ProcNet.NetSocket> s = parse(tcp6, "tcp6");
    assertEquals(5, s.size());
    assertEquals(new ProcNet.NetSocket("tcp6", "::", 8080, 34567), s.get(0));
    assertEquals(new ProcNet.NetSocket("tcp6", "::1", 631, 34568), s.get(1));
    assertEquals(new ProcNet.NetSocket("tcp6", "::ffff:127.0.0.1", 8081, 34569), s.get(2));
    assertEquals(new ProcNet.NetSocket("tcp6", "fe80::1", 22, 34570), s.get(3));
    assertEquals(new ProcNet.NetSocket("tcp6", "2001:db8::5", 443, 34571), s.get(4));
  }

  @Test
  void udpBoundUnconnectedSocketsAreListeners() {
    String udp = """
           sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
          123: 3500007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 20001 2 0000000000000000 0
          456: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 20002 2 0000000000000000 0
          789: 0F02000A:A1B2 08080808:0035 01 00000000:00000000 00:00000000 00000000  1000        0 20003 2 0000000000000000 0
          790: 00000000:0000 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 20004 2 0000000000000000 0
        """;
    assertEquals(List.of(
            new ProcNet.NetSocket("udp", "127.0.0.53", 53, 20001),
            new ProcNet.NetSocket("udp", "0.0.0.0", 68, 20002)),
        parse(udp, "udp"));
  }

  @Test
  void bigEndianHostsPrintWordsInOrder() {
    String tcp = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 7F000001:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 77 1 0 100 0 0 10 0
        """;
    byte[] b = tcp.getBytes(StandardCharsets.US_ASCII);
    assertEquals(List.of(new ProcNet.NetSocket("tcp", "127.0.0.1", 8080, 77)),
        ProcNet.parse(b, b.length, "tcp", ByteOrder.BIG_ENDIAN));
  }

  @Test
  void emptyOrHeaderOnly() {
    assertEquals(List.of(), parse("", "tcp"));
    assertEquals(List.of(), parse("  sl  local_address rem_address   st\n", "tcp"));
  }

  @Test
  void joinGivesOneRecordPerHolderAndNullForUnheld() {
    List<ProcNet.NetSocket> sockets = List.of(
        new ProcNet.NetSocket("tcp6", "::", 8080, 10),
        new ProcNet.NetSocket("tcp", "0.0.0.0", 8080, 11),
        new ProcNet.NetSocket("tcp", "127.0.0.1", 22, 12),
        new ProcNet.NetSocket("udp", "0.0.0.0", 68, 13));
    Map<Long, List<Integer>> holders = Map.of(10L, List.of(900, 901), 11L, List.of(42), 13L,
        List.of());
    assertEquals(List.of(
            new Listener("tcp", "127.0.0.1", 22, null, 12L),
            new Listener("udp", "0.0.0.0", 68, null, 13L),
            new Listener("tcp", "0.0.0.0", 8080, 42, 11L),
            new Listener("tcp6", "::", 8080, 900, 10L),
            new Listener("tcp6", "::", 8080, 901, 10L)),
        ProcNet.join(sockets, holders));
  }

  @Test
  void socketInodeFromFdLink() {
    assertEquals(12345L, ProcNet.socketInode("socket:[12345]"));
    assertEquals(-1, ProcNet.socketInode("pipe:[12345]"));
    assertEquals(-1, ProcNet.socketInode("/dev/null"));
    assertEquals(-1, ProcNet.socketInode("socket:[]"));
    assertEquals(-1, ProcNet.socketInode("socket:[12a]"));
    assertEquals(-1, ProcNet.socketInode("anon_inode:[eventfd]"));
  }

  @Test
  void inetText() {
    assertEquals("0.0.0.0", InetText.format(new byte[4]));
    assertEquals("::", InetText.format(new byte[16]));
    byte[] one = new byte[16];
    one[15] = 1;
    assertEquals("::1", InetText.format(one));
    byte[] a = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1};
    // Longest zero run compressed; a single zero group is not.
    assertEquals("2001:db8::1:0:0:1", InetText.format(a));
    byte[] b = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1};
    assertEquals("2001:db8:0:1::1", InetText.format(b));
    byte[] tail = {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    assertEquals("fe80::", InetText.format(tail));
    assertNull(InetText.format(new byte[0]));
  }
}
