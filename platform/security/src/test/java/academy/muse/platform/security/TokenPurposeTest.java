package academy.muse.platform.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenPurposeTest {

    @Test
    void aKeyIdNamesItsPurposeAndAServiceKeyItsService() {
        assertThat(TokenPurpose.ofKid("muse-user")).contains(TokenPurpose.user());
        assertThat(TokenPurpose.ofKid("muse-ticket")).contains(TokenPurpose.ticket());
        assertThat(TokenPurpose.ofKid("muse-service-rooms")).hasValueSatisfying(purpose ->
                assertThat(purpose.serviceName()).isEqualTo("rooms"));
        assertThat(TokenPurpose.service("vod").kid()).isEqualTo("muse-service-vod");
    }

    @Test
    void foreignOrEmptyKeyIdsNameNoPurpose() {
        assertThat(TokenPurpose.ofKid(null)).isEmpty();
        assertThat(TokenPurpose.ofKid("muse-")).isEmpty();
        assertThat(TokenPurpose.ofKid("other-user")).isEmpty();
    }
}
