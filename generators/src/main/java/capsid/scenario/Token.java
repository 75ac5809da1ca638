package capsid.scenario;

/**
 * One token of a scenario line. Immutable.
 *
 * @param kind what it is
 * @param text INT, WORD, FLAGS: as written; STRING: unescaped; DOLLAR, AT: the
 *             name; PERCENT: the pid's digits; ERROR: the lexical error's message;
 *             otherwise the token as written
 * @param pos  where it starts (END: where the line's content ends)
 */
record Token(Kind kind, String text, Pos pos) {

    /** Token kinds (ABI.md section 1). */
    enum Kind {
        INT, WORD, FLAGS, STRING, DOLLAR, AT, PERCENT, ARROW, EQUALS, LBRACKET, RBRACKET, COMMA,
        /** A lexical error; always the last token of its line. */
        ERROR,
        /** The end of the line's content (before any comment); always last. */
        END
    }

    /** True for a WORD token with exactly this text. */
    boolean isWord(String word) {
        return kind == Kind.WORD && text.equals(word);
    }
}
