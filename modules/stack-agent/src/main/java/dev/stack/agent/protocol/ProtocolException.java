package dev.stack.agent.protocol;

import java.io.IOException;

/** The other side sent something that is not a message of the protocol. */
public final class ProtocolException extends IOException {

  private static final long serialVersionUID = 1L;

  public ProtocolException(String message) {
    super(message);
  }
}
