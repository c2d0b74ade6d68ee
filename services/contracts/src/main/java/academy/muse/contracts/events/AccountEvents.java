package academy.muse.contracts.events;

import java.util.List;

/** Published by the gateway, which owns accounts. */
public final class AccountEvents {

    private AccountEvents() {
    }

    public record AccountChanged(String accountId, String displayName, List<String> roles, String zone, String locale) {
    }

    /** A student or observer linked to a teacher (or an observer to a student) through an invitation. */
    public record RelationChanged(String teacherId, String memberId, String memberRole, String observedStudentId) {
    }

    /** An account was deleted; each service removes or hands over what it holds of that person, per its policy. */
    public record AccountDeleted(String accountId, List<String> roles) {
    }
}
