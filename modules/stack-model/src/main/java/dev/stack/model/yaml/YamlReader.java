package dev.stack.model.yaml;

import dev.stack.model.Problem;
import dev.stack.model.StackFileException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML into positioned {@link Node}s with YAML 1.2 core-schema meaning.
 *
 * <p>It refuses what a stack file never needs and an attacker might send: files over
 * {@link #MAX_BYTES}, more than {@link #MAX_ALIASES} aliases (the "billion laughs" bomb), nesting
 * deeper than {@link #MAX_DEPTH}, recursive aliases, non-string keys, duplicate keys and
 * multi-document streams.
 */
public final class YamlReader {

  /** No stack file needs more; a larger one is refused before parsing. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;
  /** Aliases allowed per document; an alias bomb needs far more. */
  public static final int MAX_ALIASES = 100;
  /** Nesting deeper than this is refused. */
  public static final int MAX_DEPTH = 64;

  private YamlReader() {}

  /**
   * Reads a file. {@code source} is how errors name it (usually the path as the user gave it).
   *
   * @return the root node, or an empty map node for an empty document
   */
  public static Node read(Path file, String source) {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new StackFileException(new Problem(null, null, "no such file: " + source,
          "run stack in the folder of your stack.yaml, or name it with -f FILE"));
    } catch (IOException e) {
      throw new StackFileException(new Problem(null, null, "cannot read " + source + ": " + e.getMessage(), null));
    }
    if (size > MAX_BYTES) {
      throw new StackFileException(new Problem(new Mark(source, 1, 1), null,
          "file is " + size + " bytes; stack files are limited to " + MAX_BYTES + " bytes",
          "is this the right file? a stack file is usually a few kilobytes"));
    }
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new StackFileException(new Problem(new Mark(source, 1, 1), null,
          "file is not valid UTF-8 text", "save the file as UTF-8"));
    } catch (IOException e) {
      throw new StackFileException(new Problem(null, null, "cannot read " + source + ": " + e.getMessage(), null));
    }
    return read(source, text);
  }

  /** Reads text. */
  public static Node read(String source, String text) {
    if (text.length() > MAX_BYTES) {
      throw new StackFileException(new Problem(new Mark(source, 1, 1), null,
          "text is " + text.length() + " characters; stack files are limited to " + MAX_BYTES, null));
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    LoadSettings settings = LoadSettings.builder()
        .setLabel(source)
        .setSchema(new CoreSchema())
        .setMaxAliasesForCollections(MAX_ALIASES)
        .setAllowRecursiveKeys(false)
        .setAllowNonScalarKeys(true) // so that the converter reports them at the key's place
        .setAllowDuplicateKeys(true) // we report duplicates ourselves, with both places
        .setCodePointLimit(MAX_BYTES + 1)
        .setUseMarks(true)
        .build();
    List<org.snakeyaml.engine.v2.nodes.Node> docs = new ArrayList<>();
    try {
      for (org.snakeyaml.engine.v2.nodes.Node n : new Compose(settings).composeAllFromString(text)) {
        docs.add(n);
        if (docs.size() > 1) {
          throw new StackFileException(new Problem(mark(source, n.getStartMark()), null,
              "a stack file holds one YAML document; found a second one here",
              "remove the '---' line, or split the documents into separate files"));
        }
      }
    } catch (MarkedYamlEngineException e) {
      throw new StackFileException(syntaxProblem(source, e), e);
    } catch (YamlEngineException e) {
      throw new StackFileException(new Problem(new Mark(source, 1, 1), null, describe(e), hintFor(e.getMessage())), e);
    } catch (StackOverflowError e) {
      throw new StackFileException(new Problem(new Mark(source, 1, 1), null,
          "nesting is too deep to read", "a stack file needs only a few levels"));
    }
    if (docs.isEmpty()) {
      return new MapNode(new Mark(source, 1, 1), Map.of());
    }
    return new Converter(source).convert(docs.get(0), 0);
  }

  private static Problem syntaxProblem(String source, MarkedYamlEngineException e) {
    Optional<org.snakeyaml.engine.v2.exceptions.Mark> m = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
    String what = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    String context = e.getContext();
    if (context != null && context.contains("quoted scalar") && what.contains("end of stream")) {
      return new Problem(mark(source, e.getContextMark().isPresent() ? e.getContextMark() : m), null,
          "invalid YAML: the quote that starts here is never closed", "close it; to write a quote inside, quote the value with the other kind of quote");
    }
    if (what.contains("\\t(TAB)") || what.contains("\t(TAB)")) {
      return new Problem(mark(source, m), null, "invalid YAML: a tab character indents this line",
          hintFor("tab"));
    }
    String message = "invalid YAML: " + what + (context != null && !context.isBlank() ? " (" + context + ")" : "");
    return new Problem(mark(source, m), null, message, hintFor(what + " " + context));
  }

  private static String describe(YamlEngineException e) {
    String msg = e.getMessage() == null ? "invalid YAML" : e.getMessage();
    if (msg.contains("aliases")) {
      return "too many aliases (more than " + MAX_ALIASES + "): refusing a possible alias bomb";
    }
    if (msg.contains("code point") || msg.contains("exceeds the limit")) {
      return "document too large";
    }
    return "invalid YAML: " + msg.lines().findFirst().orElse(msg);
  }

  private static String hintFor(String what) {
    if (what == null) {
      return null;
    }
    if (what.contains("\\t") || what.contains("tab")) {
      return "indent with spaces; YAML does not allow tabs for indentation";
    }
    if (what.contains("undefined alias")) {
      return "define the anchor (&name) before its first use (*name)";
    }
    if (what.contains("mapping values are not allowed")) {
      return "a value that contains ': ' must be quoted";
    }
    if (what.contains("could not find expected ':'")) {
      return "each line of a map needs 'key: value'";
    }
    if (what.contains("expected <block end>") || what.contains("did not find expected key")) {
      return "check the indentation of this line against the lines above";
    }
    return null;
  }

  static Mark mark(String source, Optional<org.snakeyaml.engine.v2.exceptions.Mark> m) {
    return m.map(x -> new Mark(source, x.getLine() + 1, x.getColumn() + 1)).orElse(new Mark(source, 1, 1));
  }

  /** Converts engine nodes, checking depth, recursion, keys and duplicates. */
  private static final class Converter {
    private final String source;
    private final Map<org.snakeyaml.engine.v2.nodes.Node, Boolean> onPath = new IdentityHashMap<>();

    Converter(String source) {
      this.source = source;
    }

    Node convert(org.snakeyaml.engine.v2.nodes.Node n, int depth) {
      Mark at = mark(source, n.getStartMark());
      if (depth > MAX_DEPTH) {
        throw new StackFileException(new Problem(at, null,
            "nesting deeper than " + MAX_DEPTH + " levels", "a stack file needs only a few levels"));
      }
      if (onPath.put(n, Boolean.TRUE) != null) {
        throw new StackFileException(new Problem(at, null,
            "an alias refers to a node that contains it (a recursive alias)", "remove the self-reference"));
      }
      try {
        if (n instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s) {
          return scalar(s, at);
        }
        if (n instanceof SequenceNode s) {
          List<Node> items = new ArrayList<>(s.getValue().size());
          for (org.snakeyaml.engine.v2.nodes.Node item : s.getValue()) {
            items.add(convert(item, depth + 1));
          }
          return new SeqNode(at, items);
        }
        if (n instanceof MappingNode m) {
          return map(m, at, depth);
        }
        throw new StackFileException(Problem.at(at, null, "unsupported YAML node"));
      } finally {
        onPath.remove(n);
      }
    }

    private MapNode map(MappingNode m, Mark at, int depth) {
      Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        org.snakeyaml.engine.v2.nodes.Node k = t.getKeyNode();
        Mark keyMark = mark(source, k.getStartMark());
        if (k.getTag().equals(Tag.MERGE)) {
          throw new StackFileException(new Problem(keyMark, null,
              "the YAML 1.1 merge key '<<' is not supported",
              "repeat the keys, or move shared settings into a profile's defaults"));
        }
        if (!(k instanceof org.snakeyaml.engine.v2.nodes.ScalarNode ks)) {
          throw new StackFileException(new Problem(keyMark, null,
              "keys must be plain strings, got " + (k instanceof SequenceNode ? "a list" : "a map"), null));
        }
        String key = ks.getValue();
        MapNode.Entry previous = entries.get(key);
        if (previous != null) {
          throw new StackFileException(new Problem(keyMark, null,
              "duplicate key '" + key + "' (first defined at " + previous.keyMark() + ")",
              "remove one of them; YAML keys must be unique within a map"));
        }
        entries.put(key, new MapNode.Entry(key, keyMark, convert(t.getValueNode(), depth + 1)));
      }
      return new MapNode(at, entries);
    }

    private ScalarNode scalar(org.snakeyaml.engine.v2.nodes.ScalarNode s, Mark at) {
      Tag tag = s.getTag();
      boolean quoted = !s.isPlain();
      ScalarNode.Type type;
      if (tag.equals(Tag.INT)) {
        type = ScalarNode.Type.INT;
      } else if (tag.equals(Tag.FLOAT)) {
        type = ScalarNode.Type.FLOAT;
      } else if (tag.equals(Tag.BOOL)) {
        type = ScalarNode.Type.BOOL;
      } else if (tag.equals(Tag.NULL)) {
        type = ScalarNode.Type.NULL;
      } else if (tag.equals(Tag.STR) || tag.equals(Tag.ENV_TAG)) {
        // the engine's core schema tags a plain "${VAR}" as an environment variable; the stack
        // file interpolates it itself (Interpolator), so it is a string here
        type = ScalarNode.Type.STRING;
      } else {
        throw new StackFileException(new Problem(at, null,
            "unsupported YAML tag " + tag.getValue(), "remove the '!' tag"));
      }
      return new ScalarNode(at, s.getValue(), type, quoted);
    }
  }
}
