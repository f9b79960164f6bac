package dev.stack.docker;

import dev.stack.core.spi.InstanceSpec;
import dev.stack.model.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels that mark what stack owns in the engine: containers, the stack's network and its
 * named volumes. Ownership is decided by these labels, never by a name alone.
 */
final class Labels {

  /** The stack a container, network or volume belongs to. */
  static final String STACK = "dev.stack.stack";
  /** The service of a container. */
  static final String SERVICE = "dev.stack.service";
  /** The instance of a container: {@code api}, {@code api-2}. */
  static final String INSTANCE = "dev.stack.instance";
  /** The hash of the canonical definition the container was made from. */
  static final String SPEC_HASH = "dev.stack.spec-hash";
  /** The canonical definition itself, as compact JSON (secrets hashed), for {@code diff}. */
  static final String DEFINITION = "dev.stack.definition";

  private Labels() {
  }

  /** The labels of the container of {@code spec}, after {@code extra} (tests mark their own). */
  static Map<String, String> forContainer(InstanceSpec spec, Map<String, String> extra) {
    Map<String, String> labels = new LinkedHashMap<>(extra);
    labels.put(STACK, spec.id().stack());
    labels.put(SERVICE, spec.id().service());
    labels.put(INSTANCE, spec.id().displayName());
    labels.put(SPEC_HASH, spec.specHash() == null ? "" : spec.specHash());
    if (!spec.definition().isEmpty()) {
      labels.put(DEFINITION, Json.compact(spec.definition()));
    }
    return labels;
  }

  /** The labels of something shared by a whole stack (its network, its volumes). */
  static Map<String, String> forStack(String stack, Map<String, String> extra) {
    Map<String, String> labels = new LinkedHashMap<>(extra);
    labels.put(STACK, stack);
    return labels;
  }
}
