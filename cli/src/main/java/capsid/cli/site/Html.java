package capsid.cli.site;

/** The shared page frame of the site and HTML escaping. */
final class Html {
    private Html() {
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A whole page: {@code root} is the relative path from the page to the site's root
     * ("" or "../../"), for the stylesheet and the navigation bar.
     */
    static String page(String title, String root, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + " · Capsid</title>"
                + "<link rel=\"icon\" href=\"" + root + "favicon.svg\" type=\"image/svg+xml\">"
                + "<link rel=\"stylesheet\" href=\"" + root + "site.css\"></head>\n<body>\n<nav>"
                + "<a href=\"" + root + "index.html\">Capsid</a> "
                + "<a href=\"" + root + "report.html\">verification report</a> "
                + "<a href=\"" + root + "bench.html\">bench</a> "
                + "<a href=\"" + root + "abi.html\">ABI</a> "
                + "<a href=\"" + root + "event-log.html\">event log</a> "
                + "<a href=\"" + root + "itf.html\">ITF</a>"
                + "</nav>\n<main>\n" + body + "\n</main>\n</body></html>\n";
    }

    /** The site's icon: a capsid's hexagon. */
    static final String FAVICON = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">"
            + "<polygon points=\"16,2 29,9 29,23 16,30 3,23 3,9\" fill=\"#243447\"/>"
            + "<circle cx=\"16\" cy=\"16\" r=\"6\" fill=\"#fff4c2\"/></svg>\n";

    static final String CSS = """
            body { font-family: system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fff; line-height: 1.45; }
            nav { background: #243447; padding: .6em 1.2em; position: sticky; top: 0; z-index: 2; }
            nav a { color: #fff; margin-right: 1.2em; text-decoration: none; font-weight: 600; }
            main { max-width: 88em; margin: 0 auto; padding: 1em 1.5em 4em; }
            h1, h2, h3 { color: #243447; }
            a { color: #0b5cad; }
            table { border-collapse: collapse; margin: 1em 0; font-size: .92em; display: block; overflow-x: auto; max-width: 100%; }
            th, td { border: 1px solid #ccd3db; padding: .3em .55em; vertical-align: top; text-align: left; }
            th { background: #eef2f6; }
            code { font-family: ui-monospace, monospace; font-size: .92em; background: #f3f5f7; padding: 0 .2em; }
            pre { background: #f6f8fa; padding: .8em; overflow-x: auto; }
            .pass { color: #11691f; font-weight: 600; } .fail { color: #b00020; font-weight: 700; }
            .skip { color: #7a6000; font-weight: 600; }
            .links { font-size: .85em; white-space: nowrap; } .links a { margin-left: .4em; }
            :target { background: #fff4c2; }
            table.src { display: table; border: none; font-family: ui-monospace, monospace; font-size: .85em; width: 100%; }
            table.src td { border: none; padding: 0 .5em; white-space: pre; }
            table.src td.n { text-align: right; color: #888; user-select: none; width: 4em; }
            table.src td.n a { color: #888; text-decoration: none; }
            table.src td.x { white-space: nowrap; font-family: system-ui, sans-serif; width: 1%; }
            .kw { color: #8a1f8a; font-weight: 600; } .cm { color: #5b6b5b; font-style: italic; } .st { color: #a3501a; }
            .def { background: #eaf3ff; }
            svg { background: #fbfcfd; border: 1px solid #ccd3db; }
            img.graph { max-width: 100%; border: 1px solid #ccd3db; }
            """;
}
