package academy.muse.gateway.admin;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.gateway.account.Account;
import com.mongodb.client.model.Indexes;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** Records every admin action, whatever its outcome, and lists them newest first. */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final Clock clock;

    AuditLog(Clock clock) {
        this.clock = clock;
    }

    /** What an action was done to. */
    public record Target(String type, String id, String label) {
    }

    /** An action's result, and what to write about it. */
    public record Done<T>(T result, String detail) {
    }

    public record View(String id, Instant at, String actorId, String actorEmail, String action, String targetType,
                       String targetId, String targetLabel, String outcome, String detail) {

        static View of(AuditEntry entry) {
            return new View(entry.id, entry.at, entry.actorId, entry.actorEmail, entry.action, entry.targetType,
                    entry.targetId, entry.targetLabel, entry.outcome, entry.detail);
        }
    }

    void createIndexes(@Observes @Priority(1) StartupEvent start) {
        AuditEntry.mongoCollection().createIndex(Indexes.descending("at"));
    }

    /**
     * Runs an action and records it: succeeded with the action's own detail, refused with the problem's detail,
     * or failed. The entry is written after the action, so it says how the action really ended.
     */
    public <T> T record(Account actor, String action, Target target, Supplier<Done<T>> work) {
        try {
            Done<T> done = work.get();
            append(actor, action, target, "succeeded", done.detail());
            return done.result();
        } catch (ProblemException refused) {
            append(actor, action, target, "refused", refused.getMessage());
            throw refused;
        } catch (RuntimeException failed) {
            append(actor, action, target, "failed", failed.getClass().getSimpleName());
            throw failed;
        }
    }

    public List<View> page(int page, int size) {
        return AuditEntry.<AuditEntry>findAll(Sort.descending("at", "_id")).page(Page.of(page, size)).list().stream()
                .map(View::of).toList();
    }

    public long count() {
        return AuditEntry.count();
    }

    private void append(Account actor, String action, Target target, String outcome, String detail) {
        AuditEntry entry = new AuditEntry();
        // An ObjectId grows with each entry a process writes, so entries within one millisecond still sort in order.
        entry.id = new ObjectId().toHexString();
        entry.at = clock.instant();
        entry.actorId = actor.id;
        entry.actorEmail = actor.email;
        entry.action = action;
        entry.targetType = target.type();
        entry.targetId = target.id();
        entry.targetLabel = target.label();
        entry.outcome = outcome;
        entry.detail = detail;
        entry.persist();
        LOG.infof("Admin %s: %s %s %s: %s", actor.id, action, target.type(), target.id(), outcome);
    }
}
