package capsid.coverage;

import java.util.List;

/** Every probe registered in this JVM, by flat index (registration order). */
public final class ProbeMap {
    private final List<ProbeInfo> probes;

    ProbeMap(List<ProbeInfo> probes) {
        this.probes = List.copyOf(probes);
    }

    /** How many probes. */
    public int size() {
        return probes.size();
    }

    /** The probe at flat index {@code i} (the bit {@link Probes#collectNew} sets for it). */
    public ProbeInfo get(int i) {
        return probes.get(i);
    }

    /** All probes, in flat-index order. */
    public List<ProbeInfo> probes() {
        return probes;
    }
}
