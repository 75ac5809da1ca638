package capsid.kernel.event;

import java.util.List;

/**
 * A tiny JSON object writer for event lines (the kernel depends on the JDK only).
 * Keys come out in the order they were put, so a line is byte-for-byte
 * deterministic.
 */
public final class Json {
    private final StringBuilder sb = new StringBuilder(64).append('{');
    private boolean first = true;

    public static Json obj() {
        return new Json();
    }

    private Json key(String k) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        string(sb, k);
        sb.append(':');
        return this;
    }

    public Json put(String k, long v) {
        key(k).sb.append(v);
        return this;
    }

    public Json put(String k, boolean v) {
        key(k).sb.append(v);
        return this;
    }

    public Json put(String k, String v) {
        key(k);
        if (v == null) {
            sb.append("null");
        } else {
            string(sb, v);
        }
        return this;
    }

    /** A value that is already JSON text (an object or array built elsewhere). */
    public Json raw(String k, String json) {
        key(k).sb.append(json);
        return this;
    }

    public Json putInts(String k, long[] v) {
        key(k).sb.append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(v[i]);
        }
        sb.append(']');
        return this;
    }

    public Json putStrings(String k, List<String> v) {
        key(k).sb.append('[');
        for (int i = 0; i < v.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            string(sb, v.get(i));
        }
        sb.append(']');
        return this;
    }

    @Override
    public String toString() {
        return sb + "}";
    }

    /** Appends {@code s} as a JSON string literal. */
    public static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
