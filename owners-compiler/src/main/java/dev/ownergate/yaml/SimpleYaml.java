package dev.ownergate.yaml;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes the small part of YAML that OWNERS files are written in, about ten times faster than snakeyaml, and
 * gives up (returns null) on anything else, so that snakeyaml reads it. What it accepts: ASCII text; a root block
 * mapping at column 0; keys that are plain names or quoted strings, each followed by {@code ": "} or a line end;
 * values that are one-line scalars, nested block mappings, or block sequences of one-line scalars (indented or
 * not); comments and blank lines. A scalar is plain (no {@code :}, flow indicator or backtick), single-quoted
 * without {@code ''}, or double-quoted without escapes.
 *
 * <p>For those texts it builds the node tree snakeyaml's {@code compose} builds: the same classes, tags (from
 * snakeyaml's own resolver), values, styles and start marks, which are all that readers look at; end marks of
 * collections are not the same. {@code SafeYamlFastPathTest} holds it to that on generated texts.
 */
final class SimpleYaml {

    /** Longer files are rare; snakeyaml reads them. It also keeps simple keys under snakeyaml's 1024 limit. */
    private static final int MAX_CHARS = 64 * 1024;
    private static final int MAX_LINE = 512;
    /** Nesting deeper than an OWNERS file's filters (root, filter, list) is left to snakeyaml and its limits. */
    private static final int MAX_DEPTH = 4;
    private static final Resolver RESOLVER = new Resolver();
    private static final int[] NO_BUFFER = new int[0];
    /** The name snakeyaml gives a mark of text read from a {@code StringReader}. */
    private static final String MARK_NAME = "'reader'";

    /** Thrown (without a stack trace) when the text leaves the subset; never escapes this class. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final Unsupported UNSUPPORTED = new Unsupported();

    private final String text;
    /** Start of the current line, its end (index of its line break or the text's end), its number (0-based). */
    private int start;
    private int end;
    private int line;

    private SimpleYaml(String text) {
        this.text = text;
    }

    /** The root node snakeyaml would compose, or null when the text is outside the subset. */
    static Node compose(String text) {
        if (text.length() > MAX_CHARS || !isAsciiLines(text)) {
            return null;
        }
        try {
            return new SimpleYaml(text).root();
        } catch (Unsupported e) {
            return null;
        }
    }

