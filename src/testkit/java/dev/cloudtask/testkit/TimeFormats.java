package dev.cloudtask.testkit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The timestamp styles the real services use, all rendered in UTC. */
final class TimeFormats {
    /** CCE (Go {@code time.Time.String()}): {@code 2020-02-02 08:12:40.672772389 +0000 UTC}. */
    static final DateTimeFormatter CCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS Z 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** DCS: {@code 2022-09-01 11:52:24}. */
    static final DateTimeFormatter DCS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** DWS: {@code 2022-11-09T20:25:00} (no zone). */
    static final DateTimeFormatter DWS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** IAM {@code expires_at}: {@code 2020-01-05T06:44:32.311000Z}. */
    static final DateTimeFormatter IAM =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** DCS background-task list: {@code 2020-06-17T07:38:42.503Z}. */
    static final DateTimeFormatter DCS_TASK_LIST =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** HTTP {@code Date} header. */
    static final DateTimeFormatter HTTP = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private TimeFormats() {
    }

    static String cce(Instant t) {
        return CCE.format(t);
    }

    static String dcs(Instant t) {
        return DCS.format(t);
    }

    static String dcsTaskList(Instant t) {
        return DCS_TASK_LIST.format(t);
    }

    static String dws(Instant t) {
        return DWS.format(t);
    }

    static String iam(Instant t) {
        return IAM.format(t);
    }
}
