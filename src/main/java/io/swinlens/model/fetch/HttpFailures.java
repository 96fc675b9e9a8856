package io.swinlens.model.fetch;

import io.swinlens.model.fetch.DownloadException.Kind;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.UnknownHostException;

/** Turns what the network did into one line a user can act on. */
final class HttpFailures {

    private HttpFailures() { }

    static DownloadException status(int status, String reason, URL at) {
        String hint = status == 404 ? "; the file is not at that address (check --from)"
                : status >= 500 ? "; the server has a problem, try again later" : "";
        return new DownloadException(Kind.HTTP_STATUS, "HTTP " + status + (reason == null ? "" : " " + reason)
                + " from " + at + hint);
    }

    static DownloadException network(URL at, IOException e) {
        String host = at.getHost();
        if (e instanceof UnknownHostException || e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new DownloadException(Kind.NETWORK, "cannot reach " + host + ": you appear to be offline, or a proxy"
                    + " or firewall blocks it (" + reason(e) + "); download " + at + " another way and pass the file"
                    + " with --weights FILE, or use --from URL for a mirror", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new DownloadException(Kind.NETWORK, "no answer from " + host + " in time (" + reason(e)
                    + "); try again later", e);
        }
        return new DownloadException(Kind.NETWORK, "download from " + host + " failed: " + reason(e), e);
    }

    static DownloadException broken(URL at, long done, long total, Throwable cause) {
        String of = total >= 0 ? done + " of " + total : String.valueOf(done);
        String why = cause instanceof SocketTimeoutException ? "stalled" : "broke (" + reason(cause) + ")";
        return new DownloadException(Kind.NETWORK, "the transfer from " + at.getHost() + " " + why + " after " + of
                + " bytes; run the same command again to resume", cause);
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
