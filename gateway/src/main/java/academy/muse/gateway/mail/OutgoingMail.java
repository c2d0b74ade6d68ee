package academy.muse.gateway.mail;

/**
 * One mail to one person, composed and ready to send.
 *
 * @param id       derived from what the mail is about (e.g. the event or invitation that caused it), so that
 *                 composing it again, on a retry or on another replica, stores nothing new
 * @param kind     what the mail is, e.g. {@code invitation} or {@code storage-warning}; for logs and inspection
 * @param language the BCP 47 tag of the language the text is written in
 * @param calendar an RFC 5545 calendar (with its {@code METHOD}) sent along as {@code invite.ics}, or null
 */
public record OutgoingMail(String id, String kind, String to, String language, String subject, String text,
                           CalendarPart calendar) {

    public OutgoingMail(String id, String kind, String to, String language, String subject, String text) {
        this(id, kind, to, language, subject, text, null);
    }

    /** The same mail with a calendar attached, so calendar apps add, move or remove the event. */
    public OutgoingMail withCalendar(CalendarPart part) {
        return new OutgoingMail(id, kind, to, language, subject, text, part);
    }

    /**
     * An iTIP message (RFC 5546): {@code method} is what the calendar's {@code METHOD} says, {@code REQUEST} or
     * {@code CANCEL}; mail programs read it from the attachment's content type too.
     */
    public record CalendarPart(String method, String ics) {
    }
}
