package io.liaison.contact;

/**
 * What Liaison takes as a phone number, wherever one is written (contacts, businesses, PHONE fields):
 * digits, spaces, + ( ) . - and at least 3 digits, so that duplicates can be matched on the digits.
 */
public final class PhoneNumbers {
    private PhoneNumbers() {
    }

    /** An empty string is allowed: it clears the number on update. */
    public static final String PATTERN = "^$|^(?=(?:\\D*\\d){3})\\+?[0-9 ().\\-]{3,40}$";
    public static final String PROBLEM = "must be a phone number with at least 3 digits";
}
