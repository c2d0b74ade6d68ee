package academy.muse.vod.asset;

import academy.muse.contracts.events.RecordingEvents.MaterialScope;
import academy.muse.contracts.validation.PlainText;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What an owner changes about an asset ({@code PATCH /assets/{id}}); a field left out stays as it is.
 *
 * @param title a new title: 1–200 characters of plain text, not only spaces
 * @param scope whom a material is for; kind {@code all} gives it back to every student of the owner
 */
public record AssetChange(@Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
                          @PlainText String title,
                          MaterialScope scope) {
}
