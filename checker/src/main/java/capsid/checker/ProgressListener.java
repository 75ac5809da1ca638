package capsid.checker;

/** Receives a {@link TlcProgress} snapshot at a fixed interval while TLC runs. */
@FunctionalInterface
public interface ProgressListener {
    /** Called from a timer thread; must not block for long. */
    void onProgress(TlcProgress progress);
}
