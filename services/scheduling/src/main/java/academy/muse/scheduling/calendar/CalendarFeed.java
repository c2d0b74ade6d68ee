package academy.muse.scheduling.calendar;

import academy.muse.scheduling.config.SchedulingConfig;
import academy.muse.scheduling.lesson.Lesson;
import academy.muse.scheduling.lesson.LessonQueries;
import academy.muse.scheduling.lesson.LessonState;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * A user's lessons as an RFC 5545 calendar. Every occurrence is its own VEVENT with UTC start and end (the
 * series are already expanded, each occurrence may have been moved or cancelled on its own, and UTC times
 * import the same into every calendar app, which shows them in the user's zone). A cancelled lesson stays in
 * the feed with STATUS:CANCELLED so calendars remove it; SEQUENCE rises with each change.
 */
@ApplicationScoped
public class CalendarFeed {

    private static final Duration PAST = Duration.ofDays(30);
    private static final int MOST_EVENTS = 2000;

    private final SchedulingConfig config;
    private final Clock clock;
    private final String publicUrl;

    CalendarFeed(SchedulingConfig config,
                 @org.eclipse.microprofile.config.inject.ConfigProperty(name = "muse.public-url",
                         defaultValue = "http://localhost:8080") String publicUrl, Clock clock) {
        this.clock = clock;
        this.config = config;
        this.publicUrl = publicUrl;
    }

    public String render(CalendarToken token) {
        Instant now = clock.instant();
        List<Lesson> lessons = Lesson.<Lesson>mongoCollection().find(Filters.and(
                        LessonQueries.visibleTo(token.accountId, token.observes),
                        Filters.gte("startsAt", Date.from(now.minus(PAST)))))
                .sort(Sorts.ascending("startsAt")).limit(MOST_EVENTS).into(new ArrayList<>());
        Calendar calendar = new Calendar().withProdId("-//Muse Academy//Scheduling//EN").withDefaults()
                .withProperty(new XProperty("X-WR-CALNAME", "Muse Academy lessons"))
                .getFluentTarget();
        lessons.forEach(lesson -> calendar.add(event(lesson, now)));
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private VEvent event(Lesson lesson, Instant now) {
        VEvent event = new VEvent(lesson.startsAt, lesson.endsAt, oneLine(lesson.title));
        // The lesson page for every role: it shows the lesson in the reader's zone and becomes the room when it opens.
        String link = publicUrl + "/lessons/" + lesson.id;
        event.add(new Uid(lesson.id + "@muse.academy"));
        event.replace(new DtStamp(now));
        event.add(new Sequence(lesson.revision));
        event.add(new Url(URI.create(link)));
        event.add(new Location(link));
        event.add(new Description(description(lesson, link)));
        event.add(new Status(lesson.state == LessonState.CANCELLED ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
        return event;
    }

    /**
     * A stored title on one line whatever it holds: ical4j escapes LF and CRLF but writes a lone CR as it is, which
     * ends the line for a calendar app. Titles with control characters are refused on input; this keeps one stored
     * before that (or written around the API) from starting components of its own.
     */
    static String oneLine(String text) {
        return text == null ? null : text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
    }

    private String description(Lesson lesson, String link) {
        String page = "Open the lesson: " + link + "\nIts room opens " + config.roomLeadTime().toMinutes()
                + " minutes before the start, and the page takes you in.";
        return lesson.joinLink == null ? page : page + "\nThe room's own link: " + lesson.joinLink;
    }
}
