package academy.muse.gateway.account;

/**
 * {@code PATCH /api/me}: each field that is present replaces the stored one; absent fields stay as they are.
 * {@code lessonReminders} turns the mailed reminders 24 h and 1 h before each lesson off or on again.
 */
public record ProfileUpdate(@DisplayName String displayName, @IanaZone String zone, @LanguageTag String locale,
                            Boolean lessonReminders) {
}
