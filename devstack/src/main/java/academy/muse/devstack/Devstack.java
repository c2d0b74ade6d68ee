package academy.muse.devstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded infrastructure for {@code make run}: a MongoDB-wire store and an AMQP broker, both
 * persistent under the data directory, and an SMTP server with a web page listing what it received (in memory:
 * mail is gone when devstack stops), all on fixed loopback ports. Ctrl-C (or SIGTERM) closes them cleanly.
 *
 * <p>Usage: {@code Devstack [dataDirectory] [mongoPort] [amqpPort] [smtpPort] [mailListingPort]}; defaults
 * {@code .run/data 27017 5672 1025 8025}.
 */
public final class Devstack {

    private Devstack() {
    }

    public static void main(String[] args) throws InterruptedException {
        long startedAt = System.nanoTime();
        Path data = Path.of(args.length > 0 ? args[0] : ".run/data");
        int mongoPort = args.length > 1 ? Integer.parseInt(args[1]) : 27017;
        int amqpPort = args.length > 2 ? Integer.parseInt(args[2]) : 5672;
        int smtpPort = args.length > 3 ? Integer.parseInt(args[3]) : 1025;
        int mailListingPort = args.length > 4 ? Integer.parseInt(args[4]) : 8025;
        String host = System.getProperty("devstack.host", "127.0.0.1");

        // The broker first: once the store's port is open, every service's queued requests arrive at once, and a
        // broker still loading its journal then (a restart mid-lesson) took twice as long (docs/testing.md).
        EmbeddedBroker broker = EmbeddedBroker.create(data.resolve("artemis"), host, amqpPort).start();
        MongoWireServer mongo = MongoWireServer.persistent(data.resolve("mongo"), host, mongoPort);
        EmbeddedSmtp smtp = EmbeddedSmtp.start(host, smtpPort);
        MailListing mailListing = MailListing.start(smtp, host, mailListingPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mailListing.close();
            smtp.close();
            broker.close();
            mongo.close();
            System.out.println("devstack stopped");
            stopped.countDown();
        }, "devstack-shutdown"));

        System.out.println("devstack ready in " + (System.nanoTime() - startedAt) / 1_000_000 + " ms: "
                + mongo.connectionString() + " amqp://" + host + ":" + amqpPort
                + " smtp://" + host + ":" + smtpPort + " mail listing http://" + host + ":" + mailListingPort + "/");
        stopped.await();
    }
}
