package academy.muse.gateway.lesson;

import academy.muse.gateway.config.PublicSite;
import academy.muse.gateway.account.Account;
import academy.muse.gateway.mail.MailOutbox;
import academy.muse.gateway.mail.MailTexts;
import academy.muse.gateway.mail.OutgoingMail;
import academy.muse.gateway.mail.OutgoingMail.CalendarPart;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Writes the mails about one lesson into the outbox, one per recipient, each in the recipient's language with the
 * times in their zone and the other party's time beside it. Every mail's id is derived from what caused it and
 * the recipient, so writing it again (a redelivered event, a reminder run taken over by another replica) stores
 * nothing new.
 */
@ApplicationScoped
public class LessonMails {

    /** The two reminders: a day and an hour before the lesson. */
    enum Reminder {
        DAY("reminder-24h", "lesson.reminder.day.subject"), HOUR("reminder-1h", "lesson.reminder.hour.subject");

        final String kind;
        final String subjectKey;

        Reminder(String kind, String subjectKey) {
            this.kind = kind;
            this.subjectKey = subjectKey;
        }
    }

    private final MailOutbox outbox;
    private final LessonCalendar calendar;
    private final PublicSite site;

    LessonMails(MailOutbox outbox, LessonCalendar calendar,
                PublicSite site) {
        this.outbox = outbox;
        this.calendar = calendar;
        this.site = site;
    }

    /** A single lesson was booked: its students get it for their calendars. */
    void booked(LessonCopy lesson) {
        toStudents(lesson, "lesson-booked", lesson.id(), (texts, teacher, student) -> new Letter(
                texts.text("lesson.booked.subject", title(texts, lesson)),
                List.of(texts.text("lesson.booked.body", teacher.displayName, title(texts, lesson)),
                        when(texts, lesson, List.of(teacher)), link(texts, lessonPage(lesson))),
                calendar.request(lesson, teacher, student, lessonPage(lesson))));
    }

    /** The teacher moved the lesson from {@code before}'s time; {@code reason} is theirs, may be null. */
    void moved(LessonCopy lesson, LessonCopy before, String reason) {
        toStudents(lesson, "lesson-moved", lesson.id() + ":" + lesson.sequence(), (texts, teacher, student) -> {
            List<String> paragraphs = new ArrayList<>(List.of(
                    texts.text("lesson.moved.body", teacher.displayName, title(texts, lesson)),
                    when(texts, lesson, List.of(teacher)),
                    texts.text("lesson.moved.from", texts.time(before.startsAt()))));
            reason(texts, teacher, reason).ifPresent(paragraphs::add);
            paragraphs.add(link(texts, lessonPage(lesson)));
            return new Letter(texts.text("lesson.moved.subject", title(texts, lesson)), paragraphs,
                    calendar.request(lesson, teacher, student, lessonPage(lesson)));
        });
    }

    void cancelled(LessonCopy lesson, String reason) {
        toStudents(lesson, "lesson-cancelled", lesson.id(), (texts, teacher, student) -> {
            List<String> paragraphs = new ArrayList<>(List.of(
                    texts.text("lesson.cancelled.body", teacher.displayName, title(texts, lesson)),
                    when(texts, lesson, List.of(teacher))));
            reason(texts, teacher, reason).ifPresent(paragraphs::add);
            return new Letter(texts.text("lesson.cancelled.subject", title(texts, lesson)), paragraphs,
                    calendar.cancel(lesson, teacher, student, lessonPage(lesson)));
        });
    }

    void roomReady(LessonCopy lesson) {
        toEveryone(lesson, "room-ready", lesson.id(), account -> true, (texts, teacher, recipient, others) ->
                new Letter(texts.text("lesson.room.subject", title(texts, lesson)),
                        List.of(texts.text("lesson.room.body", title(texts, lesson), names(others)),
                                when(texts, lesson, others), lesson.joinLink()),
                        null));
    }

    /** Once per lesson, however many assets its replay has. */
    void replayReady(LessonCopy lesson) {
        toEveryone(lesson, "replay-ready", lesson.id(), account -> true, (texts, teacher, recipient, others) ->
                new Letter(texts.text("lesson.replay.subject", title(texts, lesson)),
                        List.of(texts.text("lesson.replay.body", title(texts, lesson), names(others)),
                                site.link("/dashboard")),
                        null));
    }

