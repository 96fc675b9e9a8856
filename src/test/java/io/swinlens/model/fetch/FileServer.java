package io.swinlens.model.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves one file on 127.0.0.1 at {@code /file} (and a redirect to it at {@code /redirect}), with
 * Range support that can be switched off, a status to fail with, and a connection cut after some
 * bytes of the first answer. Remembers the Range header of every request.
 */
public final class FileServer implements AutoCloseable {

    private final HttpServer server;
    private final byte[] body;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private volatile boolean honourRange = true;
    private volatile int failWithStatus;
    private volatile int cutFirstAfter = -1;
    private volatile boolean chunked;
    private volatile boolean endless;
    private volatile long claimedLength = -1;
    private volatile long trickleMillis;

    public FileServer(byte[] body) throws IOException {
        this.body = body;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/file", this::serve);
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "/file");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public URI fileUri() { return uri("/file"); }

    /** Answer 200 with the whole file even when asked for a range. */
    public void ignoreRange() { honourRange = false; }

    /** Send bodies chunked, without a Content-Length. */
    public void sendChunked() { chunked = true; }

    /** Answer every request with this status and no body. */
    public void failWithStatus(int status) { failWithStatus = status; }

    /** Send only this many bytes of the first answer's body, then drop the connection. */
    public void cutFirstAnswerAfter(int bytes) { cutFirstAfter = bytes; }

    /** Send an endless chunked body of zeros (until the client hangs up). */
    public void sendEndless() { endless = true; }

    /** Declare this Content-Length, then send the file (and hang up). */
    public void claimLength(long length) { claimedLength = length; }

    /** Send the body 10 bytes at a time, this many milliseconds apart. */
    public void trickle(long millis) { trickleMillis = millis; }

    /** The Range header of each request to /file, in order (null where none was sent). */
    public List<String> ranges() { return ranges; }

    private void serve(HttpExchange exchange) throws IOException {
        int n = requests.incrementAndGet();
        String range = exchange.getRequestHeaders().getFirst("Range");
        ranges.add(range);
        if (failWithStatus != 0) {
            exchange.sendResponseHeaders(failWithStatus, -1);
            exchange.close();
            return;
        }
        if (endless || claimedLength >= 0 || trickleMillis > 0) {
            serveHostile(exchange);
            return;
        }
        int start = 0;
        if (range != null && honourRange) {
            start = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
            exchange.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
            exchange.sendResponseHeaders(206, body.length - start);
        } else {
            exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
        }
        OutputStream out = exchange.getResponseBody();
        if (n == 1 && cutFirstAfter >= 0) {
            out.write(body, start, cutFirstAfter);
            out.flush();
            // An exception out of the handler makes the server close the connection mid-body.
            throw new IOException("test server: connection cut after " + cutFirstAfter + " bytes");
        }
        out.write(body, start, body.length - start);
        exchange.close();
    }

    private void serveHostile(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, endless ? 0 : claimedLength >= 0 ? claimedLength : body.length);
        OutputStream out = exchange.getResponseBody();
        try {
            if (endless) {
                byte[] zeros = new byte[1 << 16];
                while (true) out.write(zeros);              // ends when the client disconnects
            }
            if (trickleMillis > 0) {
                for (int i = 0; i < body.length; i += 10) {
                    out.write(body, i, Math.min(10, body.length - i));
                    out.flush();
                    Thread.sleep(trickleMillis);
                }
            } else {
                out.write(body);
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up: what these modes are for
        } finally {
            exchange.close();
        }
    }

    @Override public void close() { server.stop(0); }
}
