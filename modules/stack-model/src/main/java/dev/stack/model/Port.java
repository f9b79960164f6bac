package dev.stack.model;

/**
 * A port, written {@code "[ip:][host:]container[/proto]"}; ranges {@code 8000-8002:8000-8002}.
 * The process binds the container port. On the native backend the service is reached at 127.0.0.1
 * and its container port; a host mapping is a container concept.
 *
 * @param hostIp address to publish on, or null for the profile's default (127.0.0.1 in dev, all in prod)
 * @param hostPort first published host port, or 0 when not published ({@code "5432"})
 * @param hostPortEnd last published host port of a range (equal to hostPort for one port)
 * @param containerPort first port the process binds
 * @param containerPortEnd last port of a range (equal to containerPort for one port)
 * @param protocol {@code tcp} or {@code udp}
 */
public record Port(String hostIp, int hostPort, int hostPortEnd, int containerPort, int containerPortEnd, String protocol) {

  public Port {
    if (containerPort < 1 || containerPort > 65535 || containerPortEnd < containerPort || containerPortEnd > 65535) {
      throw new IllegalArgumentException("container port out of range: " + containerPort + "-" + containerPortEnd);
    }
    if (hostPort != 0 && (hostPort < 1 || hostPortEnd < hostPort || hostPortEnd > 65535)) {
      throw new IllegalArgumentException("host port out of range: " + hostPort + "-" + hostPortEnd);
    }
    if (hostPort != 0 && hostPortEnd - hostPort != containerPortEnd - containerPort) {
      throw new IllegalArgumentException("host and container ranges differ in length");
    }
    if (!"tcp".equals(protocol) && !"udp".equals(protocol)) {
      throw new IllegalArgumentException("protocol must be tcp or udp: " + protocol);
    }
  }

  public static Port of(int containerPort) {
    return new Port(null, 0, 0, containerPort, containerPort, "tcp");
  }

  public boolean published() {
    return hostPort != 0;
  }

  /**
   * The port instance {@code index} (from 1) of a service binds for this entry: replicas of a
   * native service each take theirs of a range (replica 2 of {@code 9100-9102} binds 9101); a
   * single port is every instance's.
   */
  public int instancePort(int index) {
    return containerPort + (count() > 1 ? index - 1 : 0);
  }

  /** How many ports this entry covers. */
  public int count() {
    return containerPortEnd - containerPort + 1;
  }

  /** The canonical written form, e.g. {@code 127.0.0.1:8080:8080/tcp} shortened where defaults apply. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (hostIp != null) {
      b.append(hostIp.contains(":") ? "[" + hostIp + "]" : hostIp).append(':');
    }
    if (hostPort != 0) {
      b.append(range(hostPort, hostPortEnd)).append(':');
    }
    b.append(range(containerPort, containerPortEnd));
    if (!"tcp".equals(protocol)) {
      b.append('/').append(protocol);
    }
    return b.toString();
  }

  private static String range(int a, int b) {
    return a == b ? Integer.toString(a) : a + "-" + b;
  }
}
