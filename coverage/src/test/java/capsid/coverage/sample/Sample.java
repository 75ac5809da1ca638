package capsid.coverage.sample;

import java.util.ArrayList;
import java.util.List;

/** Code to instrument: branches, switches, loops, exceptions, a static initialiser, an enum switch. */
public class Sample {
    static final List<String> LOG = new ArrayList<>();
    static int initialised;

    static {
        initialised = LOG.size() + 1;
    }

    private final int base;

    public Sample(int base) {
        this.base = base < 0 ? 0 : base;
    }

    @Act(spec = "S", action = "Sign")
    public static int sign(int x) {
        if (x > 0) {
            return 1;
        }
        if (x < 0) {
            return -1;
        }
        return 0;
    }

    @Act(spec = "S", action = "Name")
    @Act(spec = "T", action = "Other")
    public static String name(int k) {
        switch (k) {
            case 1:
                return "one";
            case 2:
                return "two";
            case 3:
                return "three";
            default:
                return "many";
        }
    }

    public static int sparse(int k) {
        switch (k) {
            case 10:
                return 1;
            case 1000:
                return 2;
            default:
                return 0;
        }
    }

    public int sum(int n) {
        int s = base;
        for (int i = 0; i < n; i++) {
            s += i % 3 == 0 ? i : 1;
        }
        return s;
    }

    public static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return s == null ? -2 : -1;
        }
    }

    public static Object pick(boolean a) {
        // frames that merge two classes with a common super class other than Object
        Number n = a ? Integer.valueOf(1) : Long.valueOf(2);
        return n.intValue();
    }

    public static String color(Color c) {
        return switch (c) {
            case RED -> "r";
            case GREEN -> "g";
            default -> "other";
        };
    }

    /** An enum (switch map in a synthetic class). */
    public enum Color { RED, GREEN, BLUE }

    /** An interface with a default method and no static initialiser. */
    public interface Shape {
        int sides();

        default boolean polygon() {
            return sides() >= 3;
        }
    }

    /** A plain implementation without a static initialiser. */
    public static final class Square implements Shape {
        @Override
        public int sides() {
            return 4;
        }
    }
}
