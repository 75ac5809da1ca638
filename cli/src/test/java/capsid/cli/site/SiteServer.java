package capsid.cli.site;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A built site served on 127.0.0.1 (a free port) for the browser test: GET of its files, 404 for the rest. */
final class SiteServer implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png");
    private final HttpServer server;

    SiteServer(Path site) throws IOException {
        Path root = site.toAbsolutePath().normalize();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", ex -> {
            String path = URLDecoder.decode(ex.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            Path f = root.resolve(path.substring(1).isEmpty() ? "index.html" : path.substring(1)).normalize();
            byte[] body;
            int status;
            if (f.startsWith(root) && Files.isRegularFile(f) && ex.getRequestMethod().equals("GET")) {
                body = Files.readAllBytes(f);
                status = 200;
                String name = f.getFileName().toString();
                ex.getResponseHeaders().set("Content-Type",
                        TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream"));
            } else {
                body = ("<!DOCTYPE html><title>404</title><p>not found: " + path).getBytes(StandardCharsets.UTF_8);
                status = 404;
                ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            }
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
