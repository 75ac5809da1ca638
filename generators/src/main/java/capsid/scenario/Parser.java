package capsid.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses scenario scripts (ABI.md section 1) into a {@link Script}. Never throws:
 * each malformed line becomes one {@link ScriptError} naming its line, column and
 * what was expected there, and every other line still parses.
 */
public final class Parser {
    private Parser() {
    }

    /**
     * Parses {@code text}; errors are reported against {@code file}. Lines end at
     * {@code \n}; a {@code \r} before it (CRLF) is dropped.
     */
    public static ParsedScript parse(String file, String text) {
        List<Step> steps = new ArrayList<>();
        List<ScriptError> errors = new ArrayList<>();
        int lineNo = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            lineNo++;
            Checked<Step> step = LineParser.parse(Lexer.lex(line, lineNo));
            if (step != null && step.isOk()) {
                steps.add(step.value());
            } else if (step != null) {
                errors.add(step.error());
            }
            start = end + 1;
        }
        return new ParsedScript(file, new Script(steps), errors);
    }
}
