package dev.stack.model.load;

import java.nio.file.Path;

/**
 * What binding needs besides the tree.
 *
 * @param file the stack file, absolute
 * @param source how errors name the stack file
 * @param defaultName the stack's name when the file has no {@code name:} (the folder's name)
 * @param profile the profile the tree was resolved for
 */
public record BindContext(Path file, String source, String defaultName, Profile profile) {

  public Path dir() {
    return file.getParent();
  }
}
