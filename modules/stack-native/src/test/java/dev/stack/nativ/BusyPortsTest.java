package dev.stack.nativ;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stack.core.spi.BackendException;
import dev.stack.model.Port;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A native instance's ports are checked before it starts: who holds one is named. */
class BusyPortsTest {

  @TempDir
  Path dir;

  private static final String ME = "pid " + ProcessHandle.current().pid() + " (java)";

  @Test
  void aPortAnotherProcessListensOnIsBusyAndItsHolderIsNamed() throws Exception {
    try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = other.getLocalPort();
      Specs specs = new Specs(dir).ports(List.of(Port.of(port)), 1);
      assertEquals(Optional.of("port " + port + " is in use by " + ME), BusyPorts.firstBusy(specs.sh("true")));
      BackendException e = org.junit.jupiter.api.Assertions.assertThrows(BackendException.class,
          () -> new NativeBackend().prepare(new Specs(dir).ports(List.of(Port.of(port)), 1).sh("true"), line -> { }));
      assertTrue(e.getMessage().startsWith("port " + port + " is in use by " + ME), e.getMessage());
      assertTrue(e.hint().startsWith("stop what uses it, or give services.svc"), e.hint());
      other.close();
      assertEquals(Optional.empty(), BusyPorts.firstBusy(specs.sh("true")));
    }
  }

  @Test
  void aReplicaChecksItsOwnPortOfTheRange() throws Exception {
    try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = other.getLocalPort();
      Port range = new Port(null, 0, 0, port - 1, port + 1, "tcp");
      assertEquals(Optional.empty(), BusyPorts.firstBusy(new Specs(dir).ports(List.of(range), 1).sh("true")));
      assertEquals(Optional.of("port " + port + " is in use by " + ME),
          BusyPorts.firstBusy(new Specs(dir).ports(List.of(range), 2).sh("true")));
    }
  }

  @Test
  void connectionsOfAnEarlierRunWaitingOutTimeWaitDoNotMakeAPortBusy() throws IOException {
    int port;
    try (ServerSocket server = new ServerSocket()) {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = server.getLocalPort();
      try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port); Socket accepted = server.accept()) {
        accepted.close(); // the server side closes first: its end of the connection waits in TIME_WAIT
        client.getInputStream().read();
      }
    }
    assertFalse(BusyPorts.busy(port, false));
  }

  @Test
  void aUdpPortIsCheckedAsUdp() throws Exception {
    try (DatagramSocket other = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      int port = other.getLocalPort();
      assertTrue(BusyPorts.busy(port, true));
      assertEquals(Optional.of("pid " + ProcessHandle.current().pid() + " (java)"), BusyPorts.holder(port, true));
    }
  }
}
