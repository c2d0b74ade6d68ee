package academy.muse.gateway.mail;

import academy.muse.devstack.ReceivedMail;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.SmtpTestResource;
import academy.muse.gateway.People;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static academy.muse.gateway.Mailboxes.theMailTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every stored mail reaches the real SMTP server exactly once: across outages and across replicas. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(SmtpTestResource.class)
class MailDeliveryTest {

    @Inject
    MailOutbox outbox;
    @Inject
    ReactiveMailer mailer;
    @Inject
    MailConfig config;
    @Inject
    MongoClient mongo;
    @Inject
    Clock clock;

    @Test
    void aMailStoredWhileTheSmtpServerIsDownIsSentOnceItComesBack() {
        OutgoingMail mail = someMail();
        SmtpTestResource.stopSmtp();
        try {
            outbox.store(mail);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                Document stored = stored(mail.id());
                return stored.getInteger("attempts") >= 2 && stored.getString("lastError") != null;
            });
            assertThat(stored(mail.id()).get("sentAt")).isNull();
        } finally {
            SmtpTestResource.startSmtp();
        }

        assertThat(theMailTo(mail.to()).subject()).isEqualTo(mail.subject());
        await().atMost(Duration.ofSeconds(10)).until(() -> stored(mail.id()).get("sentAt") != null);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> SmtpTestResource.receivedBy(mail.to()).size() == 1);
    }

    @Test
    void twoSendersRacingForTheSameMailsSendEachExactlyOnce() throws Exception {
        List<OutgoingMail> mails = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            mails.add(someMail());
        }
        mails.forEach(outbox::store);
        // Two replicas' senders (each with its own run guard) beside this application's own scheduled one, claiming
        // one mail per run so that their claims interleave.
        MailConfig oneAtATime = oneMailPerRun(config);
        List<MailSender> senders = List.of(new MailSender(outbox, mailer, oneAtATime, clock),
                new MailSender(outbox, mailer, oneAtATime, clock));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (MailSender sender : senders) {
                runs.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < 60 && !allSent(mails); round++) {
                        sender.sendDue();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> allSent(mails));
        for (OutgoingMail mail : mails) {
            assertThat(SmtpTestResource.receivedBy(mail.to())).as(mail.to()).hasSize(1);
        }
    }

    @Test
    void storingTheSameMailTwiceKeepsTheFirstAndSendsIt() {
        OutgoingMail first = someMail();
        OutgoingMail again = new OutgoingMail(first.id(), first.kind(), first.to(), "en", "Something else", "Other");

        assertThat(outbox.store(first)).isTrue();
        assertThat(outbox.store(again)).isFalse();

        ReceivedMail received = theMailTo(first.to());
        assertThat(received.subject()).isEqualTo(first.subject());
        assertThat(received.text()).contains(first.text());
        // A repeated send would carry the same Message-ID, by which mail programs show it once.
        assertThat(received.messageId()).isEqualTo(MailSender.messageId(first.id()));
    }

    @Test
    void retriesWaitLongerEachTimeUpToTheLimit() {
        MailSender sender = new MailSender(outbox, mailer, config, clock);
        // Test profile: first retry after 1s, at most 2s apart.
        assertThat(sender.retryAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(sender.retryAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(sender.retryAfter(40)).isEqualTo(Duration.ofSeconds(2));
    }

    private static MailConfig oneMailPerRun(MailConfig config) {
        return new MailConfig() {
            @Override
            public String from() {
                return config.from();
            }

            @Override
            public Duration sendEvery() {
                return config.sendEvery();
            }

            @Override
            public String remindEvery() {
                return config.remindEvery();
            }

            @Override
            public int batchSize() {
                return 1;
            }

            @Override
            public Duration lease() {
                return config.lease();
            }

            @Override
            public Duration sendTimeout() {
                return config.sendTimeout();
            }

            @Override
            public Duration firstRetryAfter() {
                return config.firstRetryAfter();
            }

            @Override
            public Duration maxRetryAfter() {
                return config.maxRetryAfter();
            }

            @Override
            public Duration retention() {
                return config.retention();
            }
        };
    }

    private boolean allSent(List<OutgoingMail> mails) {
        return collection().countDocuments(Filters.and(
                Filters.in("_id", mails.stream().map(OutgoingMail::id).toList()), Filters.eq("sentAt", null))) == 0;
    }

    private static OutgoingMail someMail() {
        String id = "test:" + UUID.randomUUID();
        return new OutgoingMail(id, "test", People.uniqueEmail("reader"), "en", "Lesson notes " + id, "Scales first.");
    }

    private Document stored(String id) {
        return collection().find(Filters.eq("_id", id)).first();
    }

    private MongoCollection<Document> collection() {
        return mongo.getDatabase("gateway").getCollection(MailOutbox.COLLECTION);
    }
}
