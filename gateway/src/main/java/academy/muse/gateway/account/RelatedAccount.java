package academy.muse.gateway.account;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Someone the caller is related to, as listed by {@code GET /api/me/relations}.
 *
 * @param observes for an observer: the id of the student they watch; else absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RelatedAccount(String id, String displayName, String zone, String observes) {
}
