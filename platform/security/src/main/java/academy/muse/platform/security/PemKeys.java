package academy.muse.platform.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the RSA key files of a keys directory in the forms our two generators write: devstack writes
 * PKCS#8 private keys and {@code PUBLIC KEY} halves; Helm writes PKCS#1 private keys ({@code genPrivateKey})
 * and, since it cannot print a bare public key, a self-signed {@code CERTIFICATE} over the same key.
 */
public final class PemKeys {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** DER of AlgorithmIdentifier { rsaEncryption, NULL }, the part PKCS#1 lacks to become PKCS#8. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemKeys() {
    }

    public static PrivateKey readPrivate(Path file) {
        return read(file, "private key", PemKeys::privateKey);
    }

    public static PublicKey readPublic(Path file) {
        return read(file, "public key", PemKeys::publicKey);
    }

    private static <K> K read(Path file, String what, Function<String, K> parse) {
        try {
            return parse.apply(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the " + what + " " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static PrivateKey privateKey(String pem) {
        Matcher block = block(pem);
        byte[] der = Base64.getMimeDecoder().decode(block.group(2));
        try {
            return switch (block.group(1)) {
                case "PRIVATE KEY" -> rsa().generatePrivate(new PKCS8EncodedKeySpec(der));
                case "RSA PRIVATE KEY" -> rsa().generatePrivate(new PKCS8EncodedKeySpec(pkcs8(der)));
                default -> throw new IllegalArgumentException("expected an RSA private key, found " + block.group(1));
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid RSA private key", e);
        }
    }

    public static PublicKey publicKey(String pem) {
        Matcher block = block(pem);
        byte[] der = Base64.getMimeDecoder().decode(block.group(2));
        try {
            return switch (block.group(1)) {
                case "PUBLIC KEY" -> rsa().generatePublic(new X509EncodedKeySpec(der));
                case "CERTIFICATE" -> CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
                default -> throw new IllegalArgumentException("expected a public key or a certificate, found " + block.group(1));
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a valid RSA public key or certificate", e);
        }
    }

    private static Matcher block(String pem) {
        Matcher block = BLOCK.matcher(pem);
        if (!block.find()) {
            throw new IllegalArgumentException("no PEM block found");
        }
        return block;
    }

    private static KeyFactory rsa() throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA");
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING (the PKCS#1 key) }. */
    private static byte[] pkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[]{0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(derHeader(0x04, pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream sequence = new ByteArrayOutputStream();
        sequence.writeBytes(derHeader(0x30, body.size()));
        sequence.writeBytes(body.toByteArray());
        return sequence.toByteArray();
    }

    private static byte[] derHeader(int tag, int length) {
        if (length < 0x80) {
            return new byte[]{(byte) tag, (byte) length};
        }
        int lengthBytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
        byte[] header = new byte[2 + lengthBytes];
        header[0] = (byte) tag;
        header[1] = (byte) (0x80 | lengthBytes);
        for (int i = 0; i < lengthBytes; i++) {
            header[2 + i] = (byte) (length >>> (8 * (lengthBytes - 1 - i)));
        }
        return header;
    }
}
