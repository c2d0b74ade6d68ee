package academy.muse.gateway.invitation;

import academy.muse.platform.security.Roles;
import academy.muse.gateway.account.Account;
import academy.muse.gateway.mail.MailOutbox;
import academy.muse.gateway.mail.MailTexts;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The invitation link by mail. The invitee has no account yet, so the mail is in the inviting teacher's language
 * and states its expiry in the teacher's zone (named beside the time).
 */
@ApplicationScoped
public class InvitationMails {

    static final String KIND = "invitation";

    private final MailOutbox outbox;

    InvitationMails(MailOutbox outbox) {
        this.outbox = outbox;
    }

    /** Stores the mail for the invitation's address; its id is the invitation's, so it is stored at most once. */
    void mail(Account teacher, Invitation invitation, String link) {
        MailTexts texts = MailTexts.forPerson(teacher.locale, teacher.zone);
        String invites = Roles.OBSERVER.equals(invitation.role)
                ? texts.text("invitation.observer", teacher.displayName, studentName(invitation.studentId))
                : texts.text("invitation.student", teacher.displayName);
        String body = texts.letter(null, invites, texts.text("invitation.link") + "\n" + link,
                texts.text("invitation.expiry", texts.time(invitation.expiresAt)), texts.text("invitation.unexpected"));
        outbox.store(texts.mail(KIND + ":" + invitation.id, KIND, invitation.email,
                texts.text("invitation.subject", teacher.displayName), body));
    }

    private static String studentName(String studentId) {
        return Account.<Account>findByIdOptional(studentId).map(student -> student.displayName).orElse(studentId);
    }
}
