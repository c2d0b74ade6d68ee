package academy.muse.platform.security;

import academy.muse.devstack.DevKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The key files as both generators write them: devstack (PKCS#8, PUBLIC KEY) and Helm (PKCS#1, CERTIFICATE). */
class PemKeysTest {

    @TempDir
    Path directory;

    @Test
    void devstackWritesOnePairPerPurposeThatLoadsAndMatches() throws Exception {
        DevKeys.ensure(directory);

        for (String purpose : DevKeys.purposes()) {
            PrivateKey signing = PemKeys.readPrivate(DevKeys.privateKey(directory, purpose));
            PublicKey verifying = PemKeys.readPublic(DevKeys.publicKey(directory, purpose));
            assertThat(verifies(signing, verifying)).as(purpose).isTrue();
        }
        assertThat(Files.readString(DevKeys.privateKey(directory, "user"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(DevKeys.publicKey(directory, "user"))).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    @Test
    void eachPurposeHasItsOwnKey() {
        DevKeys.ensure(directory);

        PrivateKey ticket = PemKeys.readPrivate(DevKeys.privateKey(directory, "ticket"));
        PublicKey user = PemKeys.readPublic(DevKeys.publicKey(directory, "user"));
        assertThat(verifies(ticket, user)).isFalse();
    }

    @Test
    void helmsPkcs1KeyAndSelfSignedCertificateLoadAndMatch() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl makes Helm's key forms (.ci/run installs it)");
        Path key = directory.resolve("user.pem");
        Path certificate = directory.resolve("user-cert.pem");
        openssl("genrsa", "-traditional", "-out", key.toString(), "2048");
        openssl("req", "-x509", "-new", "-key", key.toString(), "-subj", "/CN=muse-user", "-days", "3650",
                "-out", certificate.toString());

        assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(Files.readString(certificate)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(verifies(PemKeys.readPrivate(key), PemKeys.readPublic(certificate))).isTrue();
    }

    @Test
    void aFileThatHoldsNoKeySaysWhichFileItIs() throws Exception {
        Path file = directory.resolve("user.pem");
        Files.writeString(file, "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n");

        assertThatThrownBy(() -> PemKeys.readPublic(file)).hasMessageContaining(file.toString())
                .hasMessageContaining("CERTIFICATE REQUEST");
        assertThatThrownBy(() -> PemKeys.readPrivate(directory.resolve("missing.pem")))
                .hasMessageContaining("missing.pem");
    }

    private static boolean verifies(PrivateKey signing, PublicKey verifying) {
        try {
            byte[] message = "a lesson on Tuesday".getBytes();
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(signing);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(verifying);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void openssl(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = "openssl";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
    }
}
