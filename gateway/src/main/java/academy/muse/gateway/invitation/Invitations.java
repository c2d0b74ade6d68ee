package academy.muse.gateway.invitation;

import academy.muse.gateway.config.PublicSite;
import academy.muse.contracts.problem.ProblemException;
import academy.muse.platform.security.Roles;
import academy.muse.gateway.account.Account;
import academy.muse.gateway.account.EmailAddresses;
import academy.muse.gateway.account.RelationGraph;
import academy.muse.gateway.auth.OpaqueTokens;
import academy.muse.gateway.config.AuthConfig;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import org.bson.Document;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Invitation links: a teacher creates one, the invitee opens it, and signing up (or accepting with an
 * existing account) uses it up. Claiming is atomic, so one link makes exactly one relation.
 */
@ApplicationScoped
public class Invitations {

    private final AuthConfig config;
    private final RelationGraph relations;
    private final InvitationMails mails;
    private final Clock clock;
    private final PublicSite site;

    Invitations(AuthConfig config, RelationGraph relations, InvitationMails mails,
                PublicSite site, Clock clock) {
        this.clock = clock;
        this.config = config;
        this.relations = relations;
        this.mails = mails;
        this.site = site;
    }

    public CreatedInvitation create(Account teacher, InvitationRequest request) {
        requireInvitedRoleFits(teacher, request);
        return store(teacher, request.role(), request.studentId(), request.email());
    }

    /** The admin's invitation for a teacher: the way teachers sign up when sign-up is by invitation only. */
    public CreatedInvitation createForTeacher(Account admin) {
        return store(admin, Roles.TEACHER, null, null);
    }

    private void requireInvitedRoleFits(Account teacher, InvitationRequest request) {
        boolean forObserver = Roles.OBSERVER.equals(request.role());
        if (forObserver && request.studentId() == null) {
            throw ProblemException.unprocessable("student-required", "Say which of your students the observer will watch");
        }
        if (!forObserver && request.studentId() != null) {
            throw ProblemException.unprocessable("student-not-expected", "Only an observer invitation names a student");
        }
        if (forObserver && !relations.teaches(teacher.id, request.studentId())) {
            throw ProblemException.unprocessable("not-your-student",
                    "An observer can only be invited to watch one of your own students");
        }
    }

    /** Stores the invitation and, when an address is given, mails its link there in the inviter's language. */
    private CreatedInvitation store(Account inviter, String role, String studentId, String email) {
        String token = OpaqueTokens.generate();
        Invitation invitation = new Invitation();
        invitation.id = OpaqueTokens.hash(token);
        invitation.teacherId = inviter.id;
        invitation.role = role;
        invitation.studentId = studentId;
        invitation.createdAt = clock.instant();
        invitation.expiresAt = invitation.createdAt.plus(config.invitationLifetime());
        invitation.email = email == null ? null : EmailAddresses.normalise(email);
        invitation.persist();
        String link = site.link("/invite/" + token);
        if (invitation.email != null) {
            mails.mail(inviter, invitation, link);
        }
        return new CreatedInvitation(token, link, invitation.role, invitation.studentId, invitation.expiresAt,
                invitation.email);
    }

    /** An invitation that may still be used: 404 when unknown, 410 when revoked, used or expired. */
    public Invitation usable(String token) {
        Invitation invitation = Invitation.<Invitation>findByIdOptional(OpaqueTokens.hash(token))
                .orElseThrow(() -> ProblemException.notFound("This invitation"));
        if (invitation.revokedAt != null) {
            throw gone("invitation-revoked", "This invitation has been withdrawn; ask for a new one");
        }
        if (invitation.usedAt != null) {
            throw gone("invitation-used", "This invitation has already been used; ask your teacher for a new one");
        }
        if (!invitation.expiresAt.isAfter(clock.instant())) {
            throw gone("invitation-expired", "This invitation has expired; ask your teacher for a new one");
        }
        return invitation;
    }

    public InvitationPreview preview(String token) {
        Invitation invitation = usable(token);
        Account teacher = Account.<Account>findByIdOptional(invitation.teacherId)
                .orElseThrow(() -> ProblemException.notFound("This invitation"));
        String studentName = invitation.studentId == null ? null
                : Account.<Account>findByIdOptional(invitation.studentId).map(student -> student.displayName).orElse(null);
        return new InvitationPreview(teacher.displayName, invitation.role, studentName, invitation.expiresAt);
    }

