package capsid.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The scenario suite: every {@code scenarios/*.csc} of the repository passes
 * (ABI.md section 1), one test per file, its report as the failure message.
 */
class ScenarioSuiteTest {

    @TestFactory
    Stream<DynamicTest> everyScenarioPasses() throws IOException {
        Path dir = Path.of(System.getProperty("capsid.root", ".."), "scenarios");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".csc")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no scenarios in " + dir.toAbsolutePath());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Report r = ScenarioRunner.run(f);
            assertTrue(r.ok(), r::text);
        }));
    }
}
