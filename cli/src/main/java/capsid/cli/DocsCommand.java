package capsid.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code capsid docs [--check]}: the generated parts of the documentation, made from
 * the code: today the call and errno tables of docs/abi.md ({@link AbiTable}). Without {@code
 * --check} it rewrites them; with it, it only compares (exit 1 when the committed
 * file differs, naming it). Exit 2 when the file or its markers are missing.
 */
@Command(name = "docs", mixinStandardHelpOptions = true,
        description = "Regenerate the generated parts of docs/ (the call and errno tables of docs/abi.md, from the "
                + "kernel's Sys, Call and Errno).")
public final class DocsCommand implements Callable<Integer> {

    @Option(names = "--check", description = "Only compare: exit 1 when the committed file differs (default: "
            + "rewrite it).")
    boolean check;

    @Override
    public Integer call() {
        Path abi = Project.root().resolve("docs").resolve("abi.md");
        try {
            if (check) {
                String text = Files.readString(abi, StandardCharsets.UTF_8);
                if (!AbiTable.render(text).equals(text)) {
                    System.out.println(abi + ": the generated tables differ from the kernel's calls and errnos; capsid "
                            + "docs rewrites them");
                    return 1;
                }
                System.out.println(abi + ": up to date");
                return 0;
            }
            System.out.println(abi + (AbiTable.write(abi) ? ": generated tables rewritten" : ": up to date"));
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            return JsonError.flag("docs", abi + ": " + e.getMessage(), false);
        }
    }
}
