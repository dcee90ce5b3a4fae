package org.rpyc4j.auth.ssl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cipher suites by the names users bring: the IANA names Java uses ({@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256})
 * or the OpenSSL names Python's {@code ciphers} argument takes ({@code ECDHE-RSA-AES128-GCM-SHA256}). OpenSSL's
 * cipher expressions ({@code HIGH:!aNULL}) are refused with a clear message rather than half-understood.
 *
 * <p>Like Python's {@code set_ciphers}, a list naming only TLS 1.2 suites leaves the TLS 1.3 suites as they
 * were: only a list that names TLS 1.3 suites restricts them.
 */
final class CipherSuites {
    /** The TLS 1.3 suites, in preference order. */
    static final List<String> TLS13 = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");

    /**
     * The default: TLS 1.3's suites, then TLS 1.2's forward-secret AEAD suites (Mozilla's "intermediate"
     * configuration), in preference order.
     */
    static final List<String> DEFAULTS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");

    /** OpenSSL's name of each TLS 1.2 suite the JDK implements (from {@code openssl ciphers -stdname}). */
    private static final Map<String, String> OPENSSL_TO_IANA = Map.ofEntries(
            Map.entry("ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("ECDHE-ECDSA-AES128-GCM-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("ECDHE-ECDSA-CHACHA20-POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("ECDHE-RSA-AES256-GCM-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("ECDHE-RSA-CHACHA20-POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("DHE-RSA-AES256-GCM-SHA384", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("DHE-RSA-CHACHA20-POLY1305", "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry("DHE-DSS-AES256-GCM-SHA384", "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384"),
            Map.entry("DHE-RSA-AES128-GCM-SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("DHE-DSS-AES128-GCM-SHA256", "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256"),
            Map.entry("ECDHE-ECDSA-AES256-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"),
            Map.entry("ECDHE-RSA-AES256-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"),
            Map.entry("ECDHE-ECDSA-AES128-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("ECDHE-RSA-AES128-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("DHE-RSA-AES256-SHA256", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry("DHE-DSS-AES256-SHA256", "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256"),
            Map.entry("DHE-RSA-AES128-SHA256", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("DHE-DSS-AES128-SHA256", "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256"),
            Map.entry("ECDHE-ECDSA-AES256-SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
            Map.entry("ECDHE-RSA-AES256-SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry("ECDHE-ECDSA-AES128-SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
            Map.entry("ECDHE-RSA-AES128-SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry("DHE-RSA-AES256-SHA", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry("DHE-DSS-AES256-SHA", "TLS_DHE_DSS_WITH_AES_256_CBC_SHA"),
            Map.entry("DHE-RSA-AES128-SHA", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry("DHE-DSS-AES128-SHA", "TLS_DHE_DSS_WITH_AES_128_CBC_SHA"),
            Map.entry("AES256-GCM-SHA384", "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry("AES128-GCM-SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry("AES256-SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA256"),
            Map.entry("AES128-SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256"),
            Map.entry("AES256-SHA", "TLS_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry("AES128-SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"));

    /** Tokens that make a list an OpenSSL cipher expression rather than a list of suites. */
    private static final Pattern EXPRESSION = Pattern.compile("[!+@-].*|.*\\+.*|[A-Za-z0-9]+|.*=.*");

    private CipherSuites() {
    }

    /** A list as OpenSSL and Python write it: separated by colons, commas or blanks. */
    static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        for (String token : list.split("[:,\\s]+")) {
            if (!token.isEmpty()) {
                out.add(token);
            }
        }
        return out;
    }

    /**
     * The suites to enable for {@code requested} (IANA or OpenSSL names; empty: {@link #DEFAULTS}), among those
     * {@code supported} by this JVM, given the enabled {@code protocols}.
     *
     * @throws SslConfigurationException on an expression, an unknown or unsupported name, or a list that leaves an
     *     enabled protocol without a suite
     */
    static List<String> resolve(List<String> requested, List<String> protocols, Set<String> supported) {
        if (requested.isEmpty()) {
            List<String> suites = DEFAULTS.stream().filter(supported::contains)
                    .filter(s -> protocols.contains("TLSv1.2") || TLS13.contains(s)).toList();
            if (suites.isEmpty()) {
                throw new SslConfigurationException("this JVM supports none of the default cipher suites");
            }
            return suites;
        }
        Set<String> suites = new LinkedHashSet<>();
        for (String token : requested) {
            suites.add(toIana(token, supported));
        }
        boolean names13 = suites.stream().anyMatch(TLS13::contains);
        boolean names12 = suites.stream().anyMatch(s -> !TLS13.contains(s));
        List<String> result = new ArrayList<>();
        if (protocols.contains("TLSv1.3") && !names13) {
            TLS13.stream().filter(supported::contains).forEach(result::add);   // as Python: ciphers leave TLS 1.3 alone
        }
        result.addAll(suites);
        if (protocols.equals(List.of("TLSv1.2")) && !names12) {
            throw new SslConfigurationException("ciphers " + requested + " name no TLS 1.2 suite, and only TLSv1.2 is enabled");
        }
        return List.copyOf(result);
    }

    private static String toIana(String token, Set<String> supported) {
        String upper = token.toUpperCase(Locale.ROOT);
        String iana = upper.startsWith("TLS_") || upper.startsWith("SSL_") ? upper : OPENSSL_TO_IANA.get(upper);
        if (iana == null) {
            if (EXPRESSION.matcher(token).matches()) {
                throw new SslConfigurationException("ciphers: '" + token + "' is part of an OpenSSL cipher expression, "
                        + "which is not supported; list the suites by name instead (OpenSSL or IANA names, e.g. "
                        + "ECDHE-RSA-AES128-GCM-SHA256 or TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
            }
            throw new SslConfigurationException("ciphers: unknown cipher suite '" + token + "'");
        }
        if (!supported.contains(iana)) {
            throw new SslConfigurationException("ciphers: '" + token + "' is not supported by this JVM"
                    + (iana.equals(token) ? "" : " (" + iana + ")"));
        }
        return iana;
    }
}
