package academy.muse.gateway.mail;

/**
 * One mail to one person, composed and ready to send.
 *
 * @param id       derived from what the mail is about (e.g. the event or invitation that caused it), so that
 *                 composing it again, on a retry or on another replica, stores nothing new
 * @param kind     what the mail is, e.g. {@code invitation} or {@code storage-warning}; for logs and inspection
 * @param language the BCP 47 tag of the language the text is written in
 */
public record OutgoingMail(String id, String kind, String to, String language, String subject, String text) {
}
