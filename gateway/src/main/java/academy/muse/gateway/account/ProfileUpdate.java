package academy.muse.gateway.account;

/** {@code PATCH /api/me}: each field that is present replaces the stored one; absent fields stay as they are. */
public record ProfileUpdate(@DisplayName String displayName, @IanaZone String zone, @LanguageTag String locale) {
}
