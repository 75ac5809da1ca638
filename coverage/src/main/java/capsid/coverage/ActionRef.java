package capsid.coverage;

/** One {@code @SpecAction(spec, action)} a method carries. */
public record ActionRef(String spec, String action) {
    @Override
    public String toString() {
        return spec + "." + action;
    }
}
