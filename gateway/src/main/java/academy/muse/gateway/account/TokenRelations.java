package academy.muse.gateway.account;

import java.util.List;

/** The relation claims of an access token: a teacher's students, a student's teachers, an observer's students. */
public record TokenRelations(List<String> students, List<String> teachers, List<String> observes) {
}
