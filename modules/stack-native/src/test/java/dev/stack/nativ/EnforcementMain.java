package dev.stack.nativ;

import dev.stack.core.spi.Capabilities.Enforcement;

/** Prints whether a fresh backend enforces limits; {@link CgroupIT} runs it as another user. */
public final class EnforcementMain {

  private EnforcementMain() {}

  public static void main(String[] args) {
    Enforcement e = new NativeBackend().capabilities().resources();
    System.out.println((e.enforced() ? "enforced: " : "not enforced: ") + e.how());
  }
}
