package io.procsweep.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcFilesTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static List<String> cmdline(String s) {
    byte[] b = b(s);
    return ProcFiles.parseCmdline(b, b.length);
  }

  @Test
  void cmdlineSplitsOnNul() {
    assertEquals(List.of("python3", "-c", "print(1)"), cmdline("python3\0-c\0print(1)\0"));
    assertEquals(List.of(), cmdline(""));
    // Empty arguments are arguments.
    assertEquals(List.of("prog", "", "x"), cmdline("prog\0\0x\0"));
    // setproctitle() style: one string with spaces, no trailing NUL.
    assertEquals(List.of("postgres: writer process   "), cmdline("postgres: writer process   "));
    assertEquals(List.of("a\\xffb"), cmdline("a\u00ffb\0"));
  }

  @Test
  void cmdlineOnlyReadsTheGivenLength() {
    byte[] buf = b("ls\0-l\0STALE\0BYTES\0");
    assertEquals(List.of("ls", "-l"), ProcFiles.parseCmdline(buf, 6));
  }

  @Test
  void cgroupV2() {
    byte[] b = b("0::/system.slice/ssh.service\n");
    assertEquals("/system.slice/ssh.service", ProcFiles.parseCgroup(b, b.length));
  }

  @Test
  void cgroupHybridPrefersUnifiedLine() {
    String hybrid = """
        12:pids:/user.slice/user-1000.slice
        4:memory:/user.slice
        1:name=systemd:/user.slice/user-1000.slice/session-3.scope
        0::/user.slice/user-1000.slice/session-3.scope
        """;
    byte[] b = b(hybrid);
    assertEquals("/user.slice/user-1000.slice/session-3.scope", ProcFiles.parseCgroup(b, b.length));
  }

  @Test
  void cgroupV1UsesNameSystemd() {
    String v1 = """
        11:cpu,cpuacct:/system.slice/nginx.service
        3:devices:/system.slice/nginx.service
        1:name=systemd:/system.slice/nginx.service
        """;
    byte[] b = b(v1);
    assertEquals("/system.slice/nginx.service", ProcFiles.parseCgroup(b, b.length));
    byte[] noSystemd = b("4:memory:/docker/abc\n2:cpu,name=systemdx:/z\n");
    assertNull(ProcFiles.parseCgroup(noSystemd, noSystemd.length));
    byte[] empty = new byte[0];
    assertNull(ProcFiles.parseCgroup(empty, 0));
  }

  @Test
  void cgroupPathWithColon() {
    byte[] b = b("0::/weird:path\n");
    assertEquals("/weird:path", ProcFiles.parseCgroup(b, b.length));
  }

  @Test
  void btime() {
    String stat = """
        cpu  2255 34 2290 22625563 6290 127 456 0 0 0
        cpu0 1132 34 1441 11311718 3675 127 438 0 0 0
        intr 114930548 113199788 3 0 5 263 0 4 [... 200 more numbers ...]
        ctxt 1990473
        btime 1795292054
        processes 2915
        """;
    byte[] b = b(stat);
    assertEquals(1795292054L, ProcFiles.parseBtime(b, b.length));
    byte[] none = b("cpu 1 2 3\n");
    assertEquals(-1, ProcFiles.parseBtime(none, none.length));
  }

  @Test
  void auxvValues() {
    ByteBuffer buf = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    buf.putLong(33).putLong(0x7ffd0000L); // AT_SYSINFO_EHDR
    buf.putLong(6).putLong(16384); // AT_PAGESZ
    buf.putLong(17).putLong(100); // AT_CLKTCK
    buf.putLong(0).putLong(0); // AT_NULL
    byte[] b = buf.array();
    assertEquals(16384, ProcFiles.auxValue(b, b.length, 8, ByteOrder.LITTLE_ENDIAN, 6));
    assertEquals(100, ProcFiles.auxValue(b, b.length, 8, ByteOrder.LITTLE_ENDIAN, 17));
    assertEquals(-1, ProcFiles.auxValue(b, b.length, 8, ByteOrder.LITTLE_ENDIAN, 99));

    ByteBuffer b32 = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
    b32.putInt(6).putInt(4096).putInt(0).putInt(0);
    assertEquals(4096, ProcFiles.auxValue(b32.array(), 16, 4, ByteOrder.BIG_ENDIAN, 6));
  }

  @Test
  void clockTicksFromAuxv() {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(6).putLong(4096).putLong(17).putLong(250).putLong(0).putLong(0);
    assertEquals(250, ProcFiles.auxValue(b.array(), 64, 8, ByteOrder.LITTLE_ENDIAN, 17));
    assertEquals(-1, ProcFiles.auxValue(b.array(), 64, 8, ByteOrder.LITTLE_ENDIAN, 99));
  }
}