    /** The reminder for the lesson at its current time, to each participant who has not turned reminders off. */
    void remind(LessonCopy lesson, Reminder reminder) {
        toEveryone(lesson, reminder.kind, lesson.id() + ":" + lesson.startsAt().getEpochSecond(),
                Account::wantsLessonReminders, (texts, teacher, recipient, others) -> new Letter(
                        texts.text(reminder.subjectKey, title(texts, lesson)),
                        List.of(texts.text("lesson.reminder.body", title(texts, lesson), names(others)),
                                when(texts, lesson, others), link(texts, lessonPage(lesson)),
                                texts.text("lesson.reminder.off")),
                        calendar.request(lesson, teacher, recipient, lessonPage(lesson))));
    }

    private record Letter(String subject, List<String> paragraphs, CalendarPart calendar) {
    }

    private interface ToStudent {
        Letter write(MailTexts texts, Account teacher, Account student);
    }

    private interface ToParticipant {
        Letter write(MailTexts texts, Account teacher, Account recipient, List<Account> others);
    }

    private void toStudents(LessonCopy lesson, String kind, String cause, ToStudent letter) {
        Optional<Account> teacher = account(lesson.teacherId());
        teacher.ifPresent(theTeacher -> lesson.studentIds().stream().map(LessonMails::account).flatMap(Optional::stream)
                .forEach(student -> store(kind, cause, student, letter.write(texts(student), theTeacher, student))));
    }

    private void toEveryone(LessonCopy lesson, String kind, String cause, Predicate<Account> wanted,
                            ToParticipant letter) {
        Optional<Account> teacher = account(lesson.teacherId());
        List<Account> students = lesson.studentIds().stream().map(LessonMails::account).flatMap(Optional::stream).toList();
        if (teacher.isEmpty()) {
            return;
        }
        List<Account> everyone = new ArrayList<>(students);
        everyone.add(0, teacher.get());
        for (Account recipient : everyone) {
            if (wanted.test(recipient)) {
                List<Account> others = recipient == teacher.get() ? students : List.of(teacher.get());
                store(kind, cause, recipient, letter.write(texts(recipient), teacher.get(), recipient, others));
            }
        }
    }

    private void store(String kind, String cause, Account recipient, Letter letter) {
        MailTexts texts = texts(recipient);
        OutgoingMail mail = texts.mail(kind + ":" + cause + ":" + recipient.id, kind, recipient.email, letter.subject(),
                texts.letter(recipient.displayName, letter.paragraphs().toArray(String[]::new)));
        outbox.store(letter.calendar() == null ? mail : mail.withCalendar(letter.calendar()));
    }

    /** The lesson's time in the recipient's zone, and beside it each other party's, in the recipient's language. */
    private static String when(MailTexts texts, LessonCopy lesson, List<Account> others) {
        StringBuilder when = new StringBuilder(texts.text("lesson.when", texts.time(lesson.startsAt())));
        for (Account other : others) {
            when.append('\n').append(texts.text("lesson.when.other", other.displayName,
                    texts.timeIn(lesson.startsAt(), other.zone)));
        }
        return when.toString();
    }

    private static Optional<String> reason(MailTexts texts, Account teacher, String reason) {
        return reason == null || reason.isBlank() ? Optional.empty()
                : Optional.of(texts.text("lesson.reason", teacher.displayName, reason.strip()));
    }

    private static String link(MailTexts texts, String url) {
        return texts.text("lesson.link") + "\n" + url;
    }

    private static String title(MailTexts texts, LessonCopy lesson) {
        return lesson.title() == null ? texts.text("lesson.untitled") : lesson.title();
    }

    private static String names(List<Account> people) {
        return people.stream().map(person -> person.displayName).collect(Collectors.joining(", "));
    }

    private String lessonPage(LessonCopy lesson) {
        return site.link("/lessons/" + lesson.id());
    }

    private static MailTexts texts(Account person) {
        return MailTexts.forPerson(person.locale, person.zone);
    }

    /** An account that may still be mailed: not deleted, not disabled by an operator. */
    private static Optional<Account> account(String id) {
        return Account.<Account>findByIdOptional(id).filter(account -> !account.disabled());
    }
}
