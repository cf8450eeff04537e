package io.procsweep.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcessControlsTest {

  @Test
  void picksByOsName() {
    assertEquals(LinuxProcessControl.class, ProcessControls.forOsName("Linux").getClass());
    assertEquals(MacProcessControl.class, ProcessControls.forOsName("Mac OS X").getClass());
    assertEquals(WindowsProcessControl.class,
        ProcessControls.forOsName("Windows Server 2022").getClass());
    assertThrows(UnsupportedOperationException.class, () -> ProcessControls.forOsName("FreeBSD"));
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void linuxHere() {
    assertEquals(LinuxProcessControl.class, ProcessControls.forCurrentOs().getClass());
  }
}
