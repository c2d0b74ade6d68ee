package academy.muse.scheduling.lesson;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.platform.security.Caller;
import academy.muse.scheduling.config.SchedulingConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/** The checks every booking passes before anything is stored. */
@ApplicationScoped
public class BookingRules {

    private final SchedulingConfig config;

    BookingRules(SchedulingConfig config) {
        this.config = config;
    }

    /** One student or a small ensemble, each of them this teacher's student. */
    public List<String> students(Caller teacher, List<String> requested) {
        List<String> students = requested.stream().distinct().toList();
        if (students.size() > config.maxStudents()) {
            throw ProblemException.unprocessable("too-many-participants",
                    "A lesson has at most %d students; %d were given".formatted(config.maxStudents(), students.size()));
        }
        students.stream().filter(student -> !teacher.students().contains(student)).findFirst().ifPresent(student -> {
            throw ProblemException.unprocessable("not-your-student", "Account " + student + " is not your student");
        });
        return students;
    }

    public Duration duration(int minutes) {
        Duration duration = Duration.ofMinutes(minutes);
        if (minutes <= 0 || duration.compareTo(config.maxDuration()) > 0) {
            throw ProblemException.unprocessable("invalid-duration",
                    "A lesson lasts between 1 minute and %d minutes; %d was given"
                            .formatted(config.maxDuration().toMinutes(), minutes));
        }
        return duration;
    }
}
