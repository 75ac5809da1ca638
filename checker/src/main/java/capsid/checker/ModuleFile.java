package capsid.checker;

/**
 * A module TLC loaded for a run (SANY prints {@code Parsing file F} for each), with
 * a content hash, so that a record says exactly which text was checked.
 *
 * @param module the module name ({@code Naturals}, {@code MCNamespaceUnshare})
 * @param file the file as TLC read it; {@code null} for TLC's standard modules, which
 *     come out of TLC's own jar (its hash covers them)
 * @param sha256 SHA-256 of the file's bytes (hex), or {@code null} when the file could not be read
 * @param standard whether TLC unpacked it from its jar (a standard module)
 */
public record ModuleFile(String module, String file, String sha256, boolean standard) {
}
