package io.procsweep.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Cgroup paths as /proc/PID/cgroup shows them from the host, copied from real machines. */
class ContainerIdTest {
  private static final String ID =
      "3f1b6c2e9a0d4e5f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f";
  private static final String ID2 =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Test
  void docker() {
    assertEquals(ID, ContainerId.fromCgroup("/docker/" + ID), "cgroupfs driver (and cgroup v1)");
    assertEquals(ID, ContainerId.fromCgroup("/system.slice/docker-" + ID + ".scope"),
        "systemd driver");
    assertEquals(ID2, ContainerId.fromCgroup("/docker/" + ID + "/docker/" + ID2),
        "docker in docker: the innermost");
    assertNull(ContainerId.fromCgroup("/system.slice/docker.service"), "dockerd itself");
    assertNull(ContainerId.fromCgroup("/system.slice/containerd.service"));
  }

  @Test
  void containerdAndKubernetes() {
    assertEquals(ID, ContainerId.fromCgroup("/default/" + ID), "nerdctl, cgroupfs");
    assertEquals(ID, ContainerId.fromCgroup("/system.slice/nerdctl-" + ID + ".scope"));
    assertEquals(ID, ContainerId.fromCgroup(
        "/kubepods/burstable/pod6a4f1c3e-8d2b-4b8e-9f1a-2c3d4e5f6a7b/" + ID));
    assertEquals(ID, ContainerId.fromCgroup("/kubepods.slice/kubepods-burstable.slice/"
        + "kubepods-burstable-pod6a4f1c3e_8d2b_4b8e_9f1a_2c3d4e5f6a7b.slice/cri-containerd-"
        + ID + ".scope"));
    assertEquals(ID, ContainerId.fromCgroup("/kubepods.slice/kubepods-besteffort.slice/"
        + "kubepods-besteffort-pod0f1e2d3c_4b5a_6978_8a9b_0c1d2e3f4a5b.slice/crio-" + ID
        + ".scope"), "CRI-O");
    assertNull(ContainerId.fromCgroup("/kubepods.slice/kubepods-besteffort.slice/"
        + "kubepods-besteffort-pod0f1e2d3c_4b5a_6978_8a9b_0c1d2e3f4a5b.slice/crio-conmon-" + ID
        + ".scope"), "CRI-O's monitor runs beside the container");
    assertNull(ContainerId.fromCgroup("/kubepods.slice/kubepods-burstable.slice"),
        "a pod slice names no container");
  }

  @Test
  void podman() {
    assertEquals(ID, ContainerId.fromCgroup("/machine.slice/libpod-" + ID + ".scope"));
    assertEquals(ID, ContainerId.fromCgroup("/machine.slice/libpod-" + ID + ".scope/container"),
        "the sub-cgroup podman makes for a container with its own cgroup namespace");
    assertEquals(ID, ContainerId.fromCgroup("/user.slice/user-1000.slice/user@1000.service/"
        + "user.slice/libpod-" + ID + ".scope"), "rootless");
    assertEquals(ID, ContainerId.fromCgroup("/libpod_parent/libpod-" + ID), "cgroupfs");
    assertNull(ContainerId.fromCgroup("/machine.slice/libpod-conmon-" + ID + ".scope"),
        "conmon, the monitor");
  }

  @Test
  void notAContainer() {
    assertNull(ContainerId.fromCgroup(null));
    assertNull(ContainerId.fromCgroup("/"));
    assertNull(ContainerId.fromCgroup(""));
    assertNull(ContainerId.fromCgroup("/user.slice/user-1000.slice/session-2.scope"));
    assertNull(ContainerId.fromCgroup("/init.scope"));
    assertNull(ContainerId.fromCgroup("/docker/" + ID.substring(1)), "63 digits");
    assertNull(ContainerId.fromCgroup("/docker/" + ID.toUpperCase()), "runtimes write lower case");
    assertNull(ContainerId.fromCgroup("/system.slice/docker-" + ID + ".scope.bak"));
  }
}