    /**
     * True when no reading of the text can give a mapping, so its root is a scalar, a sequence or nothing, or it
     * is not YAML: a mapping needs {@code ": "} or {@code ":"} before a line end, {@code "? "} or {@code "{"}.
     * Chromium plain OWNERS files (emails, {@code per-file}, {@code file://}) pass this.
     */
    static boolean cannotHoldMapping(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '?' || c == '[') {
                return false;
            }
            if (c == ':' && (i + 1 == text.length() || text.charAt(i + 1) != '/')) {
                return false;
            }
        }
        return true;
    }

    /** Printable ASCII and line feeds only: no tabs, carriage returns, YAML's other line breaks or code point maths. */
    private static boolean isAsciiLines(String text) {
        int lineLength = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                lineLength = 0;
            } else if (c < 0x20 || c > 0x7E || ++lineLength > MAX_LINE) {
                return false;
            }
        }
        return true;
    }

    private Node root() {
        end = -1;
        nextContentLine();
        if (atEnd() || indent() != 0) {
            throw UNSUPPORTED;
        }
        MappingNode root = mapping(0, 1);
        if (!atEnd()) {
            throw UNSUPPORTED;
        }
        return root;
    }

    private boolean atEnd() {
        return start > text.length();
    }

    /** Moves to the next line holding more than spaces and a comment; past the end, {@code start > length}. */
    private void nextContentLine() {
        while (true) {
            start = end + 1;
            if (start > text.length()) {
                return;
            }
            line++;
            int nl = text.indexOf('\n', start);
            end = nl < 0 ? text.length() : nl;
            int first = start + indent();
            if (first < end && text.charAt(first) != '#') {
                if (text.startsWith("---", start) || text.startsWith("...", start)) {
                    throw UNSUPPORTED; // a document marker
                }
                return;
            }
        }
    }

    private int indent() {
        int i = start;
        while (i < end && text.charAt(i) == ' ') {
            i++;
        }
        return i - start;
    }

    private Mark mark(int index) {
        return new Mark(MARK_NAME, index, line - 1, index - start, NO_BUFFER, 0);
    }

    /** A block mapping whose keys start at column {@code column}; the current line holds its first key. */
    private MappingNode mapping(int column, int depth) {
        if (depth > MAX_DEPTH) {
            throw UNSUPPORTED;
        }
        List<NodeTuple> tuples = new ArrayList<>();
        Mark first = mark(start + column);
        Node lastValue = null;
        while (!atEnd() && indent() >= column) {
            if (indent() > column) {
                throw UNSUPPORTED;
            }
            ScalarNode key = scalar(start + column);
            int colon = key.getEndMark().getIndex();
            if (colon >= end || text.charAt(colon) != ':' || (colon + 1 < end && text.charAt(colon + 1) != ' ')) {
                throw UNSUPPORTED;
            }
            int value = skipSpaces(colon + 1);
            if (value < end && text.charAt(value) != '#') {
                lastValue = scalar(value);
                requireLineEnd(lastValue.getEndMark().getIndex());
                nextContentLine();
            } else {
                Mark afterColon = mark(colon + 1);
                nextContentLine();
                lastValue = blockValue(column, depth, afterColon);
            }
            tuples.add(new NodeTuple(key, lastValue));
        }
        return new MappingNode(Tag.MAP, true, tuples, first, lastValue.getEndMark(), DumperOptions.FlowStyle.BLOCK);
    }

    /** The value of a key at {@code column} written on the lines below it; none is an empty (null) scalar. */
    private Node blockValue(int column, int depth, Mark afterColon) {
        if (!atEnd() && indent() >= column) {
            int at = start + indent();
            boolean entry = text.charAt(at) == '-' && at + 1 < end && text.charAt(at + 1) == ' ';
            if (entry) {
                return sequence(indent());
            }
            if (indent() > column) {
                return mapping(indent(), depth + 1);
            }
        }
        return new ScalarNode(Tag.NULL, true, "", afterColon, afterColon, DumperOptions.ScalarStyle.PLAIN);
    }

    /** A block sequence of scalars whose dashes sit at column {@code column}; the current line is its first item. */
    private SequenceNode sequence(int column) {
        List<Node> items = new ArrayList<>();
        Mark first = mark(start + column);
        Node last = null;
        while (!atEnd() && indent() == column) {
            int dash = start + column;
            if (text.charAt(dash) != '-') {
                break; // a key of the mapping this sequence is the value of, when both sit at one column
            }
            if (dash + 1 >= end || text.charAt(dash + 1) != ' ') {
                throw UNSUPPORTED;
            }
            int item = skipSpaces(dash + 1);
            if (item >= end || text.charAt(item) == '#') {
                throw UNSUPPORTED; // an empty item, or a nested block below it
            }
            last = scalar(item);
            requireLineEnd(last.getEndMark().getIndex());
            items.add(last);
            nextContentLine();
        }
        if (!atEnd() && indent() > column) {
            throw UNSUPPORTED;
        }
        return new SequenceNode(Tag.SEQ, true, items, first, last.getEndMark(), DumperOptions.FlowStyle.BLOCK);
    }

    /** A one-line scalar starting at {@code at}; its end mark is just past its last character or closing quote. */
    private ScalarNode scalar(int at) {
        char c = text.charAt(at);
        if (c == '"' || c == '\'') {
            int close = text.indexOf(c, at + 1);
            if (close < 0 || close >= end) {
                throw UNSUPPORTED;
            }
            String value = text.substring(at + 1, close);
            if (c == '"' && value.indexOf('\\') >= 0 || c == '\'' && close + 1 < end && text.charAt(close + 1) == '\'') {
                throw UNSUPPORTED; // escapes
            }
            return new ScalarNode(Tag.STR, true, value, mark(at), mark(close + 1),
                    c == '"' ? DumperOptions.ScalarStyle.DOUBLE_QUOTED : DumperOptions.ScalarStyle.SINGLE_QUOTED);
        }
        if (!plainStart(c)) {
            throw UNSUPPORTED;
        }
        int last = at + 1;
        int i = at + 1;
        while (i < end) {
            char d = text.charAt(i);
            if (d == ' ') {
                if (i + 1 < end && text.charAt(i + 1) == '#') {
                    break;
                }
            } else if (d == ':') {
                break;
            } else if (plainPart(d)) {
                last = i + 1;
            } else {
                throw UNSUPPORTED;
            }
            i++;
        }
        if (i < end && text.charAt(i) == ':' && i != last) {
            throw UNSUPPORTED; // "key :"
        }
        String value = text.substring(at, last);
        Tag tag = RESOLVER.resolve(NodeId.scalar, value, true);
        return new ScalarNode(tag, true, value, mark(at), mark(last), DumperOptions.ScalarStyle.PLAIN);
    }

    /** After a value: spaces, then the line's end or a comment. */
    private void requireLineEnd(int at) {
        int i = skipSpaces(at);
        if (i < end && (text.charAt(i) != '#' || i == at)) {
            throw UNSUPPORTED;
        }
    }

    private int skipSpaces(int at) {
        int i = at;
        while (i < end && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Not a YAML indicator, so a plain scalar may start with it. */
    private static boolean plainStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_./~$(+\\^=;<".indexOf(c) >= 0;
    }

    /** Inside a plain scalar: anything printable but flow indicators, quotes, backticks and {@code :}. */
    private static boolean plainPart(char c) {
        return c > ' ' && c <= '~' && ",[]{}\"'`:".indexOf(c) < 0;
    }
}