    /** Uses the invitation up for this account; whoever claims second gets 410. */
    public Invitation claim(Invitation invitation, String accountId) {
        Instant now = clock.instant();
        Invitation claimed = Invitation.<Invitation>mongoCollection().findOneAndUpdate(
                Filters.and(Filters.eq("_id", invitation.id), Filters.eq("usedAt", null),
                        Filters.eq("revokedAt", null), Filters.gt("expiresAt", Date.from(now))),
                Updates.combine(Updates.set("usedAt", Date.from(now)), Updates.set("usedBy", accountId)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (claimed == null) {
            throw gone("invitation-used", "This invitation has just been used; ask your teacher for a new one");
        }
        return claimed;
    }

    /** Gives a claimed invitation back when the sign-up it was claimed for did not happen. */
    public void release(Invitation invitation, String accountId) {
        Invitation.mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", invitation.id), Filters.eq("usedBy", accountId)),
                Updates.combine(Updates.set("usedAt", null), Updates.set("usedBy", null)));
    }

    /** Links the account that claimed the invitation to the inviting teacher; a teacher invitation links nobody. */
    public void linkThrough(Invitation invitation, String accountId) {
        if (!Roles.TEACHER.equals(invitation.role)) {
            relations.link(invitation.teacherId, accountId, invitation.role, invitation.studentId);
        }
    }

    /**
     * Links an existing account through an invitation, e.g. a student who already learns with one teacher and
     * is invited by a second. The account must have the role the invitation is for.
     */
    public void accept(Account invitee, String token) {
        Invitation invitation = usable(token);
        if (!invitee.is(invitation.role)) {
            throw ProblemException.forbidden("This invitation is for a " + invitation.role
                    + "; sign in with a " + invitation.role + " account to accept it");
        }
        boolean linked = Roles.STUDENT.equals(invitation.role)
                ? relations.teaches(invitation.teacherId, invitee.id)
                : relations.observes(invitation.teacherId, invitee.id, invitation.studentId);
        if (linked) {
            throw ProblemException.conflict("already-linked", "You are already linked through an earlier invitation");
        }
        linkThrough(claim(invitation, invitee.id), invitee.id);
    }

    /** Every invitation, newest first, with its state as of now; the tokens themselves are never stored. */
    public List<InvitationSummary> page(int page, int size) {
        Instant now = clock.instant();
        return summaries(Invitation.<Invitation>findAll(Sort.descending("createdAt").and("_id"))
                .page(Page.of(page, size)).list(), now);
    }

    /** The invitations a person made or signed up (or accepted) with, newest first: part of their data export. */
    public List<InvitationSummary> involving(String accountId) {
        Instant now = clock.instant();
        Document madeOrUsed = new Document("$or", List.of(new Document("teacherId", accountId),
                new Document("usedBy", accountId)));
        return summaries(Invitation.<Invitation>list(madeOrUsed, new Document("createdAt", -1).append("_id", -1)), now);
    }

    private static List<InvitationSummary> summaries(List<Invitation> invitations, Instant now) {
        Map<String, String> inviterNames = namesOf(invitations.stream().map(invitation -> invitation.teacherId).toList());
        return invitations.stream()
                .map(invitation -> InvitationSummary.of(invitation, inviterNames.get(invitation.teacherId), now))
                .toList();
    }

    private static Map<String, String> namesOf(List<String> accountIds) {
        return Account.<Account>list(new Document("_id", new Document("$in", accountIds.stream().distinct().toList())))
                .stream().collect(Collectors.toMap(account -> account.id, account -> account.displayName));
    }

    public long count() {
        return Invitation.count();
    }

    /**
     * Withdraws an invitation that has not been used: its link answers 410 from now on. Revoking twice is
     * harmless; a used invitation cannot be revoked (409: the account it made is managed as an account).
     */
    public InvitationSummary revoke(String invitationId, String adminId) {
        Instant now = clock.instant();
        Invitation revoked = Invitation.<Invitation>mongoCollection().findOneAndUpdate(
                Filters.and(Filters.eq("_id", invitationId), Filters.eq("usedAt", null), Filters.eq("revokedAt", null)),
                Updates.combine(Updates.set("revokedAt", Date.from(now)), Updates.set("revokedBy", adminId)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        Invitation invitation = revoked != null ? revoked : Invitation.<Invitation>findByIdOptional(invitationId)
                .orElseThrow(() -> ProblemException.notFound("Invitation " + invitationId));
        if (invitation.usedAt != null) {
            throw ProblemException.conflict("invitation-used", "This invitation has already been used; "
                    + "manage the account it made instead");
        }
        return InvitationSummary.of(invitation, namesOf(List.of(invitation.teacherId)).get(invitation.teacherId), now);
    }

    /** Withdraws every unused invitation someone made, e.g. when their account is deleted. */
    public void revokeAllBy(String inviterId, String adminId) {
        Invitation.mongoCollection().updateMany(
                Filters.and(Filters.eq("teacherId", inviterId), Filters.eq("usedAt", null), Filters.eq("revokedAt", null)),
                Updates.combine(Updates.set("revokedAt", Date.from(clock.instant())), Updates.set("revokedBy", adminId)));
    }

    private static ProblemException gone(String slug, String detail) {
        return new ProblemException(410, slug, "Gone", detail);
    }
}
