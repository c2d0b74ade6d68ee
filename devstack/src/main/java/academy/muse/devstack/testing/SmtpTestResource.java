package academy.muse.devstack.testing;

import academy.muse.devstack.EmbeddedSmtp;
import academy.muse.devstack.ReceivedMail;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.List;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) on a free port, with Quarkus Mailer pointed at it for real (not its mock).
 * Tests read back what was sent with {@link #received()}; tests that prove mail survives an outage call
 * {@link #stopSmtp()} and {@link #startSmtp()}: the server comes back on the same port, empty.
 */
public class SmtpTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile EmbeddedSmtp smtp;
    private static volatile int port;

    @Override
    public Map<String, String> start() {
        port = BrokerTestResource.freePort();
        startSmtp();
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(port));
    }

    @Override
    public void stop() {
        stopSmtp();
    }

    public static synchronized void startSmtp() {
        if (smtp == null) {
            smtp = EmbeddedSmtp.start("127.0.0.1", port);
        }
    }

    public static synchronized void stopSmtp() {
        if (smtp != null) {
            smtp.close();
            smtp = null;
        }
    }

    /** Everything the server received since it last started; empty while it is stopped. */
    public static List<ReceivedMail> received() {
        EmbeddedSmtp running = smtp;
        return running == null ? List.of() : running.received();
    }

    /** What the server received for one address. */
    public static List<ReceivedMail> receivedBy(String address) {
        return received().stream().filter(mail -> mail.to().contains(address)).toList();
    }
}
