package dev.sitrep.http;

import java.net.http.HttpHeaders;

/** A 2xx answer: its status, body (empty when there was none) and headers. */
public record Answer(int status, String body, HttpHeaders headers) {
}
