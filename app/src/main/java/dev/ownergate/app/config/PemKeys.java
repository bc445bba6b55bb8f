package dev.ownergate.app.config;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the App's RSA private key from PEM. GitHub hands out PKCS#1 ({@code BEGIN RSA PRIVATE KEY}); people who
 * converted it with openssl have PKCS#8 ({@code BEGIN PRIVATE KEY}). Both are accepted without extra libraries.
 * Messages never echo key material.
 */
public final class PemKeys {
    private PemKeys() {}

    public static PrivateKey parseRsaPrivateKey(String pem) throws ConfigException {
        String text = pem == null ? "" : pem.strip();
        try {
            if (text.contains("-----BEGIN RSA PRIVATE KEY-----")) {
                byte[] der = body(text, "RSA PRIVATE KEY");
                return KeyFactory.getInstance("RSA").generatePrivate(pkcs1(der));
            }
            if (text.contains("-----BEGIN PRIVATE KEY-----")) {
                byte[] der = body(text, "PRIVATE KEY");
                return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigException("the private key is not a valid RSA key in PEM form; download a new one from"
                    + " the App's settings page (Private keys > Generate a private key)");
        }
        throw new ConfigException("the private key must be PEM text starting with '-----BEGIN RSA PRIVATE KEY-----'"
                + " or '-----BEGIN PRIVATE KEY-----'");
    }

    private static byte[] body(String pem, String label) {
        int start = pem.indexOf("-----BEGIN " + label + "-----");
        int end = pem.indexOf("-----END " + label + "-----");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("no " + label + " block");
        }
        String base64 = pem.substring(start + label.length() + 16, end).replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    /** PKCS#1 RSAPrivateKey (RFC 8017 A.1.2): SEQUENCE { version, n, e, d, p, q, dp, dq, qinv }. */
    private static RSAPrivateCrtKeySpec pkcs1(byte[] der) {
        Der in = new Der(der);
        Der seq = in.sequence();
        List<BigInteger> ints = new ArrayList<>();
        while (seq.hasMore()) {
            ints.add(seq.integer());
        }
        if (ints.size() < 9) {
            throw new IllegalArgumentException("short RSA key");
        }
        return new RSAPrivateCrtKeySpec(ints.get(1), ints.get(2), ints.get(3), ints.get(4), ints.get(5),
                ints.get(6), ints.get(7), ints.get(8));
    }

    /** Just enough DER to read a SEQUENCE of INTEGERs. */
    private static final class Der {
        private final byte[] bytes;
        private int pos;
        private final int end;

        Der(byte[] bytes) {
            this(bytes, 0, bytes.length);
        }

        private Der(byte[] bytes, int pos, int end) {
            this.bytes = bytes;
            this.pos = pos;
            this.end = end;
        }

        boolean hasMore() {
            return pos < end;
        }

        Der sequence() {
            int len = header(0x30);
            Der inner = new Der(bytes, pos, pos + len);
            pos += len;
            return inner;
        }

        BigInteger integer() {
            int len = header(0x02);
            byte[] value = java.util.Arrays.copyOfRange(bytes, pos, pos + len);
            pos += len;
            return new BigInteger(value);
        }

        private int header(int tag) {
            if (pos >= end || (bytes[pos++] & 0xff) != tag) {
                throw new IllegalArgumentException("unexpected DER tag");
            }
            int first = bytes[pos++] & 0xff;
            if (first < 0x80) {
                return checked(first);
            }
            int count = first & 0x7f;
            if (count > 4) {
                throw new IllegalArgumentException("DER length too long");
            }
            int len = 0;
            for (int i = 0; i < count; i++) {
                len = (len << 8) | (bytes[pos++] & 0xff);
            }
            return checked(len);
        }

        private int checked(int len) {
            if (len < 0 || pos + len > end) {
                throw new IllegalArgumentException("DER length past end");
            }
            return len;
        }
    }
}
