package academy.muse.gateway.account;

import java.util.List;

/**
 * Who the caller is related to: a teacher sees their students and the observers they invited; a student
 * their teachers and the observers who watch them; an observer the students they watch.
 */
public record RelationsView(List<RelatedAccount> students, List<RelatedAccount> teachers,
                            List<RelatedAccount> observers) {

    boolean includes(String accountId) {
        return students.stream().anyMatch(related -> related.id().equals(accountId))
                || teachers.stream().anyMatch(related -> related.id().equals(accountId))
                || observers.stream().anyMatch(related -> related.id().equals(accountId));
    }
}
