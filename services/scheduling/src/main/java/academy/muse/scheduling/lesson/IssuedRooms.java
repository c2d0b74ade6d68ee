package academy.muse.scheduling.lesson;

/**
 * Keeps a lesson's issued room in step with the lesson when the teacher moves it. The room issuer's package
 * implements it (it knows how rooms are asked for), so this package does not depend on it.
 */
public interface IssuedRooms {

    /**
     * Asks rooms to give the lesson's room the lesson's times (as set on it, not yet stored). Throws a
     * {@code ProblemException} when rooms cannot or will not: then nothing may be stored.
     */
    void follow(Lesson lesson);
}
