package academy.muse.gateway.lesson;

import academy.muse.gateway.account.Account;
import academy.muse.gateway.mail.MailConfig;
import academy.muse.gateway.mail.OutgoingMail.CalendarPart;
import jakarta.enterprise.context.ApplicationScoped;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lesson as an iTIP message (RFC 5546) attached to its mails, so calendar apps add, move or remove it. The UID
 * is the one scheduling's calendar feed gives the lesson ({@code <lesson id>@muse.academy}) and SEQUENCE is the
 * lesson's revision, so the mail and the feed update one and the same event.
 */
@ApplicationScoped
public class LessonCalendar {

    static final String REQUEST = "REQUEST";
    static final String CANCEL = "CANCEL";
    private static final Pattern ADDRESS = Pattern.compile("<([^>]+)>");

    private final String organizerAddress;
    private final Clock clock;

    LessonCalendar(MailConfig config, Clock clock) {
        Matcher address = ADDRESS.matcher(config.from());
        this.organizerAddress = address.find() ? address.group(1) : config.from().strip();
        this.clock = clock;
    }

    /** A {@code METHOD:REQUEST}: the lesson, new or at its new time. */
    CalendarPart request(LessonCopy lesson, Account teacher, Account recipient, String link) {
        return part(REQUEST, lesson, teacher, recipient, link, Status.VALUE_CONFIRMED);
    }

    /** A {@code METHOD:CANCEL}: calendar apps remove the lesson. */
    CalendarPart cancel(LessonCopy lesson, Account teacher, Account recipient, String link) {
        return part(CANCEL, lesson, teacher, recipient, link, Status.VALUE_CANCELLED);
    }

    private CalendarPart part(String method, LessonCopy lesson, Account teacher, Account recipient, String link,
                              String status) {
        VEvent event = new VEvent(lesson.startsAt(), lesson.endsAt(), oneLine(lesson.title() == null ? "Lesson"
                : lesson.title()));
        event.add(new Uid(lesson.id() + "@muse.academy"));
        event.replace(new DtStamp(clock.instant()));
        event.add(new Sequence(lesson.sequence()));
        event.add(new Organizer(new ParameterList(List.of(new Cn(oneLine(teacher.displayName)))),
                URI.create("mailto:" + organizerAddress)));
        event.add(new Attendee(new ParameterList(List.of(new Cn(oneLine(recipient.displayName)))),
                URI.create("mailto:" + recipient.email)));
        event.add(new Url(URI.create(link)));
        event.add(new Description(link));
        event.add(new Status(status));
        Calendar calendar = new Calendar().withProdId("-//Muse Academy//Gateway//EN").withDefaults()
                .withProperty(new Method(method)).withComponent(event).getFluentTarget();
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CalendarPart(method, out.toString());
    }

    /** ical4j escapes LF and CRLF but not a lone CR, which would end the line for a calendar app. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
    }
}
