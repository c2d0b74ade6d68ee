package academy.muse.gateway;

import academy.muse.devstack.ReceivedMail;
import academy.muse.devstack.testing.SmtpTestResource;
import academy.muse.gateway.mail.MailSender;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** What people find in their mailboxes: the messages the real SMTP server of the test received. */
public final class Mailboxes {

    private Mailboxes() {
    }

    /**
     * What {@code address} received apart from the link that confirms a new teacher's address (every teacher gets
     * one at sign-up; {@link #verificationMailTo} reads it).
     */
    public static List<ReceivedMail> receivedBy(String address) {
        return SmtpTestResource.receivedBy(address).stream().filter(mail -> !isKind(mail, "email-verification")).toList();
    }

    /** Waits until {@code address} has received {@code count} messages (see {@link #receivedBy}) and returns them. */
    public static List<ReceivedMail> awaitMail(String address, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedBy(address).size() >= count);
        return receivedBy(address);
    }

    /** The messages of one kind ({@code X-Muse-Mail-Kind}) {@code address} received, once {@code count} have arrived. */
    public static List<ReceivedMail> awaitMailOfKind(String address, String kind, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ofKind(address, kind).size() >= count);
        return ofKind(address, kind);
    }

    /** The one mail that confirms the address {@code address} signed up with as a teacher. */
    public static ReceivedMail verificationMailTo(String address) {
        List<ReceivedMail> received = awaitMailOfKind(address, "email-verification", 1);
        if (received.size() != 1) {
            throw new AssertionError(address + " received " + received.size() + " verification mails, expected one");
        }
        return received.get(0);
    }

    private static List<ReceivedMail> ofKind(String address, String kind) {
        return SmtpTestResource.receivedBy(address).stream().filter(mail -> isKind(mail, kind)).toList();
    }

    private static boolean isKind(ReceivedMail mail, String kind) {
        return mail.raw().contains(MailSender.KIND_HEADER + ": " + kind + "\r\n");
    }

    /** The one message {@code address} received, once it has arrived. */
    public static ReceivedMail theMailTo(String address) {
        List<ReceivedMail> received = awaitMail(address, 1);
        if (received.size() != 1) {
            throw new AssertionError(address + " received " + received.size() + " messages, expected one");
        }
        return received.get(0);
    }

    /**
     * An instant's wall-clock time in a zone as the text spells it, worked out here by hand rather than with the
     * formatter the mail uses: {@code 10:05 PM} in English, {@code 오후 10:05} in Korean.
     */
    public static String clockTime(Instant instant, String zone, boolean korean) {
        ZonedDateTime local = instant.atZone(ZoneId.of(zone));
        int hour = local.getHour() % 12 == 0 ? 12 : local.getHour() % 12;
        String minutes = String.format("%d:%02d", hour, local.getMinute());
        boolean afternoon = local.getHour() >= 12;
        return korean ? (afternoon ? "오후 " : "오전 ") + minutes : minutes + (afternoon ? " PM" : " AM");
    }

    /** The date part: {@code 2026년 12월 3일} in Korean, {@code December 3, 2026} in English. */
    public static String calendarDate(Instant instant, String zone, boolean korean) {
        ZonedDateTime local = instant.atZone(ZoneId.of(zone));
        if (korean) {
            return local.getYear() + "년 " + local.getMonthValue() + "월 " + local.getDayOfMonth() + "일";
        }
        String month = local.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
        return month + " " + local.getDayOfMonth() + ", " + local.getYear();
    }
}
