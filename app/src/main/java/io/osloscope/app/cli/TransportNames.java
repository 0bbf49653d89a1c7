package io.osloscope.app.cli;

import java.util.regex.Pattern;

/** Transport URLs as shown to people: the password never appears. */
final class TransportNames {
    private static final Pattern PASSWORD = Pattern.compile("([/,][^:/@,]*:)[^@/,]*@");

    private TransportNames() {
    }

    static String masked(String url) {
        return PASSWORD.matcher(url).replaceAll("$1****@");
    }
}
