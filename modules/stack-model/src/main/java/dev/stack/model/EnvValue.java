package dev.stack.model;

/**
 * The value of one environment variable. A secret value is never printed by stack: not by
 * {@code config}, {@code diff}, {@code ps}, nor any log of stack's own; container labels store its
 * hash. The value may still contain service references such as {@code ${svc.db.host}}, resolved per
 * backend (see {@link ServiceRef}).
 */
public record EnvValue(String value, boolean secret) {

  /** What stack shows instead of a secret's value. */
  public static final String MASK = "******";

  public EnvValue {
    if (value == null) {
      throw new IllegalArgumentException("env value must not be null");
    }
  }

  public static EnvValue plain(String value) {
    return new EnvValue(value, false);
  }

  /** The value as stack may print it. */
  public String display() {
    return secret ? MASK : value;
  }

  /** Never the secret itself. */
  @Override
  public String toString() {
    return display();
  }
}
