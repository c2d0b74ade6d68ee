package academy.muse.vod.policy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How long a teacher's replays and previews are kept, and whether the lesson's original tracks outlive the
 * verified replay. Once a replay or preview is older than its months, retention deletes it (the deletion grace
 * period then applies before its media is removed).
 *
 * @param replaysMonths  months a replay is kept after its lesson was recorded; null keeps replays for ever
 * @param previewsMonths months a preview is kept after it was uploaded; null keeps previews for ever
 */
public record RetentionPolicy(
        @NotNull(message = "must be true or false") Boolean keepOriginals,
        @Min(value = 1, message = "must be at least 1 month, or null for ever")
        @Max(value = MAX_MONTHS, message = "must be at most 1200 months, or null for ever") Integer replaysMonths,
        @Min(value = 1, message = "must be at least 1 month, or null for ever")
        @Max(value = MAX_MONTHS, message = "must be at most 1200 months, or null for ever") Integer previewsMonths) {

    /** A hundred years: anything longer is "for ever", which null says more plainly. */
    static final int MAX_MONTHS = 1200;
}
