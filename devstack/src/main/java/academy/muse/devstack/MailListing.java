package academy.muse.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A read-only web page listing what {@link EmbeddedSmtp} received, for {@code make run} (GreenMail has no web UI):
 * {@code GET /} lists every message, newest first; {@code GET /messages/<n>} shows message n decoded (its headers
 * and plain text, as a mail program would) and {@code GET /messages/<n>/raw} as it travelled.
 * It binds to loopback only: mails carry invitation links, which are as good as passwords.
 */
public final class MailListing implements AutoCloseable {

    private final HttpServer server;

    private MailListing(HttpServer server) {
        this.server = server;
    }

    public static MailListing start(EmbeddedSmtp smtp, String host, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            server.createContext("/", exchange -> answer(exchange, smtp));
            server.start();
            return new MailListing(server);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + host + ":" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, EmbeddedSmtp smtp) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "Read-only: GET only");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            List<ReceivedMail> received = smtp.received();
            if (path.equals("/")) {
                send(exchange, 200, "text/html", page(received));
            } else if (path.matches("/messages/\\d{1,9}") && index(path) < received.size()) {
                send(exchange, 200, "text/plain", decoded(received.get(index(path))));
            } else if (path.matches("/messages/\\d{1,9}/raw") && index(path) < received.size()) {
                send(exchange, 200, "text/plain", received.get(index(path)).raw());
            } else {
                send(exchange, 404, "text/plain", "No such message");
            }
        }
    }

    private static int index(String path) {
        return Integer.parseInt(path.split("/")[2]);
    }

    private static String decoded(ReceivedMail mail) {
        return "From: " + mail.from() + "\nTo: " + String.join(", ", mail.to()) + "\nDate: " + mail.sentAt()
                + "\nSubject: " + mail.subject() + "\nContent-Language: " + mail.language() + "\nMessage-ID: "
                + mail.messageId() + "\n\n" + mail.text();
    }

    private static String page(List<ReceivedMail> received) {
        StringBuilder html = new StringBuilder("<!doctype html><meta charset=utf-8><title>Mail sent by Muse Academy"
                + "</title><h1>Mail sent by Muse Academy (" + received.size() + ")</h1><table border=1 cellpadding=4>"
                + "<tr><th>#<th>received<th>to<th>subject<th>language");
        for (int i = received.size() - 1; i >= 0; i--) {
            ReceivedMail mail = received.get(i);
            html.append("<tr><td><a href=\"/messages/").append(i).append("\">").append(i).append("</a><td>")
                    .append(escape(String.valueOf(mail.sentAt()))).append("<td>")
                    .append(escape(String.join(", ", mail.to()))).append("<td>").append(escape(mail.subject()))
                    .append("<td>").append(escape(mail.language()));
        }
        return html.append("</table>").toString();
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
