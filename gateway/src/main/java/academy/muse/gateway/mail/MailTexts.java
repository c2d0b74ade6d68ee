package academy.muse.gateway.mail;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words of a mail in one person's language, and times in their zone. The texts are a message bundle,
 * {@code academy/muse/gateway/mail/messages*.properties} (UTF-8, {@link MessageFormat} patterns); a language is
 * added by adding its {@code messages_<tag>.properties}. A language without a bundle gets English, never the
 * server's own default locale.
 */
public final class MailTexts {

    private static final String BUNDLE = "academy.muse.gateway.mail.messages";
    private static final ResourceBundle.Control NO_SERVER_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;
    private final Locale written;
    private final Locale formats;
    private final ZoneId zone;

    private MailTexts(ResourceBundle bundle, Locale requested, ZoneId zone) {
        this.bundle = bundle;
        this.written = bundle.getLocale().getLanguage().isEmpty() ? Locale.ENGLISH : bundle.getLocale();
        // Dates follow the person's region too (en-GB and en-US differ) when the text is in their language.
        this.formats = requested.getLanguage().equals(written.getLanguage()) ? requested : written;
        this.zone = zone;
    }

    /**
     * Texts for a person with this language tag (an account's {@code locale}, e.g. {@code ko-KR}; null means
     * English) and IANA zone (null means UTC).
     */
    public static MailTexts forPerson(String languageTag, String zoneId) {
        Locale requested = languageTag == null || languageTag.isBlank() ? Locale.ENGLISH
                : Locale.forLanguageTag(languageTag);
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, requested, MailTexts.class.getClassLoader(),
                NO_SERVER_LOCALE);
        return new MailTexts(bundle, requested, zoneId == null ? ZoneId.of("UTC") : ZoneId.of(zoneId));
    }

    /** The BCP 47 tag of the language the texts are written in, for the mail's {@code Content-Language}. */
    public String language() {
        return written.toLanguageTag();
    }

    /** The text under {@code key}, its {@code {0}}, {@code {1}}… filled with {@code arguments}. */
    public String text(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), formats).format(arguments);
    }

    /** An instant as this person reads it: their zone's local date and time, the zone named beside it. */
    public String time(Instant instant) {
        return timeIn(instant, zone);
    }

    /**
     * An instant as this person reads it in another zone (the other party's time beside their own), e.g. the
     * teacher's {@code 오후 6:00 (Asia/Seoul)} written for a student who reads Korean; a null zone means UTC.
     */
    public String timeIn(Instant instant, String zoneId) {
        return timeIn(instant, zoneId == null ? ZoneId.of("UTC") : ZoneId.of(zoneId));
    }

    private String timeIn(Instant instant, ZoneId someZone) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(formats)
                .withZone(someZone).format(instant) + " (" + someZone.getId() + ")";
    }

    /** A size in GiB with one decimal, as storage quotas are stated. */
    public String size(long bytes) {
        return String.format(formats, "%.1f GiB", bytes / (double) (1L << 30));
    }

    /**
     * A letter to {@code name} (null when the person has no account yet): the greeting, the paragraphs (already in
     * this language), the signature.
     */
    public String letter(String name, String... paragraphs) {
        return (name == null ? text("greeting.anonymous") : text("greeting", name)) + "\n\n" + String.join("\n\n", paragraphs) + "\n\n-- \n" + text("signature")
                + "\n";
    }

    /** A mail written in this language, ready for the outbox. */
    public OutgoingMail mail(String id, String kind, String to, String subject, String body) {
        return new OutgoingMail(id, kind, to, language(), subject, body);
    }
}
