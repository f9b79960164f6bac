package dev.stack.model.load;

import dev.stack.model.Port;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ports as written in stack files: {@code "[ip:][host:]container[/tcp|udp]"}, with ranges {@code 8000-8002:8000-8002}. */
public final class PortParser {

  private static final String EXPECTED = "a port like 8080, \"8080:80\" or \"127.0.0.1:8080:80/udp\"";
  private static final Pattern RANGE = Pattern.compile("([0-9]{1,9})(?:-([0-9]{1,9}))?");
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  private PortParser() {}

  public static Port parse(String text) {
    String t = text.strip();
    String protocol = "tcp";
    int slash = t.lastIndexOf('/');
    if (slash >= 0) {
      protocol = t.substring(slash + 1);
      t = t.substring(0, slash);
      if (!protocol.equals("tcp") && !protocol.equals("udp")) {
        throw BadValueException.expected("protocol tcp or udp", text, null);
      }
    }
    String ip = null;
    if (t.startsWith("[")) {
      int close = t.indexOf("]:");
      if (close < 0) {
        throw BadValueException.expected(EXPECTED, text, "write an IPv6 address in brackets: \"[::1]:8080:80\"");
      }
      ip = t.substring(1, close);
      t = t.substring(close + 2);
    }
    String[] parts = t.split(":", -1);
    if (ip == null && parts.length == 3) {
      ip = parts[0];
      if (!IPV4.matcher(ip).matches()) {
        throw BadValueException.expected("an IP address before the host port", text, "e.g. \"127.0.0.1:8080:80\"");
      }
      parts = new String[] {parts[1], parts[2]};
    }
    if (parts.length > 2 || (ip != null && parts.length != 2)) {
      throw BadValueException.expected(EXPECTED, text, null);
    }
    int[] container = range(parts[parts.length - 1], text);
    if (parts.length == 1) {
      return new Port(null, 0, 0, container[0], container[1], protocol);
    }
    int[] host = range(parts[0], text);
    int hostCount = host[1] - host[0] + 1;
    int containerCount = container[1] - container[0] + 1;
    if (hostCount != containerCount) {
      throw new BadValueException("the host side " + parts[0] + " has " + ports(hostCount) + " but the container side "
          + parts[1] + " has " + ports(containerCount) + " in " + BadValueException.quote(text),
          "make both ranges the same length, e.g. \"8000-8002:9000-9002\"");
    }
    return new Port(ip, host[0], host[1], container[0], container[1], protocol);
  }

  private static String ports(int n) {
    return n == 1 ? "1 port" : n + " ports";
  }

  private static int[] range(String part, String text) {
    Matcher m = RANGE.matcher(part);
    if (!m.matches()) {
      throw BadValueException.expected(EXPECTED, text, null);
    }
    int first = Integer.parseInt(m.group(1));
    int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
    for (int p : new int[] {first, last}) {
      if (p < 1 || p > 65535) {
        throw new BadValueException("port " + p + " is out of range in " + BadValueException.quote(text),
            "ports go from 1 to 65535");
      }
    }
    if (last < first) {
      throw new BadValueException("range " + part + " ends before it starts in " + BadValueException.quote(text),
          "write the lower port first, e.g. 8000-8002");
    }
    return new int[] {first, last};
  }
}
