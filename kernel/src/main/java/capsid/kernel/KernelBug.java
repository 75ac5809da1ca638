package capsid.kernel;

/**
 * A broken kernel invariant: the kernel's fault, never the caller's. Nothing
 * inside the kernel catches it; tests treat it as a failure. (Bad input is never
 * a KernelBug: it gets an errno.)
 */
public final class KernelBug extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KernelBug(String message) {
        super(message);
    }

    public KernelBug(String message, Throwable cause) {
        super(message, cause);
    }
}
