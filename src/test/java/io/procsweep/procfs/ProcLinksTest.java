package io.procsweep.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProcLinksTest {
  @Test
  void fdTargetsAsTheKernelWritesThem() {
    assertEquals("null", ProcLinks.fdKind("/dev/null"));
    assertEquals("tty", ProcLinks.fdKind("/dev/pts/3"));
    assertEquals("tty", ProcLinks.fdKind("/dev/tty1"));
    assertEquals("tty", ProcLinks.fdKind("/dev/ttyS0"));
    assertEquals("tty", ProcLinks.fdKind("/dev/tty"));
    assertEquals("tty", ProcLinks.fdKind("/dev/console"));
    assertEquals("pipe", ProcLinks.fdKind("pipe:[123456]"));
    assertEquals("socket", ProcLinks.fdKind("socket:[987654]"));
    assertEquals("file", ProcLinks.fdKind("/var/log/app.log"));
    assertEquals("file", ProcLinks.fdKind("/tmp/out (deleted)"));
    assertEquals("file", ProcLinks.fdKind("anon_inode:[eventfd]"));
    assertEquals("file", ProcLinks.fdKind("/dev/zero"));
    assertEquals("file", ProcLinks.fdKind("/home/u/dev/null"), "only /dev/null itself");
    assertEquals("file", ProcLinks.fdKind("/tmp/dev/pts/1"), "a terminal only under /dev");
  }

  @Test
  void namespaceInodes() {
    assertEquals(4026531836L, ProcLinks.namespaceInode("pid:[4026531836]", "pid"));
    assertEquals(-1, ProcLinks.namespaceInode("net:[4026531840]", "pid"), "another type");
    assertEquals(-1, ProcLinks.namespaceInode("pid:[]", "pid"));
    assertEquals(-1, ProcLinks.namespaceInode("pid:[12x]", "pid"));
    assertEquals(-1, ProcLinks.namespaceInode("pid:[4026531836", "pid"));
    assertEquals(-1, ProcLinks.namespaceInode("pid:[99999999999999999999]", "pid"), "too long");
  }
}
