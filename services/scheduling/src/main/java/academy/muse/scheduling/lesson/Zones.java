package academy.muse.scheduling.lesson;

import academy.muse.contracts.problem.ProblemException;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** IANA zones from requests and tokens. */
public final class Zones {

    private Zones() {
    }

    /** The named region zone, or 422 when it is not a known IANA zone. */
    public static ZoneId require(String zone) {
        if (zone == null || zone.isBlank()) {
            throw ProblemException.unprocessable("unknown-zone", "A time zone is required, e.g. Asia/Seoul");
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ProblemException.unprocessable("unknown-zone", "'" + zone + "' is not a known IANA time zone");
        }
    }

    /** The viewer's zone: the {@code ?zone=} override, else the token's zone, else UTC. */
    public static ZoneId viewer(String override, String tokenZone) {
        if (override != null && !override.isBlank()) {
            return require(override);
        }
        if (tokenZone != null && !tokenZone.isBlank()) {
            try {
                return ZoneId.of(tokenZone);
            } catch (DateTimeException e) {
                return ZoneOffset.UTC;
            }
        }
        return ZoneOffset.UTC;
    }
}
