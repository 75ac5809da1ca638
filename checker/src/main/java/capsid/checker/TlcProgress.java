package capsid.checker;

/**
 * A snapshot of a running TLC, as given to a {@link ProgressListener}: the latest
 * counts TLC reported (Capsid's child reads them every second; TLC's own progress
 * message comes once a minute), or {@code null} while unknown.
 *
 * @param elapsedSeconds wall-clock seconds since the child started
 * @param phase what TLC is doing: {@code starting}, {@code parsing}, {@code initial states},
 *     {@code checking}, {@code liveness}, {@code simulating}, {@code finished}
 * @param generated states generated so far
 * @param distinct distinct states found so far
 * @param queue states left on the queue
 * @param depth current search depth (BFS level)
 * @param statesPerSecond generated states per second since the previous snapshot (0 when unknown)
 */
public record TlcProgress(double elapsedSeconds, String phase, Long generated, Long distinct, Long queue,
                          Integer depth, double statesPerSecond) {
}
