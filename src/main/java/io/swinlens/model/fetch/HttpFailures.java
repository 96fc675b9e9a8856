package io.swinlens.model.fetch;

import io.swinlens.i18n.Messages;
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
        String hint = status == 404 ? Messages.get("error.http.hint404")
                : status >= 500 ? Messages.get("error.http.hint5xx") : "";
        return new DownloadException(Kind.HTTP_STATUS, Messages.get("error.http.status",
                status + (reason == null ? "" : " " + reason), at) + hint);
    }

    static DownloadException network(URL at, IOException e) {
        String host = at.getHost();
        if (e instanceof ConnectException && isLocal(host)) {        // this machine: nothing listens there, not offline
            return new DownloadException(Kind.NETWORK, Messages.get("error.http.refusedLocal", host, at.getPort() < 0 ? at.getDefaultPort() : at.getPort(),
                    reason(e)), e);
        }
        if (e instanceof UnknownHostException || e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new DownloadException(Kind.NETWORK, Messages.get("error.http.unreachable", host, reason(e), at), e);
        }
        if (e instanceof SocketTimeoutException) {
            return new DownloadException(Kind.NETWORK, Messages.get("error.http.timeout", host, reason(e)), e);
        }
        return new DownloadException(Kind.NETWORK, Messages.get("error.http.failed", host, reason(e)), e);
    }

    static DownloadException broken(URL at, long done, long total, Throwable cause) {
        String of = total >= 0 ? Messages.get("error.http.broken.of", done, total) : String.valueOf(done);
        String message = cause instanceof SocketTimeoutException ? Messages.get("error.http.stalled", at.getHost(), of)
                : Messages.get("error.http.broke", at.getHost(), reason(cause), of);
        return new DownloadException(Kind.NETWORK, message, cause);
    }

    private static boolean isLocal(String host) {
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
