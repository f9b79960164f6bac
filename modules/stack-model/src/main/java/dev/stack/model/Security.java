package dev.stack.model;

import java.util.List;

/**
 * Container hardening (the built-in prod profile turns most of it on). The native backend cannot
 * honour these; {@code diff} and {@code config} say so.
 *
 * @param noNewPrivileges processes cannot gain privileges (setuid binaries)
 * @param capDrop capabilities dropped ({@code ALL} drops all)
 * @param capAdd capabilities added back
 * @param readOnly read-only root filesystem
 * @param tmpfs paths mounted as tmpfs (writable even with a read-only root)
 */
public record Security(boolean noNewPrivileges, List<String> capDrop, List<String> capAdd,
    boolean readOnly, List<String> tmpfs) {

  public static final Security NONE = new Security(false, List.of(), List.of(), false, List.of());

  public Security {
    capDrop = capDrop == null ? List.of() : List.copyOf(capDrop);
    capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
    tmpfs = tmpfs == null ? List.of() : List.copyOf(tmpfs);
  }
}
