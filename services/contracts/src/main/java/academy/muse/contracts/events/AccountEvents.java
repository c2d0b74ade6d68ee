package academy.muse.contracts.events;

import java.util.List;

/** Published by the gateway, which owns accounts. */
public final class AccountEvents {

    private AccountEvents() {
    }

    public record AccountChanged(String accountId, String displayName, List<String> roles, String zone, String locale) {
        /** {@code account.created}, once per account; updates carry ids of their own. */
        public static String createdEventId(String accountId) {
            return "account-created:" + accountId;
        }
    }

    /** A student or observer linked to a teacher (or an observer to a student) through an invitation. */
    public record RelationChanged(String teacherId, String memberId, String memberRole, String observedStudentId) {
        public static String eventId(String relationId) {
            return "relation-added:" + relationId;
        }
    }

    /** An account was deleted; each service removes or hands over what it holds of that person, per its policy. */
    public record AccountDeleted(String accountId, List<String> roles) {
        public static String eventId(String accountId) {
            return "account-deleted:" + accountId;
        }
    }
}
