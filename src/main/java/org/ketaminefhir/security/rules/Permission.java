package org.ketaminefhir.security.rules;

/** The SMART v2 permissions, in their canonical order c, r, u, d, s. */
public enum Permission {
    CREATE('c'),
    READ('r'),
    UPDATE('u'),
    DELETE('d'),
    SEARCH('s');

    private final char letter;

    Permission(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }
}
