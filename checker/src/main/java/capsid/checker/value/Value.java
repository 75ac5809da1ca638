package capsid.checker.value;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A TLA+ value as TLC prints it in traces, state dumps and simulation files: an
 * immutable AST.
 *
 * <p>Equality is TLA+ equality for the values TLC can print: sets compare as sets
 * (order and duplicates do not matter), records and functions compare as
 * mappings. To keep that true, every value has exactly one form, the one TLC
 * itself prints: a function whose domain is {@code 1..n} is a {@link SeqValue}
 * (the empty function is the empty sequence), a function whose domain is a
 * non-empty set of identifier-like strings is a {@link RecordValue}, any other
 * function is a {@link FunctionValue}. The factory {@link #function(Map)} picks the
 * form; the record constructors reject a non-canonical one.
 *
 * <p>{@link #toString()} is {@link #toTla()}: TLC's own one-line syntax, which
 * {@link TlaValueParser#parse(String)} reads back to an equal value.
 */
public sealed interface Value {

    /** TLA+ text in TLC's syntax, on one line. */
    String toTla();

    /** An integer (TLC's are 32-bit; any size is accepted here). */
    record IntValue(BigInteger value) implements Value {
        public IntValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toTla() {
            return value.toString();
        }

        @Override
        public String toString() {
            return toTla();
        }
    }

    /** A string; {@link #toTla()} escapes {@code " \ \n \t \r \f} as TLC does. */
    record StringValue(String value) implements Value {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toTla() {
            StringBuilder b = new StringBuilder(value.length() + 2).append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\t' -> b.append("\\t");
                    case '\r' -> b.append("\\r");
                    case '\f' -> b.append("\\f");
                    default -> b.append(c);
                }
            }
            return b.append('"').toString();
        }

        @Override
        public String toString() {
            return toTla();
        }
    }

    /** {@code TRUE} or {@code FALSE}. */
    record BoolValue(boolean value) implements Value {
        @Override
        public String toTla() {
            return value ? "TRUE" : "FALSE";
        }

        @Override
        public String toString() {
            return toTla();
        }
    }

    /**
     * A model value (an uninterpreted constant of the model, printed bare, e.g.
     * {@code p1}). Its name is a TLA+ identifier other than {@code TRUE}/{@code FALSE}.
     */
    record ModelValue(String name) implements Value {
        public ModelValue {
            Objects.requireNonNull(name, "name");
            if (!Value.isIdentifier(name) || name.equals("TRUE") || name.equals("FALSE")) {
                throw new IllegalArgumentException("not a model value name: " + name);
            }
        }

        @Override
        public String toTla() {
            return name;
        }

        @Override
        public String toString() {
            return toTla();
        }
    }

    /**
     * A record {@code [a |-> 1, b |-> "x"]}: a non-empty mapping from field names
     * (identifier-like: letters, digits, {@code _}, at least one letter) to values.
     * Field order is kept for printing and ignored by {@code equals}.
     */
    record RecordValue(Map<String, Value> fields) implements Value {
        public RecordValue {
            Objects.requireNonNull(fields, "fields");
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("a record has at least one field (the empty function is <<>>)");
            }
            for (Map.Entry<String, Value> e : fields.entrySet()) {
                if (!Value.isIdentifier(e.getKey())) {
                    throw new IllegalArgumentException("not a record field name: \"" + e.getKey() + "\"");
                }
                Objects.requireNonNull(e.getValue(), "field value");
            }
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @Override
        public String toTla() {
            StringBuilder b = new StringBuilder("[");
            String sep = "";
            for (Map.Entry<String, Value> e : fields.entrySet()) {
                b.append(sep).append(e.getKey()).append(" |-> ").append(e.getValue().toTla());
                sep = ", ";
            }
            return b.append(']').toString();
        }

        @Override
        public String toString() {
            return toTla();
        }
    }

    /**
     * A function in TLC's {@code (k1 :> v1 @@ k2 :> v2)} form: a non-empty mapping
     * whose domain is neither {@code 1..n} (that is a {@link SeqValue}) nor a set of
     * identifier-like strings (that is a {@link RecordValue}). Build one with
     * {@link Value#function(Map)}, which chooses the form.
     */
    record FunctionValue(Map<Value, Value> mapping) implements Value {
        public FunctionValue {
            Objects.requireNonNull(mapping, "mapping");
            for (Map.Entry<Value, Value> e : mapping.entrySet()) {
                Objects.requireNonNull(e.getKey(), "key");
                Objects.requireNonNull(e.getValue(), "value");
            }
            if (mapping.isEmpty() || Value.isSequenceDomain(mapping.keySet()) || Value.isRecordDomain(mapping.keySet())) {
                throw new IllegalArgumentException(
                        "not the canonical form of this function (use Value.function): " + mapping.keySet());
            }
            mapping = Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
        }

        @Override
        public String toTla() {
            StringBuilder b = new StringBuilder("(");
            String sep = "";
            for (Map.Entry<Value, Value> e : mapping.entrySet()) {
                b.append(sep).append(e.getKey().toTla()).append(" :> ").append(e.getValue().toTla());
                sep = " @@ ";
            }
            return b.append(')').toString();
        }

        @Override
        public String toString() {
            return toTla();
        }
    }

    /** A finite set {@code {1, 2}}; element order is kept for printing and ignored by {@code equals}. */
    record SetValue(java.util.Set<Value> elements) implements Value {
        public SetValue {
            Objects.requireNonNull(elements, "elements");
            elements.forEach(e -> Objects.requireNonNull(e, "element"));
            elements = Collections.unmodifiableSet(new LinkedHashSet<>(elements));
        }

        @Override
        public String toTla() {
            StringBuilder b = new StringBuilder("{");
            String sep = "";
            for (Value v : elements) {
                b.append(sep).append(v.toTla());
                sep = ", ";
            }
            return b.append('}').toString();
        }

        @Override
        public String toString() {
            return toTla();
        }
    }

    /** A sequence or tuple {@code <<1, "a">>} (TLA+ does not tell them apart). */
    record SeqValue(List<Value> elements) implements Value {
        public SeqValue {
            Objects.requireNonNull(elements, "elements");
            // List.copyOf rejects null elements and returns an immutable list as it is
            elements = List.copyOf(elements);
        }

        @Override
        public String toTla() {
            StringBuilder b = new StringBuilder("<<");
            String sep = "";
            for (Value v : elements) {
                b.append(sep).append(v.toTla());
                sep = ", ";
            }
            return b.append(">>").toString();
        }

        @Override
        public String toString() {
            return toTla();
        }
    }

    // ---- factories ----

    /** An integer. */
    static IntValue of(long n) {
        return n >= SmallInts.LOW && n <= SmallInts.HIGH ? SmallInts.CACHE[(int) n - SmallInts.LOW]
                : new IntValue(BigInteger.valueOf(n));
    }

    /** A string. */
    static StringValue str(String s) {
        return new StringValue(s);
    }

    /** A boolean. */
    static BoolValue bool(boolean b) {
        return new BoolValue(b);
    }

    /** A model value. */
    static ModelValue model(String name) {
        return new ModelValue(name);
    }

    /** A record; field order as given. */
    static RecordValue record(Map<String, Value> fields) {
        return new RecordValue(fields);
    }

    /** A set of the given elements (duplicates collapse). */
    static SetValue set(Collection<? extends Value> elements) {
        return new SetValue(new LinkedHashSet<>(elements));
    }

    /** A set of the given elements. */
    static SetValue set(Value... elements) {
        return set(List.of(elements));
    }

    /** A sequence. */
    static SeqValue seq(List<? extends Value> elements) {
        return new SeqValue(List.copyOf(elements));
    }

    /** A sequence. */
    static SeqValue seq(Value... elements) {
        return seq(List.of(elements));
    }

    /**
     * The function with the given mapping, in its canonical form: the empty
     * function and a function on {@code 1..n} are sequences, a function on
     * identifier-like strings is a record, anything else a {@link FunctionValue}.
     */
    static Value function(Map<? extends Value, ? extends Value> mapping) {
        if (mapping.isEmpty()) {
            return new SeqValue(List.of());
        }
        if (isSequenceDomain(mapping.keySet())) {
            List<Value> elems = new ArrayList<>(mapping.size());
            for (int i = 1; i <= mapping.size(); i++) {
                elems.add(mapping.get(new IntValue(BigInteger.valueOf(i))));
            }
            return new SeqValue(elems);
        }
        if (isRecordDomain(mapping.keySet())) {
            Map<String, Value> fields = new LinkedHashMap<>();
            mapping.forEach((k, v) -> fields.put(((StringValue) k).value(), v));
            return new RecordValue(fields);
        }
        return new FunctionValue(new LinkedHashMap<>(mapping));
    }

    // ---- helpers shared by the forms ----

    /**
     * Whether {@code s} is a TLA+ identifier lexeme: ASCII letters, digits and
     * {@code _}, with at least one letter (keywords included). TLC prints a function
     * on such strings as a record.
     */
    static boolean isIdentifier(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                letter = true;
            } else if (!(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return letter;
    }

    /** Whether a non-empty domain is exactly {@code 1..n}. */
    private static boolean isSequenceDomain(java.util.Set<? extends Value> domain) {
        if (domain.isEmpty()) {
            return false;
        }
        int n = domain.size();
        for (Value k : domain) {
            if (!(k instanceof IntValue i) || i.value().signum() <= 0
                    || i.value().compareTo(BigInteger.valueOf(n)) > 0) {
                return false;
            }
        }
        return true; // n distinct integers in 1..n
    }

    /** Whether a non-empty domain consists of identifier-like strings only. */
    private static boolean isRecordDomain(java.util.Set<? extends Value> domain) {
        if (domain.isEmpty()) {
            return false;
        }
        for (Value k : domain) {
            if (!(k instanceof StringValue s) || !isIdentifier(s.value())) {
                return false;
            }
        }
        return true;
    }
}

/** The integers abstraction functions use most (ids, pids, levels), made once. */
final class SmallInts {
    static final int LOW = -16;
    static final int HIGH = 1024;
    static final Value.IntValue[] CACHE = new Value.IntValue[HIGH - LOW + 1];

    static {
        for (int i = LOW; i <= HIGH; i++) {
            CACHE[i - LOW] = new Value.IntValue(BigInteger.valueOf(i));
        }
    }

    private SmallInts() {
    }
}

