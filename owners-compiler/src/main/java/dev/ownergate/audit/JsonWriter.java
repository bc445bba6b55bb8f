package dev.ownergate.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer for the reports and {@code who --json}: objects, arrays, strings,
 * numbers, booleans, null. Indented or compact. Streaming so a large {@code who --stdin} batch is never
 * held in memory; I/O errors surface as {@link UncheckedIOException}.
 */
public final class JsonWriter {
    private final Appendable out;
    private final boolean pretty;
    /** Per open container: whether it already holds an element. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterName;

    private JsonWriter(Appendable out, boolean pretty) {
        this.out = out;
        this.pretty = pretty;
    }

    public static JsonWriter pretty(Appendable out) {
        return new JsonWriter(out, true);
    }

    public static JsonWriter compact(Appendable out) {
        return new JsonWriter(out, false);
    }

    public JsonWriter beginObject() {
        beforeValue();
        write("{");
        open.push(new boolean[1]);
        return this;
    }

    public JsonWriter endObject() {
        return close("}");
    }

    public JsonWriter beginArray() {
        beforeValue();
        write("[");
        open.push(new boolean[1]);
        return this;
    }

    public JsonWriter endArray() {
        return close("]");
    }

    public JsonWriter name(String name) {
        beforeValue();
        quote(name);
        write(pretty ? ": " : ":");
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        beforeValue();
        quote(s);
        return this;
    }

    public JsonWriter value(long n) {
        beforeValue();
        write(Long.toString(n));
        return this;
    }

    public JsonWriter value(boolean b) {
        beforeValue();
        write(b ? "true" : "false");
        return this;
    }

    public JsonWriter nullValue() {
        beforeValue();
        write("null");
        return this;
    }

    /** A number rounded to two decimals, written without exponent, e.g. {@code 87.5}. */
    public JsonWriter value(double d) {
        beforeValue();
        write(new java.math.BigDecimal(d).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString());
        return this;
    }

    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    /** Ends the document with a newline when indented. */
    public void finish() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed JSON container");
        }
        if (pretty) {
            write("\n");
        }
    }

    private JsonWriter close(String bracket) {
        boolean[] state = open.pop();
        if (state[0]) {
            newline();
        }
        write(bracket);
        return this;
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        boolean[] state = open.peek();
        if (state != null) {
            if (state[0]) {
                write(",");
            }
            state[0] = true;
            newline();
        }
    }

    private void newline() {
        if (pretty) {
            write("\n");
            write("  ".repeat(open.size()));
        }
    }

    private void quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                // '<' too, so a string can never close the <script> that embeds the HTML report's data.
                case '<' -> b.append("\\u003c");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        write(b.append('"').toString());
    }

    private void write(String s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
