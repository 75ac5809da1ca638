package capsid.cli;

import java.util.Arrays;

/** A main class for ChildJvm's test. */
public final class ChildMain {
    private ChildMain() {
    }

    public static void main(String[] args) {
        System.out.println("args " + Arrays.toString(args));
        System.err.println("to stderr");
        System.exit(3);
    }
}
