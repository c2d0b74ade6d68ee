package academy.muse.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server in this JVM (GreenMail). It accepts mail for any address without authentication and keeps
 * every message in memory, in the order received, until it stops; nothing is relayed onwards. {@link MailListing}
 * shows what it received.
 */
public final class EmbeddedSmtp implements AutoCloseable {

    private final GreenMail greenMail;
    private final String host;
    private final int port;

    private EmbeddedSmtp(String host, int port) {
        this.host = host;
        this.port = port;
        this.greenMail = new GreenMail(new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP));
    }

    /** A server listening on {@code host:port} (a fixed port: tests restart it where the mailer expects it). */
    public static EmbeddedSmtp start(String host, int port) {
        EmbeddedSmtp smtp = new EmbeddedSmtp(host, port);
        smtp.greenMail.start();
        return smtp;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Every message received so far, oldest first. */
    public List<ReceivedMail> received() {
        return Arrays.stream(greenMail.getReceivedMessages()).map(EmbeddedSmtp::read).toList();
    }

    private static ReceivedMail read(MimeMessage message) {
        try {
            return ReceivedMail.of(message);
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException("Cannot read a received message", e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
