package capsid.scenario;

/** Range-checked integer parsing for script integers ({@code -?[0-9]+}, any length). */
final class Numbers {
    private Numbers() {
    }

    /** The long {@code text} denotes, or null when it is out of range or no integer. */
    static Long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The int {@code text} denotes, or null when it is out of range or no integer. */
    static Integer parseInt(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
