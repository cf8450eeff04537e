package io.procsweep.facts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container a process runs in, from its cgroup path as the host sees it. Container
 * runtimes name a container's cgroup after its 64-hex-digit id:
 *
 * <ul>
 *   <li>docker: {@code /docker/ID} (cgroupfs driver), {@code /system.slice/docker-ID.scope}
 *       (systemd driver)
 *   <li>containerd (nerdctl, CRI): {@code /NAMESPACE/ID}, {@code nerdctl-ID.scope},
 *       {@code cri-containerd-ID.scope}
 *   <li>podman: {@code /machine.slice/libpod-ID.scope} (also under {@code user@UID.service}
 *       when rootless), {@code /libpod_parent/libpod-ID} (cgroupfs)
 *   <li>Kubernetes: {@code /kubepods/QOS/podUID/ID}, {@code kubepods-...slice/cri-containerd-ID.scope},
 *       {@code crio-ID.scope}
 * </ul>
 *
 * The innermost id wins (docker in docker), and a sub-cgroup a container makes for itself
 * ({@code .../libpod-ID.scope/container}, {@code .../init.scope}) still names it. Monitors
 * that run beside a container ({@code libpod-conmon-ID.scope}, {@code crio-conmon-ID.scope})
 * and the runtimes themselves ({@code docker.service}) are not in one.
 */
final class ContainerId {
  private static final Pattern SCOPE =
      Pattern.compile("(?:docker|cri-containerd|crio|libpod|nerdctl)-([0-9a-f]{64})(?:\\.scope)?");
  private static final Pattern BARE = Pattern.compile("[0-9a-f]{64}");

  private ContainerId() {}

  /** The container id, or null when the path names none (or is null). */
  static String fromCgroup(String cgroup) {
    if (cgroup == null) {
      return null;
    }
    String[] parts = cgroup.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      String part = parts[i];
      if (BARE.matcher(part).matches()) {
        return part;
      }
      Matcher m = SCOPE.matcher(part);
      if (m.matches()) {
        return m.group(1);
      }
    }
    return null;
  }
}
