package dev.stack.cli;

import dev.stack.model.load.StackLoader;

/** The line that says which profile a command used: {@code profile: dev (default)}. */
final class ProfileLine {

  private ProfileLine() {}

  static String of(StackLoader.Loaded loaded, StackOptions options) {
    return "profile: " + loaded.profile().name() + (options.profileGiven() ? "" : " (default)");
  }
}
