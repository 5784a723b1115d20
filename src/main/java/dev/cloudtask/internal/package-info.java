/**
 * Not for users: the library's single parsers (ids, durations, percentages, timestamps, numbers,
 * Retry-After, error bodies, lenient JSON) and the state-table helper. Anything here may change
 * without notice.
 */
package dev.cloudtask.internal;
