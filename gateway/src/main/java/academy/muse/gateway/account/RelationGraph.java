package academy.muse.gateway.account;

import academy.muse.contracts.events.AccountEvents;
import academy.muse.contracts.events.Events;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.platform.security.Roles;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Who is whose teacher, student or observer, and therefore who may see whom. */
@ApplicationScoped
public class RelationGraph {

    private final EventPublisher events;
    private final Clock clock;

    RelationGraph(EventPublisher events, Clock clock) {
        this.clock = clock;
        this.events = events;
    }

    void createIndexes(@Observes @Priority(1) StartupEvent start) {
        Relation.mongoCollection().createIndex(Indexes.ascending("teacherId"));
        Relation.mongoCollection().createIndex(Indexes.ascending("memberId"));
        Relation.mongoCollection().createIndex(Indexes.ascending("observedStudentId"));
    }

    /**
     * Links a student or an observer to a teacher and tells the other services. Linking the same pair again
     * changes nothing and publishes nothing new (the event id is derived from the relation).
     */
    public void link(String teacherId, String memberId, String memberRole, String observedStudentId) {
        String id = Relation.idOf(teacherId, memberId, memberRole, observedStudentId);
        if (Relation.findByIdOptional(id).isEmpty()) {
            Relation relation = new Relation();
            relation.id = id;
            relation.teacherId = teacherId;
            relation.memberId = memberId;
            relation.memberRole = memberRole;
            relation.observedStudentId = observedStudentId;
            relation.createdAt = clock.instant();
            relation.persistOrUpdate();
        }
        events.publish(Events.ACCOUNT_RELATION_ADDED, AccountEvents.RelationChanged.eventId(id), memberId,
                new AccountEvents.RelationChanged(teacherId, memberId, memberRole, observedStudentId));
    }

    /** Removes every relation an account is part of (as teacher, member or observed student): it was deleted. */
    public void forget(String accountId) {
        Relation.mongoCollection().deleteMany(Filters.or(Filters.eq("teacherId", accountId),
                Filters.eq("memberId", accountId), Filters.eq("observedStudentId", accountId)));
    }

    public boolean teaches(String teacherId, String studentId) {
        return Relation.findByIdOptional(Relation.idOf(teacherId, studentId, Roles.STUDENT, null)).isPresent();
    }

    public boolean observes(String teacherId, String observerId, String studentId) {
        return Relation.findByIdOptional(Relation.idOf(teacherId, observerId, Roles.OBSERVER, studentId)).isPresent();
    }

    /** The relation claims an access token carries for this account. */
    public TokenRelations claimsFor(Account account) {
        return switch (account.role) {
            case Roles.TEACHER -> new TokenRelations(distinct(studentsTaughtBy(account.id), r -> r.memberId),
                    List.of(), List.of());
            case Roles.STUDENT -> new TokenRelations(List.of(),
                    distinct(teachersOf(account.id), r -> r.teacherId), List.of());
            case Roles.OBSERVER -> new TokenRelations(List.of(), List.of(),
                    distinct(watchedBy(account.id), r -> r.observedStudentId));
            default -> new TokenRelations(List.of(), List.of(), List.of());
        };
    }

    /** The people this account is related to, with the names and zones the dashboard shows. */
    public RelationsView viewFor(Account account) {
        return switch (account.role) {
            case Roles.TEACHER -> new RelationsView(
                    people(studentsTaughtBy(account.id), r -> r.memberId, false), List.of(),
                    people(related(Map.of("teacherId", account.id, "memberRole", Roles.OBSERVER)), r -> r.memberId, true));
            case Roles.STUDENT -> new RelationsView(List.of(),
                    people(teachersOf(account.id), r -> r.teacherId, false),
                    people(related(Map.of("observedStudentId", account.id, "memberRole", Roles.OBSERVER)),
                            r -> r.memberId, true));
            case Roles.OBSERVER -> new RelationsView(people(watchedBy(account.id), r -> r.observedStudentId, false),
                    List.of(), List.of());
            default -> new RelationsView(List.of(), List.of(), List.of());
        };
    }

    private List<Relation> studentsTaughtBy(String teacherId) {
        return related(Map.of("teacherId", teacherId, "memberRole", Roles.STUDENT));
    }

    private List<Relation> teachersOf(String studentId) {
        return related(Map.of("memberId", studentId, "memberRole", Roles.STUDENT));
    }

    private List<Relation> watchedBy(String observerId) {
        return related(Map.of("memberId", observerId, "memberRole", Roles.OBSERVER));
    }

    private static List<Relation> related(Map<String, Object> query) {
        return Relation.list(new Document(query));
    }

    private static List<String> distinct(List<Relation> relations, Function<Relation, String> person) {
        return relations.stream().map(person).distinct().sorted().toList();
    }

    /**
     * Looks the related people up by id (one query), ordered by name. For observers, each entry says whom
     * they watch; an observer who watches two students appears once per student.
     */
    private static List<RelatedAccount> people(List<Relation> relations, Function<Relation, String> person,
                                               boolean withObserved) {
        List<String> ids = distinct(relations, person);
        Map<String, Account> accounts = Account.<Account>list(new Document("_id", new Document("$in", ids))).stream()
                .collect(Collectors.toMap(account -> account.id, Function.identity()));
        return relations.stream()
                .filter(relation -> accounts.containsKey(person.apply(relation)))
                .map(relation -> {
                    Account account = accounts.get(person.apply(relation));
                    return new RelatedAccount(account.id, account.displayName, account.zone,
                            withObserved ? relation.observedStudentId : null);
                })
                .distinct()
                .sorted(Comparator.comparing(RelatedAccount::displayName).thenComparing(RelatedAccount::id))
                .toList();
    }
}
