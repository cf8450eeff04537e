package io.procsweep.snapshot;

/**
 * One holder of one listening socket. A socket held by several processes (inherited or
 * shared) appears once per holder; a socket whose holder could not be found has a null pid.
 *
 * @param protocol {@code tcp}, {@code tcp6}, {@code udp} or {@code udp6}
 * @param address local address as text ({@code 0.0.0.0}, {@code ::}, {@code 127.0.0.1})
 * @param port local port
 * @param pid holding process, or null when unknown
 * @param inode socket inode (Linux), or null
 */
public record Listener(String protocol, String address, int port, Integer pid, Long inode) {}
